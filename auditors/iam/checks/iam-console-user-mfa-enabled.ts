import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { iamCollector, type IamInventory, type IamUserItem } from '../collect.js';
import { reportFlag } from '../credential-report.js';
import { credentialRow } from '../inputs.js';

export default defineCheck<IamInventory, IamUserItem>({
  meta: {
    id: 'iam-console-user-mfa-enabled',
    service: 'iam',
    title: 'IAM users with a console password have MFA enabled',
    description:
      'FSBP IAM.5 and CIS 1.10: reads each user\'s row of the IAM credential report and fails a user whose console password is enabled (password_enabled) without any MFA device (mfa_active). Users without a console password are not judged. The report can be up to 4 hours old; a user created since is an ERROR until it lists them.',
    severity: 'MEDIUM',
    resourceType: 'AwsIamUser',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Have the user assign an MFA device (FIDO security key, authenticator app or hardware token) under Security credentials, and enforce it with a policy that denies actions without aws:MultiFactorAuthPresent; or remove the console password if the user does not need it.',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
    },
    compliance: { fsbp: ['IAM.5'], cis: ['1.10'], nist: ['IA-2(1)', 'IA-2(2)', 'AC-17'] },
  },
  collector: iamCollector,
  select: (inventory) => inventory.users ?? [],
  evaluate(user) {
    const row = credentialRow(user.credentials, `user ${user.userName}`);
    if (!reportFlag(row, 'password_enabled', `user ${user.userName}`)) return notApplicable(`user ${user.userName} has no console password`);
    const mfa = reportFlag(row, 'mfa_active', `user ${user.userName}`);
    const evidence = { user_name: user.userName, password_enabled: true, mfa_active: mfa };
    if (mfa) return pass('console password with MFA', evidence);
    return fail(`user ${user.userName} signs in to the console with a password and no MFA device`, evidence);
  },
});
