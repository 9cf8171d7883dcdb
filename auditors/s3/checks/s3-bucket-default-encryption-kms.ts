import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { s3Collector, type S3BucketItem, type S3Inventory } from '../collect.js';

const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

const parameters = z
  .object({
    /** When true, only SSE-KMS (aws:kms or aws:kms:dsse) default encryption passes. */
    requireKms: z.boolean().default(false),
  })
  .strict();

export default defineCheck<S3Inventory, S3BucketItem, z.infer<typeof parameters>>({
  meta: {
    id: 's3-bucket-default-encryption-kms',
    service: 's3',
    title: 'S3 buckets encrypt new objects by default, with SSE-KMS where required',
    description:
      'The modernised form of Hammer s3_encryption and ElectricEye "Is bucket encryption enabled". Since January 2023 S3 encrypts every new object with SSE-S3 at least, so by default any default encryption passes, and an answer without a configuration is read as that SSE-S3 default. With requireKms set, the default must be SSE-KMS (aws:kms or aws:kms:dsse), as FSBP S3.17 requires: SSE-S3 or no configuration fails.',
    severity: 'MEDIUM',
    resourceType: 'AwsS3Bucket',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Set the bucket default encryption to SSE-KMS with a customer managed KMS key (and S3 Bucket Keys to cut KMS cost). New objects are then encrypted with that key; re-copy existing objects to re-encrypt them.',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html',
    },
    compliance: { fsbp: ['S3.17'], nist: ['SC-12', 'SC-13', 'SC-28'] },
  },
  collector: s3Collector,
  parameters,
  select: (inventory) => inventory.buckets,
  evaluate(bucket, params) {
    const rules = need(bucket.encryption, 'the bucket default encryption');
    if (!rules) {
      const evidence = { configured: false, assumed: 'AES256 (SSE-S3, the S3 default since January 2023)', requireKms: params.requireKms };
      if (params.requireKms) return fail(`bucket ${bucket.name} has no default encryption configuration, so it gets SSE-S3, not SSE-KMS`, evidence);
      return pass('no default encryption configuration was returned; S3 applies SSE-S3 to every new object', evidence);
    }
    const algorithms = rules.map((r) => r.algorithm ?? 'unknown');
    const kms = rules.find((r) => r.algorithm !== undefined && KMS_ALGORITHMS.has(r.algorithm));
    const evidence = { configured: true, algorithms, kmsKeyId: kms?.kmsKeyId ?? null, requireKms: params.requireKms };
    if (kms) return pass(`default encryption is ${kms.algorithm}${kms.kmsKeyId ? ` with key ${kms.kmsKeyId}` : ' with the AWS managed key'}`, evidence);
    if (params.requireKms) return fail(`bucket ${bucket.name} encrypts by default with ${algorithms.join(', ')}, not SSE-KMS`, evidence);
    return pass(`default encryption is ${algorithms.join(', ')}; SSE-KMS is not required`, evidence);
  },
});
