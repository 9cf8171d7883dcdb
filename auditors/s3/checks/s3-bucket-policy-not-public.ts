import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { analysePublicAccess, SOURCE_IP_READINGS } from '../../../src/policy/index.js';
import { effectiveSettings } from '../block-public-access.js';
import { s3Collector, type S3BucketItem, type S3Inventory } from '../collect.js';

const parameters = z
  .object({
    /** When RestrictPublicBuckets is on (bucket or account), S3 limits a public policy to the owner's account and AWS services: pass, noting the statements. */
    creditBlockPublicAccess: z.boolean().default(true),
    /** Which aws:SourceIp ranges restrict: 'aws' (no wider than /8 IPv4, /32 IPv6, as Block Public Access judges) or 'private-only' (Hammer: only non-public ranges). */
    sourceIp: z.enum(SOURCE_IP_READINGS).default('aws'),
  })
  .strict();

export default defineCheck<S3Inventory, S3BucketItem, z.infer<typeof parameters>>({
  meta: {
    id: 's3-bucket-policy-not-public',
    service: 's3',
    title: 'S3 bucket policies do not grant access to everyone',
    description:
      'Flags a bucket whose policy has an Allow statement for Principal "*" (or {"AWS": "*"}, or a NotPrincipal) that no condition limits, by AWS\'s meaning of public: fixed values (no wildcard, no policy variable) of an account, organization, VPC, VPC endpoint or principal, or aws:SourceIp ranges no wider than /8 (IPv4) or /32 (IPv6); sourceIp: private-only keeps Hammer\'s reading (only non-public ranges). IfExists and ForAllValues conditions do not limit; service principals are not public. A bucket passes when RestrictPublicBuckets is on (bucket or account) unless creditBlockPublicAccess is false.',
    severity: 'CRITICAL',
    resourceType: 'AwsS3Bucket',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Back up the bucket policy, then replace Principal "*" in the listed statements with the accounts or roles that need access, or add a condition that fixes the caller (aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp with only the ranges that need access). Turn on Block Public Access.',
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
    const answer = analysePublicAccess(policy, { sourceIp: params.sourceIp });
    const sourceIpReading = params.sourceIp;
    if (!answer.public) return pass('no statement of the bucket policy grants access to everyone', { sourceIpReading });
    const names = answer.statements.map((s) => s.sid ?? `#${s.index}`).join(', ');
    if (params.creditBlockPublicAccess) {
      const [restrict] = effectiveSettings(bucket.publicAccessBlock, inventory.account.publicAccessBlock, ['RestrictPublicBuckets']);
      if (restrict?.effective) {
        const level = restrict.bucket ? 'bucket' : 'account';
        return pass(`statement(s) ${names} grant access to everyone, but RestrictPublicBuckets is on at ${level} level`, {
          statements: answer.statements,
          restrictedBy: `RestrictPublicBuckets (${level})`,
          sourceIpReading,
        });
      }
    }
    return fail(`the policy of bucket ${bucket.name} grants access to everyone through statement(s) ${names}`, { statements: answer.statements, sourceIpReading });
  },
});
