import type { Auditor } from '../../src/core/registry.js';
import { iamCollector } from './collect.js';
import keyRotated from './checks/iam-access-key-rotated.js';
import keyUsedRecently from './checks/iam-access-key-used-recently.js';
import passwordPolicy from './checks/iam-password-policy-meets-cis.js';

export const iamAuditor: Auditor = {
  service: 'iam',
  collector: iamCollector,
  checks: [keyRotated, keyUsedRecently, passwordPolicy],
};
