import type { Auditor } from '../../src/core/registry.js';
import { cognitoCollector } from './collect.js';
import mfaRequired from './checks/cognito-user-pool-mfa-required.js';
import passwordPolicyStrong from './checks/cognito-user-pool-password-policy-strong.js';
import temporaryPasswordShortLived from './checks/cognito-user-pool-temporary-password-short-lived.js';

export const cognitoAuditor: Auditor = {
  service: 'cognito',
  collector: cognitoCollector,
  checks: [passwordPolicyStrong, temporaryPasswordShortLived, mfaRequired],
};
