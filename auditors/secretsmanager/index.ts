import type { Auditor } from '../../src/core/registry.js';
import { secretsManagerCollector } from './collect.js';
import rotationEnabled from './checks/secretsmanager-secret-rotation-enabled.js';
import rotatedRecently from './checks/secretsmanager-secret-rotated-recently.js';

export const secretsmanagerAuditor: Auditor = {
  service: 'secretsmanager',
  collector: secretsManagerCollector,
  checks: [rotationEnabled, rotatedRecently],
};
