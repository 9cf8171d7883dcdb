import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { effectiveSettings, settingsEvidence } from '../block-public-access.js';
import { s3Collector, type S3BucketItem, type S3Inventory } from '../collect.js';
import { BLOCK_PUBLIC_ACCESS_SETTINGS } from '../model.js';

export default defineCheck<S3Inventory, S3BucketItem>({
  meta: {
    id: 's3-bucket-block-public-access-enabled',
    service: 's3',
    title: 'S3 buckets have all four Block Public Access settings in effect',
    description:
      'Checks that BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets are all in effect for the bucket. As S3 does, a setting counts as in effect when it is on at the bucket or at the account level, so an account with Block Public Access fully on passes every bucket; the evidence shows each setting at both levels. FSBP S3.8 looks at the bucket level only.',
    severity: 'HIGH',
    resourceType: 'AwsS3Bucket',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Turn on all four Block Public Access settings for the bucket (or for the whole account). If the bucket must serve public content, serve it through CloudFront with origin access control instead.',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html',
    },
    compliance: { fsbp: ['S3.8'], cis: ['2.1.4'], nist: ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7'] },
  },
  collector: s3Collector,
  select: (inventory) => inventory.buckets,
  evaluate(bucket, _params, inventory) {
    const settings = effectiveSettings(bucket.publicAccessBlock, inventory.account.publicAccessBlock, BLOCK_PUBLIC_ACCESS_SETTINGS);
    const off = settings.filter((s) => !s.effective).map((s) => s.setting);
    const evidence = settingsEvidence(settings);
    if (off.length > 0) return fail(`Block Public Access for bucket ${bucket.name} is off for ${off.join(', ')} at both bucket and account level`, { off, ...evidence });
    const fromAccount = settings.filter((s) => s.bucket !== true).map((s) => s.setting);
    return pass(fromAccount.length === 0 ? 'all four settings are on at bucket level' : `in effect; ${fromAccount.join(', ')} from the account level`, evidence);
  },
});
