import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { analyseSecureTransport, type RequiredAccess } from '../../../src/policy/index.js';
import { s3Collector, type S3BucketItem, type S3Inventory } from '../collect.js';

/** The accesses a TLS-only policy must refuse over plain HTTP: object reads and writes, bucket listing. */
export function requiredAccess(bucketArn: string): RequiredAccess[] {
  return [
    { action: 's3:GetObject', resource: `${bucketArn}/*` },
    { action: 's3:PutObject', resource: `${bucketArn}/*` },
    { action: 's3:ListBucket', resource: bucketArn },
  ];
}

const parameters = z
  .object({
    /** Also require a Deny with NumericLessThan s3:TlsVersion at least this version (e.g. 1.2); null to skip. */
    minimumTlsVersion: z.number().min(1).max(1.3).nullable().default(null),
  })
  .strict();

export default defineCheck<S3Inventory, S3BucketItem, z.infer<typeof parameters>>({
  meta: {
    id: 's3-bucket-policy-denies-insecure-transport',
    service: 's3',
    title: 'S3 bucket policies refuse requests that do not use TLS',
    description:
      'Checks that the bucket policy has a Deny statement for Principal "*" whose only condition is Bool aws:SecureTransport "false", covering s3:GetObject and s3:PutObject on the objects and s3:ListBucket on the bucket (Action "s3:*" on the bucket and bucket/* does). A Deny narrowed by further conditions does not count. With minimumTlsVersion set, a Deny with NumericLessThan s3:TlsVersion at least that version is required too.',
    severity: 'MEDIUM',
    resourceType: 'AwsS3Bucket',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Add to the bucket policy a statement with Effect Deny, Principal "*", Action "s3:*", Resource the bucket ARN and the bucket ARN followed by /*, and Condition {"Bool": {"aws:SecureTransport": "false"}}.',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit',
    },
    compliance: { fsbp: ['S3.5'], cis: ['2.1.1'], nist: ['AC-17', 'SC-8', 'SC-13', 'SC-23'] },
  },
  collector: s3Collector,
  parameters,
  select: (inventory) => inventory.buckets,
  evaluate(bucket, params) {
    const policy = need(bucket.policy, 'the bucket policy');
    if (policy === undefined) return fail(`bucket ${bucket.name} has no bucket policy, so requests without TLS are not refused`, { policy: null });
    const answer = analyseSecureTransport(policy, requiredAccess(bucket.ref.arn));
    const evidence = {
      denyingStatements: answer.statements,
      uncovered: answer.uncovered,
      ignoredStatements: answer.ignored,
      minimumTlsVersion: answer.minimumTlsVersion,
    };
    if (!answer.deniesInsecureTransport) {
      const missing = answer.uncovered.map((a) => `${a.action} on ${a.resource}`).join(', ');
      return fail(`the policy of bucket ${bucket.name} does not refuse requests without TLS for ${missing}`, evidence);
    }
    if (params.minimumTlsVersion !== null && (answer.minimumTlsVersion ?? 0) < params.minimumTlsVersion) {
      return fail(`the policy of bucket ${bucket.name} refuses plain HTTP but does not enforce TLS ${params.minimumTlsVersion} or newer`, { ...evidence, requiredTlsVersion: params.minimumTlsVersion });
    }
    return pass('the bucket policy refuses requests without TLS', evidence);
  },
});
