import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { iamCollector, type IamAccountItem, type IamInventory } from '../collect.js';
import { readInput } from '../inputs.js';

export default defineCheck<IamInventory, IamAccountItem>({
  meta: {
    id: 'iam-root-no-access-keys',
    service: 'iam',
    title: 'The root user has no access keys',
    description:
      'FSBP IAM.4 and CIS 1.4: fails when the account summary reports AccountAccessKeysPresent 1. A root access key signs API calls with every permission in the account, no policy can limit it, and it never expires.',
    severity: 'CRITICAL',
    resourceType: 'AwsAccount',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Move whatever uses the root access key to an IAM role, then sign in as the root user and delete the key under Security credentials (deactivate it first to see what breaks).',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
    },
    compliance: { fsbp: ['IAM.4'], cis: ['1.4'], nist: ['AC-2(1)', 'AC-3(15)', 'AC-6(10)'] },
  },
  collector: iamCollector,
  select: (inventory) => (inventory.account ? [inventory.account] : []),
  evaluate(account) {
    const present = reported(readInput(account.summary, 'the account summary').AccountAccessKeysPresent, 'AccountAccessKeysPresent in the account summary');
    if (present === 0) return pass('the root user has no access key', { AccountAccessKeysPresent: present });
    return fail(`the root user of account ${account.ref.id} has an access key`, { AccountAccessKeysPresent: present });
  },
});
