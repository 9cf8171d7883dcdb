/**
 * S3 inventory: every bucket of the account with the settings the checks
 * read, and the account's Block Public Access settings. Global: runs once per
 * account, in the home region.
 *
 * Bucket details are read with a client of the bucket's own region; the
 * factory's S3 clients also follow region redirects, so a bucket whose region
 * was guessed still answers.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';
import type { BlockPublicAccess, BucketAcl, EncryptionRule, LifecycleRule, Versioning } from './model.js';

export type { BlockPublicAccess, BucketAcl, EncryptionRule, LifecycleRule, Versioning, AclGrant } from './model.js';

export interface S3BucketItem {
  ref: ResourceRef;
  name: string;
  createdAt?: string;
  acl: Fetched<BucketAcl>;
  /** The policy text; undefined when the bucket has no policy. */
  policy: Fetched<string | undefined>;
  /** Undefined when the bucket has no Block Public Access configuration (every setting off). */
  publicAccessBlock: Fetched<BlockPublicAccess | undefined>;
  /** Undefined when no default encryption configuration was returned (S3 applies SSE-S3 since January 2023). */
  encryption: Fetched<EncryptionRule[] | undefined>;
  versioning: Fetched<Versioning>;
  /** Empty when the bucket has no lifecycle configuration. */
  lifecycle: Fetched<LifecycleRule[]>;
  tags: Fetched<Record<string, string>>;
}

export interface S3AccountItem {
  ref: ResourceRef;
  /** Undefined when the account has no Block Public Access configuration (every setting off). */
  publicAccessBlock: Fetched<BlockPublicAccess | undefined>;
}

export interface S3Inventory {
  buckets: S3BucketItem[];
  account: S3AccountItem;
}

export const s3Collector: Collector<S3Inventory> = {
  id: 's3',
  service: 's3',
  global: true,
  permissions: [
    's3:ListAllMyBuckets',
    's3:GetBucketLocation',
    's3:GetBucketAcl',
    's3:GetBucketPolicy',
    's3:GetBucketPublicAccessBlock',
    's3:GetEncryptionConfiguration',
    's3:GetBucketVersioning',
    's3:GetLifecycleConfiguration',
    's3:GetBucketTagging',
    's3:GetAccountPublicAccessBlock',
  ],
  async collect(ctx) {
    const { fetchS3Inventory } = await import('./fetch.js');
    return fetchS3Inventory(ctx);
  },
  async collectOne(ctx, resource) {
    const { fetchOneS3Resource } = await import('./fetch.js');
    return fetchOneS3Resource(ctx, resource);
  },
};
