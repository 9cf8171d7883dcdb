import { z } from 'zod';
import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { cognitoCollector, type CognitoInventory, type CognitoUserPoolItem } from '../collect.js';

const parameters = z
  .object({
    /** The longest a temporary password may stay valid; 7 is the default of FSBP Cognito.3 (temporaryPasswordValidity). */
    maxDays: z.number().int().min(1).max(365).default(7),
  })
  .strict();

export default defineCheck<CognitoInventory, CognitoUserPoolItem, z.infer<typeof parameters>>({
  meta: {
    id: 'cognito-user-pool-temporary-password-short-lived',
    service: 'cognito',
    title: 'Cognito user pool temporary passwords expire within a week',
    description:
      'Flags a user pool whose temporary passwords (those an administrator sets when creating a user, sent by email or SMS) stay valid longer than maxDays (default 7, as FSBP Cognito.3). Until the user signs in, a temporary password in a mailbox is a working credential. A validity the service did not report is an ERROR, never a guess.',
    severity: 'LOW',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: "Set the user pool's PasswordPolicy.TemporaryPasswordValidityDays to 7 or fewer (console: Authentication methods, Password policy, temporary passwords set by administrators expire in). Users who miss the window get a new invitation from an administrator.",
      url: 'https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html',
    },
    compliance: { fsbp: ['Cognito.3'], nist: ['IA-5'] },
  },
  collector: cognitoCollector,
  parameters,
  select: (inventory) => inventory.userPools,
  evaluate(pool, params) {
    const policy = reported(need(pool.settings, 'the user pool').passwordPolicy, 'Policies.PasswordPolicy', pool.id);
    const days = reported(policy.temporaryPasswordValidityDays, 'PasswordPolicy.TemporaryPasswordValidityDays', pool.id);
    const evidence = { TemporaryPasswordValidityDays: days, maxDays: params.maxDays };
    if (days <= params.maxDays) return pass(`temporary passwords expire after ${days} day(s)`, evidence);
    return fail(`temporary passwords of user pool ${pool.name} stay valid ${days} days (more than ${params.maxDays})`, evidence);
  },
});
