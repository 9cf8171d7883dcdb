/**
 * Fixes s3-bucket-acl-not-public precisely: puts the bucket ACL back with the
 * same owner and every grant except those to the AllUsers and
 * AuthenticatedUsers groups (the grants the check flags). When Object
 * Ownership is BucketOwnerEnforced, ACLs are disabled and S3 refuses
 * PutBucketAcl: the fix then plans nothing and says so. Rollback puts the
 * removed grants back in their places, keeping any grant added since.
 */
import { defineRemediation, type PlannedCall } from '../../../src/core/remediation.js';
import check, { publicGroup } from '../checks/s3-bucket-acl-not-public.js';

/** The ACL as GetBucketAcl returns it (the API's own names). */
export type GranteeJson = { Type?: string; ID?: string; URI?: string; DisplayName?: string; EmailAddress?: string };
export type GrantJson = { Grantee?: GranteeJson; Permission?: string };
export type OwnerJson = { ID?: string; DisplayName?: string };

export type BucketAclSnapshot = {
  Bucket: string;
  /** The scanned account: every call is refused if another account owns the bucket. */
  ExpectedBucketOwner: string;
  Owner?: OwnerJson;
  /** In the order S3 returns them. */
  Grants: GrantJson[];
  /** GetBucketOwnershipControls' rule; absent when the bucket has no ownership controls. */
  ObjectOwnership?: string;
};

/** A grant's identity; DisplayName is left out (S3 fills it in and is withdrawing it). */
const grantKey = (grant: GrantJson): string => JSON.stringify([grant.Permission ?? '', grant.Grantee?.Type ?? '', grant.Grantee?.ID ?? '', grant.Grantee?.URI ?? '', grant.Grantee?.EmailAddress ?? '']);

const isPublic = (grant: GrantJson): boolean => publicGroup({ ...(grant.Grantee?.URI ? { uri: grant.Grantee.URI } : {}) }) !== undefined;

const describeGrants = (grants: readonly GrantJson[]): string => grants.map((g) => `${g.Permission ?? '?'} to ${publicGroup({ ...(g.Grantee?.URI ? { uri: g.Grantee.URI } : {}) }) ?? g.Grantee?.ID ?? g.Grantee?.URI ?? g.Grantee?.EmailAddress ?? '?'}`).join(', ');

function putAcl(snapshot: Pick<BucketAclSnapshot, 'Bucket' | 'ExpectedBucketOwner' | 'Owner'>, grants: GrantJson[], description: string): PlannedCall {
  return {
    action: 's3:PutBucketAcl',
    input: { Bucket: snapshot.Bucket, ExpectedBucketOwner: snapshot.ExpectedBucketOwner, AccessControlPolicy: { ...(snapshot.Owner ? { Owner: snapshot.Owner } : {}), Grants: grants } },
    description,
  };
}

export default defineRemediation<BucketAclSnapshot>({
  id: 's3-remove-public-acl-grants',
  checkId: check.meta.id,
  title: 'Remove the AllUsers and AuthenticatedUsers grants from the bucket ACL',
  description:
    'Puts the bucket ACL back with the same owner and every other grant, in order, leaving out only the grants to AllUsers and AuthenticatedUsers. The bucket policy, Object Ownership and object ACLs never change; a bucket whose ACLs are disabled (BucketOwnerEnforced) is left alone. Rollback puts the removed grants back in their places, keeping grants added since.',
  permissions: ['s3:GetBucketAcl', 's3:GetBucketOwnershipControls', 's3:PutBucketAcl'],
  async snapshot(ctx, resource) {
    const { readBucketAcl } = await import('./apply.js');
    return readBucketAcl(ctx, resource);
  },
  plan({ snapshot }) {
    const removed = snapshot.Grants.filter(isPublic);
    if (removed.length === 0) return { calls: [], left: [] };
    if (snapshot.ObjectOwnership === 'BucketOwnerEnforced') {
      return {
        calls: [],
        left: [`bucket ${snapshot.Bucket} has ACLs disabled (Object Ownership BucketOwnerEnforced), so S3 ignores its grants (${describeGrants(removed)}) and refuses PutBucketAcl: nothing to change`],
      };
    }
    const remaining = snapshot.Grants.filter((g) => !isPublic(g));
    return { calls: [putAcl(snapshot, remaining, `remove the grants ${describeGrants(removed)} from the ACL of bucket ${snapshot.Bucket}`)], left: [] };
  },
  restore({ backup, applied, current }) {
    const keys = (grants: readonly GrantJson[]): Set<string> => new Set(grants.map(grantKey));
    const kept = keys(applied.filter((c) => c.action === 's3:PutBucketAcl').flatMap((c) => ((c.input.AccessControlPolicy as { Grants?: GrantJson[] } | undefined)?.Grants ?? [])));
    const removed = backup.Grants.filter((g) => !kept.has(grantKey(g)));
    if (applied.length === 0 || removed.length === 0) return [];
    const removedKeys = keys(removed);
    const now = keys(current.Grants);
    const before = keys(backup.Grants);
    // The backup's order, without the grants withdrawn since by someone else, then the grants added since.
    const grants = [...backup.Grants.filter((g) => removedKeys.has(grantKey(g)) || now.has(grantKey(g))), ...current.Grants.filter((g) => !before.has(grantKey(g)))];
    if (JSON.stringify(grants.map(grantKey)) === JSON.stringify(current.Grants.map(grantKey))) return [];
    return [putAcl(backup, grants, `put the grants ${describeGrants(removed)} back on the ACL of bucket ${backup.Bucket}`)];
  },
  async perform(ctx, call) {
    const { performBucketCall } = await import('./apply.js');
    await performBucketCall(ctx, call);
  },
});
