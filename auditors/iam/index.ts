import type { Auditor } from '../../src/core/registry.js';
import { iamCollector } from './collect.js';
import keyRotated from './checks/iam-access-key-rotated.js';
import keyUsedRecently from './checks/iam-access-key-used-recently.js';
import passwordPolicy from './checks/iam-password-policy-meets-cis.js';
import deactivateOldKey from './remediations/iam-deactivate-old-access-key.js';
import deactivateUnusedKey from './remediations/iam-deactivate-unused-access-key.js';

export const iamAuditor: Auditor = {
  service: 'iam',
  collector: iamCollector,
  checks: [keyRotated, keyUsedRecently, passwordPolicy],
  remediations: [deactivateOldKey, deactivateUnusedKey],
};
