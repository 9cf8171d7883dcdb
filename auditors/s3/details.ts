/** The ASFF AwsS3BucketDetails of a bucket, from what was read (a failed or missing detail is left out). */
import type { JsonValue } from '../../src/core/check.js';
import type { Fetched } from '../../src/core/collector.js';
import type { BlockPublicAccess, BucketAcl, EncryptionRule, LifecycleRule, Versioning } from './model.js';

type JsonObject = { [key: string]: JsonValue };

/** Drops undefined fields, so optional values can be written inline. */
function compact(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

const valueOf = <T>(detail: Fetched<T>): T | undefined => (detail.ok ? detail.value : undefined);

function encryptionDetails(rules: EncryptionRule[] | undefined): JsonValue | undefined {
  if (!rules) return undefined;
  return {
    Rules: rules.map((rule) => ({ ApplyServerSideEncryptionByDefault: compact({ SSEAlgorithm: rule.algorithm, KMSMasterKeyID: rule.kmsKeyId }) })),
  };
}

function lifecycleDetails(rules: LifecycleRule[] | undefined): JsonValue | undefined {
  if (!rules || rules.length === 0) return undefined;
  return {
    Rules: rules.map((rule) =>
      compact({
        ID: rule.id,
        Status: rule.status,
        Prefix: rule.prefix,
        ExpirationInDays: rule.expirationDays,
        ExpirationDate: rule.expirationDate,
        ExpiredObjectDeleteMarker: rule.expiredObjectDeleteMarker,
        NoncurrentVersionExpirationInDays: rule.noncurrentVersionExpirationDays,
        AbortIncompleteMultipartUpload: rule.abortIncompleteMultipartUploadDays === undefined ? undefined : { DaysAfterInitiation: rule.abortIncompleteMultipartUploadDays },
      }),
    ),
  };
}

function versioningDetails(versioning: Versioning | undefined): JsonValue | undefined {
  // Status is Enabled or Suspended; a bucket never versioned has neither.
  if (!versioning?.status) return undefined;
  return compact({ Status: versioning.status, IsMfaDeleteEnabled: versioning.mfaDelete === undefined ? undefined : versioning.mfaDelete === 'Enabled' });
}

function aclDetails(acl: BucketAcl | undefined): string | undefined {
  if (!acl) return undefined;
  return JSON.stringify({ owner: acl.ownerId ?? null, grants: acl.grants });
}

export interface BucketFacts {
  name: string;
  createdAt?: string;
  acl: Fetched<BucketAcl>;
  publicAccessBlock: Fetched<BlockPublicAccess | undefined>;
  encryption: Fetched<EncryptionRule[] | undefined>;
  versioning: Fetched<Versioning>;
  lifecycle: Fetched<LifecycleRule[]>;
}

export function bucketDetails(bucket: BucketFacts, accountId: string): JsonObject {
  const acl = valueOf(bucket.acl);
  const publicAccessBlock = valueOf(bucket.publicAccessBlock);
  return compact({
    Name: bucket.name,
    OwnerId: acl?.ownerId,
    OwnerName: acl?.ownerName,
    OwnerAccountId: accountId,
    CreatedAt: bucket.createdAt,
    ServerSideEncryptionConfiguration: encryptionDetails(valueOf(bucket.encryption)),
    BucketLifecycleConfiguration: lifecycleDetails(valueOf(bucket.lifecycle)),
    PublicAccessBlockConfiguration: publicAccessBlock ? { ...publicAccessBlock } : undefined,
    AccessControlList: aclDetails(acl),
    BucketVersioningConfiguration: versioningDetails(valueOf(bucket.versioning)),
  });
}
