import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { s3Collector, type S3BucketItem, type S3Inventory } from '../collect.js';

export default defineCheck<S3Inventory, S3BucketItem>({
  meta: {
    id: 's3-bucket-lifecycle-configured',
    service: 's3',
    title: 'S3 buckets have at least one enabled lifecycle rule',
    description:
      'Ports ElectricEye "Is a bucket lifecycle enabled": checks that the bucket has a lifecycle configuration with at least one Enabled rule, so old objects, noncurrent versions and incomplete multipart uploads are expired or moved to cheaper storage instead of kept forever.',
    severity: 'LOW',
    resourceType: 'AwsS3Bucket',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Add a lifecycle rule that matches the data retention of the bucket: expire or transition current objects, expire noncurrent versions, and abort incomplete multipart uploads after a few days.',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-set-lifecycle-configuration-intro.html',
    },
    compliance: { fsbp: ['S3.13'], nist: ['SI-12', 'CP-10'] },
  },
  collector: s3Collector,
  select: (inventory) => inventory.buckets,
  evaluate(bucket) {
    const rules = need(bucket.lifecycle, 'the bucket lifecycle configuration');
    const enabled = rules.filter((r) => r.status === 'Enabled').map((r) => r.id ?? '(unnamed)');
    if (enabled.length > 0) return pass(`${enabled.length} enabled lifecycle rule(s)`, { enabledRules: enabled });
    if (rules.length === 0) return fail(`bucket ${bucket.name} has no lifecycle configuration`, { rules: 0 });
    return fail(`every lifecycle rule of bucket ${bucket.name} is disabled`, { disabledRules: rules.map((r) => r.id ?? '(unnamed)') });
  },
});
