import type { Auditor } from '../../src/core/registry.js';
import { iamCollector } from './collect.js';
import keyRotated from './checks/iam-access-key-rotated.js';
import keyUsedRecently from './checks/iam-access-key-used-recently.js';
import passwordPolicy from './checks/iam-password-policy-meets-cis.js';
import rootMfa from './checks/iam-root-mfa-enabled.js';
import rootHardwareMfa from './checks/iam-root-hardware-mfa-enabled.js';
import rootNoAccessKeys from './checks/iam-root-no-access-keys.js';
import rootNotUsed from './checks/iam-root-not-used-recently.js';
import consoleUserMfa from './checks/iam-console-user-mfa-enabled.js';
import consolePasswordUsed from './checks/iam-console-password-used-recently.js';
import noFullAdmin from './checks/iam-policy-no-full-admin-privileges.js';
import supportRole from './checks/iam-support-role-exists.js';
import throughGroups from './checks/iam-user-permissions-through-groups-only.js';
import deactivateOldKey from './remediations/iam-deactivate-old-access-key.js';
import deactivateUnusedKey from './remediations/iam-deactivate-unused-access-key.js';

export const iamAuditor: Auditor = {
  service: 'iam',
  collector: iamCollector,
  checks: [
    keyRotated, keyUsedRecently, passwordPolicy,
    rootMfa, rootHardwareMfa, rootNoAccessKeys, rootNotUsed, supportRole,
    consoleUserMfa, consolePasswordUsed, throughGroups, noFullAdmin,
  ],
  remediations: [deactivateOldKey, deactivateUnusedKey],
};
