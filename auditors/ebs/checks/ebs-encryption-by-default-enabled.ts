import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { ebsCollector, type EbsAccountItem, type EbsInventory } from '../collect.js';

export default defineCheck<EbsInventory, EbsAccountItem>({
  meta: {
    id: 'ebs-encryption-by-default-enabled',
    service: 'ebs',
    title: 'EBS encryption by default is enabled in the region',
    description:
      'Checks that EBS encryption by default is on for the account in the scanned region, so every new volume and snapshot copy is encrypted whatever the caller asks for (ElectricEye "Is account level encryption by default enabled"). The setting is per region.',
    severity: 'MEDIUM',
    resourceType: 'AwsAccount',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark'],
    remediation: {
      text: 'Turn on encryption by default in every region you use (aws ec2 enable-ebs-encryption-by-default --region <region>), optionally with a customer managed KMS key (aws ec2 modify-ebs-default-kms-key-id).',
      url: 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
    },
    compliance: { fsbp: ['EC2.7'], cis: ['2.2.1'], nist: ['SC-13', 'SC-28'] },
  },
  collector: ebsCollector,
  select: (inventory) => (inventory.account ? [inventory.account] : []),
  evaluate(account) {
    if (need(account.encryptionByDefault, 'the EBS encryption-by-default setting')) return pass('on');
    return fail(`EBS encryption by default is off in ${account.ref.region}`, { ebs_encryption_by_default: false, region: account.ref.region });
  },
});
