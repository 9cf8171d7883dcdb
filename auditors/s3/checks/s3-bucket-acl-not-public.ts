import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { effectiveSettings } from '../block-public-access.js';
import { s3Collector, type AclGrant, type S3BucketItem, type S3Inventory } from '../collect.js';

const PUBLIC_GROUPS: Readonly<Record<string, string>> = {
  AllUsers: 'anyone on the internet',
  AuthenticatedUsers: 'any AWS account',
};

/** The group name of a grant to AllUsers or AuthenticatedUsers, else undefined (the ACL fix removes exactly these). */
export function publicGroup(grant: Pick<AclGrant, 'uri'>): string | undefined {
  const match = /^https?:\/\/acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)$/.exec(grant.uri ?? '');
  return match?.[1];
}

const parameters = z
  .object({
    /** When IgnorePublicAcls is on (bucket or account), S3 ignores the public grants: pass, noting them. */
    creditBlockPublicAccess: z.boolean().default(true),
  })
  .strict();

export default defineCheck<S3Inventory, S3BucketItem, z.infer<typeof parameters>>({
  meta: {
    id: 's3-bucket-acl-not-public',
    service: 's3',
    title: 'S3 bucket ACLs grant nothing to AllUsers or AuthenticatedUsers',
    description:
      'Flags a bucket whose access control list grants any permission to the AllUsers group (anyone on the internet) or the AuthenticatedUsers group (any AWS account), as Hammer s3_bucket_acl did. By default a bucket passes when Block Public Access IgnorePublicAcls is on at bucket or account level, because S3 then ignores those grants; the evidence still lists them. Set creditBlockPublicAccess to false to flag every public grant.',
    severity: 'CRITICAL',
    resourceType: 'AwsS3Bucket',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Remove the AllUsers and AuthenticatedUsers grants from the bucket ACL (back it up first), then set Object Ownership to "Bucket owner enforced" to disable ACLs and turn on Block Public Access.',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
    },
    compliance: { fsbp: ['S3.2', 'S3.3'], nist: ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7'] },
  },
  collector: s3Collector,
  parameters,
  select: (inventory) => inventory.buckets,
  evaluate(bucket, params, inventory) {
    const acl = need(bucket.acl, 'the bucket ACL');
    const grants = acl.grants.flatMap((grant) => {
      const group = publicGroup(grant);
      return group ? [{ grantee: group, who: PUBLIC_GROUPS[group] ?? group, uri: grant.uri ?? '', permission: grant.permission }] : [];
    });
    if (grants.length === 0) return pass('the bucket ACL has no grant to AllUsers or AuthenticatedUsers');
    const granted = grants.map((g) => `${g.permission} to ${g.grantee}`).join(', ');
    if (params.creditBlockPublicAccess) {
      const [ignore] = effectiveSettings(bucket.publicAccessBlock, inventory.account.publicAccessBlock, ['IgnorePublicAcls']);
      if (ignore?.effective) {
        const level = ignore.bucket ? 'bucket' : 'account';
        return pass(`the bucket ACL grants ${granted}, but IgnorePublicAcls is on at ${level} level, so S3 ignores those grants`, { grants, ignoredBy: `IgnorePublicAcls (${level})` });
      }
    }
    return fail(`the ACL of bucket ${bucket.name} grants ${granted}`, { grants });
  },
});
