import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { analysePublicAccess } from '../../../src/policy/index.js';
import { effectiveSettings } from '../block-public-access.js';
import { s3Collector, type S3BucketItem, type S3Inventory } from '../collect.js';

const parameters = z
  .object({
    /** When RestrictPublicBuckets is on (bucket or account), S3 limits a public policy to the owner's account and AWS services: pass, noting the statements. */
    creditBlockPublicAccess: z.boolean().default(true),
  })
  .strict();

export default defineCheck<S3Inventory, S3BucketItem, z.infer<typeof parameters>>({
  meta: {
    id: 's3-bucket-policy-not-public',
    service: 's3',
    title: 'S3 bucket policies do not grant access to everyone',
    description:
      'Flags a bucket whose policy has an Allow statement for Principal "*" (or {"AWS": "*"}, or a NotPrincipal) that no condition restricts to a fixed account, organization, VPC, VPC endpoint, principal ARN or private IP range, as Hammer s3_bucket_policy did. IfExists and ForAllValues conditions, wildcard values and public IP ranges do not restrict. Service principals are not public. By default a bucket passes when Block Public Access RestrictPublicBuckets is on at bucket or account level; set creditBlockPublicAccess to false to flag every public statement.',
    severity: 'CRITICAL',
    resourceType: 'AwsS3Bucket',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Back up the bucket policy, then replace Principal "*" in the listed statements with the accounts or roles that need access, or add a condition that fixes the caller (aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp with private ranges). Turn on Block Public Access.',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
    },
    compliance: { fsbp: ['S3.2', 'S3.3'], nist: ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7'] },
  },
  collector: s3Collector,
  parameters,
  select: (inventory) => inventory.buckets,
  evaluate(bucket, params, inventory) {
    const policy = need(bucket.policy, 'the bucket policy');
    if (policy === undefined) return pass('the bucket has no bucket policy');
    const answer = analysePublicAccess(policy);
    if (!answer.public) return pass('no statement of the bucket policy grants access to everyone');
    const names = answer.statements.map((s) => s.sid ?? `#${s.index}`).join(', ');
    if (params.creditBlockPublicAccess) {
      const [restrict] = effectiveSettings(bucket.publicAccessBlock, inventory.account.publicAccessBlock, ['RestrictPublicBuckets']);
      if (restrict?.effective) {
        const level = restrict.bucket ? 'bucket' : 'account';
        return pass(`statement(s) ${names} grant access to everyone, but RestrictPublicBuckets is on at ${level} level`, {
          statements: answer.statements,
          restrictedBy: `RestrictPublicBuckets (${level})`,
        });
      }
    }
    return fail(`the policy of bucket ${bucket.name} grants access to everyone through statement(s) ${names}`, { statements: answer.statements });
  },
});
