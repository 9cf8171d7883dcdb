import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { iamCollector, type IamAccountItem, type IamInventory } from '../collect.js';
import { readInput } from '../inputs.js';

export default defineCheck<IamInventory, IamAccountItem>({
  meta: {
    id: 'iam-root-mfa-enabled',
    service: 'iam',
    title: 'The root user has MFA enabled',
    description:
      'CIS 1.5 (Security Hub IAM.9 in its CIS standards): fails when the account summary reports AccountMFAEnabled 0, so the root user signs in with its password alone. Any MFA device counts here (virtual, hardware or FIDO security key); iam-root-hardware-mfa-enabled asks for a hardware one. A member account whose root credentials were removed by centralized root access management also reports 0: exempt it.',
    severity: 'CRITICAL',
    resourceType: 'AwsAccount',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Sign in as the root user, open Security credentials and assign an MFA device (a FIDO security key or hardware TOTP token is best); keep it somewhere safe that does not depend on one person.',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    },
    compliance: { cis: ['1.5'], nist: ['IA-2(1)', 'IA-2(2)'] },
  },
  collector: iamCollector,
  select: (inventory) => (inventory.account ? [inventory.account] : []),
  evaluate(account) {
    const enabled = reported(readInput(account.summary, 'the account summary').AccountMFAEnabled, 'AccountMFAEnabled in the account summary');
    if (enabled === 1) return pass('the root user has MFA', { AccountMFAEnabled: enabled });
    return fail(`the root user of account ${account.ref.id} has no MFA device`, { AccountMFAEnabled: enabled });
  },
});
