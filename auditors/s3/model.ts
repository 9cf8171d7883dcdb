/** The S3 settings the checks read, as plain records made from the SDK answers. */
import type {
  GetBucketAclCommandOutput,
  GetBucketVersioningCommandOutput,
  LifecycleRule as SdkLifecycleRule,
  PublicAccessBlockConfiguration,
  ServerSideEncryptionConfiguration,
  Tag,
} from '@aws-sdk/client-s3';
import { tagsToRecord } from '../../src/core/resource.js';

export const BLOCK_PUBLIC_ACCESS_SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;
export type BlockPublicAccessSetting = (typeof BLOCK_PUBLIC_ACCESS_SETTINGS)[number];
/** The four Block Public Access settings; an omitted setting is off. */
export type BlockPublicAccess = Record<BlockPublicAccessSetting, boolean>;

export type AclGrant = {
  granteeType: string;
  /** Group grantees. */
  uri?: string;
  /** Canonical user grantees. */
  id?: string;
  email?: string;
  permission: string;
};

export type BucketAcl = { ownerId?: string; ownerName?: string; grants: AclGrant[] };

export type EncryptionRule = { algorithm?: string; kmsKeyId?: string; bucketKeyEnabled?: boolean };

/** Status is absent for a bucket whose versioning was never enabled. */
export type Versioning = { status?: string; mfaDelete?: string };

export type LifecycleRule = {
  id?: string;
  status: string;
  prefix?: string;
  expirationDays?: number;
  expirationDate?: string;
  expiredObjectDeleteMarker?: boolean;
  noncurrentVersionExpirationDays?: number;
  abortIncompleteMultipartUploadDays?: number;
};

export function toBlockPublicAccess(config: PublicAccessBlockConfiguration | undefined): BlockPublicAccess | undefined {
  if (!config) return undefined;
  return {
    BlockPublicAcls: config.BlockPublicAcls === true,
    IgnorePublicAcls: config.IgnorePublicAcls === true,
    BlockPublicPolicy: config.BlockPublicPolicy === true,
    RestrictPublicBuckets: config.RestrictPublicBuckets === true,
  };
}

export function toAcl(answer: Pick<GetBucketAclCommandOutput, 'Owner' | 'Grants'>): BucketAcl {
  return {
    ...(answer.Owner?.ID ? { ownerId: answer.Owner.ID } : {}),
    ...(answer.Owner?.DisplayName ? { ownerName: answer.Owner.DisplayName } : {}),
    grants: (answer.Grants ?? []).map((grant) => ({
      granteeType: grant.Grantee?.Type ?? 'Unknown',
      ...(grant.Grantee?.URI ? { uri: grant.Grantee.URI } : {}),
      ...(grant.Grantee?.ID ? { id: grant.Grantee.ID } : {}),
      ...(grant.Grantee?.EmailAddress ? { email: grant.Grantee.EmailAddress } : {}),
      permission: grant.Permission ?? 'Unknown',
    })),
  };
}

/** Undefined when the answer holds no rule: the caller cannot tell which default applies. */
export function toEncryptionRules(config: ServerSideEncryptionConfiguration | undefined): EncryptionRule[] | undefined {
  const rules = config?.Rules ?? [];
  if (rules.length === 0) return undefined;
  return rules.map((rule) => ({
    ...(rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ? { algorithm: rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm } : {}),
    ...(rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ? { kmsKeyId: rule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID } : {}),
    ...(rule.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: rule.BucketKeyEnabled } : {}),
  }));
}

export function toVersioning(answer: Pick<GetBucketVersioningCommandOutput, 'Status' | 'MFADelete'>): Versioning {
  return { ...(answer.Status ? { status: answer.Status } : {}), ...(answer.MFADelete ? { mfaDelete: answer.MFADelete } : {}) };
}

export function toLifecycleRules(rules: readonly SdkLifecycleRule[] | undefined): LifecycleRule[] {
  return (rules ?? []).map((rule) => ({
    ...(rule.ID ? { id: rule.ID } : {}),
    status: rule.Status ?? 'Unknown',
    ...(rule.Prefix !== undefined ? { prefix: rule.Prefix } : {}),
    ...(rule.Expiration?.Days !== undefined ? { expirationDays: rule.Expiration.Days } : {}),
    ...(rule.Expiration?.Date ? { expirationDate: rule.Expiration.Date.toISOString() } : {}),
    ...(rule.Expiration?.ExpiredObjectDeleteMarker !== undefined ? { expiredObjectDeleteMarker: rule.Expiration.ExpiredObjectDeleteMarker } : {}),
    ...(rule.NoncurrentVersionExpiration?.NoncurrentDays !== undefined ? { noncurrentVersionExpirationDays: rule.NoncurrentVersionExpiration.NoncurrentDays } : {}),
    ...(rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation !== undefined
      ? { abortIncompleteMultipartUploadDays: rule.AbortIncompleteMultipartUpload.DaysAfterInitiation }
      : {}),
  }));
}

export function toTags(tagSet: readonly Tag[] | undefined): Record<string, string> {
  return tagsToRecord(tagSet);
}
