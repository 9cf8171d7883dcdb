import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { s3Collector, type S3AccountItem, type S3Inventory } from '../collect.js';
import { BLOCK_PUBLIC_ACCESS_SETTINGS } from '../model.js';

export default defineCheck<S3Inventory, S3AccountItem>({
  meta: {
    id: 's3-account-block-public-access-enabled',
    service: 's3',
    title: 'S3 Block Public Access is fully on for the account',
    description:
      'Checks that the account-level S3 Block Public Access settings BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets are all on, so no bucket of the account can be made public by an ACL or a bucket policy. An account with no configuration has every setting off.',
    severity: 'MEDIUM',
    resourceType: 'AwsAccount',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Turn on all four Block Public Access settings for the account (S3 console > Block Public Access settings for this account, or s3control put-public-access-block). Serve intentionally public content through CloudFront with origin access control.',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
    },
    compliance: { fsbp: ['S3.1'], cis: ['2.1.4'], nist: ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7'] },
  },
  collector: s3Collector,
  select: (inventory) => [inventory.account],
  evaluate(account) {
    const config = need(account.publicAccessBlock, 'the account Block Public Access settings');
    if (!config) return fail(`account ${account.ref.id} has no Block Public Access configuration: every setting is off`, { configured: false, off: [...BLOCK_PUBLIC_ACCESS_SETTINGS] });
    const off = BLOCK_PUBLIC_ACCESS_SETTINGS.filter((setting) => !config[setting]);
    if (off.length > 0) return fail(`account ${account.ref.id} has Block Public Access off for ${off.join(', ')}`, { configured: true, off, ...config });
    return pass('all four account-level settings are on', { configured: true, ...config });
  },
});
