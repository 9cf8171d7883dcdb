import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { s3Collector, type S3BucketItem, type S3Inventory } from '../collect.js';

export default defineCheck<S3Inventory, S3BucketItem>({
  meta: {
    id: 's3-bucket-versioning-enabled',
    service: 's3',
    title: 'S3 buckets have versioning enabled',
    description:
      'Checks that versioning is Enabled, so an overwritten or deleted object can be recovered. A bucket whose versioning is Suspended, or was never enabled, fails. MFA delete is reported but not required.',
    severity: 'LOW',
    resourceType: 'AwsS3Bucket',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Destruction'],
    remediation: {
      text: 'Enable versioning on the bucket, and add a lifecycle rule that expires noncurrent versions after the retention you need so storage does not grow without bound.',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/manage-versioning-examples.html',
    },
    compliance: { fsbp: ['S3.14'], nist: ['CP-9', 'CP-10', 'SI-12'] },
  },
  collector: s3Collector,
  select: (inventory) => inventory.buckets,
  evaluate(bucket) {
    const versioning = need(bucket.versioning, 'the bucket versioning');
    const evidence = { status: versioning.status ?? 'NeverEnabled', mfaDelete: versioning.mfaDelete ?? 'Disabled' };
    if (versioning.status === 'Enabled') return pass('versioning is enabled', evidence);
    if (versioning.status === 'Suspended') return fail(`versioning of bucket ${bucket.name} is suspended`, evidence);
    return fail(`versioning of bucket ${bucket.name} was never enabled`, evidence);
  },
});
