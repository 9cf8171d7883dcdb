/** Hand-built S3 inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { accountRef } from '../../../src/core/resource.js';
import { s3Collector, type BlockPublicAccess, type S3AccountItem, type S3BucketItem, type S3Inventory } from '../../../auditors/s3/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const ALL_ON: BlockPublicAccess = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
export const ALL_OFF: BlockPublicAccess = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

export const failed = <T>(error = 'AccessDenied: Access Denied'): Fetched<T> => ({ ok: false, error });

export function bucket(name: string, overrides: Partial<Omit<S3BucketItem, 'ref' | 'name'>> = {}): S3BucketItem {
  return {
    ref: { type: 'AwsS3Bucket', arn: `arn:aws:s3:::${name}`, id: name, region: REGION, partition: 'aws', tags: {} },
    name,
    acl: fetched({ ownerId: 'owner', grants: [{ granteeType: 'CanonicalUser', id: 'owner', permission: 'FULL_CONTROL' }] }),
    policy: fetched(undefined),
    publicAccessBlock: fetched(undefined),
    encryption: fetched([{ algorithm: 'AES256' }]),
    versioning: fetched({}),
    lifecycle: fetched([]),
    tags: fetched({}),
    ...overrides,
  };
}

export function account(publicAccessBlock: Fetched<BlockPublicAccess | undefined> = fetched(undefined)): S3AccountItem {
  return { ref: accountRef(ACCOUNT, REGION), publicAccessBlock };
}

export function inventory(buckets: S3BucketItem[], accountItem: S3AccountItem = account()): S3Inventory {
  return { buckets, account: accountItem };
}

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: s3Collector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}

export function policyOf(...statements: Array<Record<string, unknown>>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
