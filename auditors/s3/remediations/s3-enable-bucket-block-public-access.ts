/**
 * Fixes s3-bucket-block-public-access-enabled: turns the four Block Public
 * Access settings on at bucket level. Rollback puts the previous
 * configuration back exactly, or deletes it when the bucket had none.
 *
 * S3 authorises DeletePublicAccessBlock with s3:PutBucketPublicAccessBlock:
 * a planned deletion carries that IAM action and no configuration.
 */
import { defineRemediation, type PlannedCall } from '../../../src/core/remediation.js';
import check from '../checks/s3-bucket-block-public-access-enabled.js';
import { BLOCK_PUBLIC_ACCESS_SETTINGS } from '../model.js';

/** PublicAccessBlockConfiguration as S3 returns it (an omitted setting is off). */
export type BlockPublicAccessJson = { BlockPublicAcls?: boolean; IgnorePublicAcls?: boolean; BlockPublicPolicy?: boolean; RestrictPublicBuckets?: boolean };

export type BucketPublicAccessBlockSnapshot = {
  Bucket: string;
  /** The scanned account: every call is refused if another account owns the bucket. */
  ExpectedBucketOwner: string;
  /** Absent when the bucket has no configuration. */
  PublicAccessBlockConfiguration?: BlockPublicAccessJson;
};

/** The same fix at account level (S3 Control). */
export type AccountPublicAccessBlockSnapshot = {
  AccountId: string;
  PublicAccessBlockConfiguration?: BlockPublicAccessJson;
};

export const ALL_ON: Required<BlockPublicAccessJson> = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

const offIn = (config: BlockPublicAccessJson | undefined): string[] => BLOCK_PUBLIC_ACCESS_SETTINGS.filter((s) => config?.[s] !== true);

const sameConfig = (a: BlockPublicAccessJson | undefined, b: BlockPublicAccessJson | undefined): boolean =>
  (a === undefined) === (b === undefined) && BLOCK_PUBLIC_ACCESS_SETTINGS.every((s) => a?.[s] === b?.[s]);

/**
 * The plan and rollback shared by the bucket and account fixes: `target` is
 * the call's input without the configuration (Bucket… or AccountId), `where`
 * names it in descriptions.
 */
export function planAllOn(action: string, target: PlannedCall['input'], where: string, current: BlockPublicAccessJson | undefined): PlannedCall[] {
  const off = offIn(current);
  if (off.length === 0) return [];
  return [{ action, input: { ...target, PublicAccessBlockConfiguration: { ...ALL_ON } }, description: `turn on ${off.join(', ')} (all four Block Public Access settings) for ${where}` }];
}

export function restoreConfig(action: string, target: PlannedCall['input'], where: string, backup: BlockPublicAccessJson | undefined, current: BlockPublicAccessJson | undefined): PlannedCall[] {
  if (sameConfig(backup, current)) return [];
  if (backup === undefined) return [{ action, operation: 'DeletePublicAccessBlock', input: target, description: `delete the Block Public Access configuration of ${where} (DeletePublicAccessBlock), which had none` }];
  const on = BLOCK_PUBLIC_ACCESS_SETTINGS.filter((s) => backup[s] === true);
  return [{ action, input: { ...target, PublicAccessBlockConfiguration: { ...backup } }, description: `put the previous Block Public Access configuration of ${where} back (on: ${on.length > 0 ? on.join(', ') : 'none'})` }];
}

export default defineRemediation<BucketPublicAccessBlockSnapshot>({
  id: 's3-enable-bucket-block-public-access',
  checkId: check.meta.id,
  title: 'Turn on the four Block Public Access settings for the bucket',
  description:
    'Sets BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets to true on the bucket (PutPublicAccessBlock). The bucket ACL, policy and the account-level settings never change. Rollback puts the previous bucket configuration back exactly, or deletes it when the bucket had none.',
  permissions: ['s3:GetBucketPublicAccessBlock', 's3:PutBucketPublicAccessBlock'],
  async snapshot(ctx, resource) {
    const { readBucketPublicAccessBlock } = await import('./apply.js');
    return readBucketPublicAccessBlock(ctx, resource);
  },
  plan({ snapshot }) {
    const target = { Bucket: snapshot.Bucket, ExpectedBucketOwner: snapshot.ExpectedBucketOwner };
    return { calls: planAllOn('s3:PutBucketPublicAccessBlock', target, `bucket ${snapshot.Bucket}`, snapshot.PublicAccessBlockConfiguration), left: [] };
  },
  restore({ backup, applied, current }) {
    if (applied.length === 0) return [];
    const target = { Bucket: backup.Bucket, ExpectedBucketOwner: backup.ExpectedBucketOwner };
    return restoreConfig('s3:PutBucketPublicAccessBlock', target, `bucket ${backup.Bucket}`, backup.PublicAccessBlockConfiguration, current.PublicAccessBlockConfiguration);
  },
  async perform(ctx, call) {
    const { performBucketCall } = await import('./apply.js');
    await performBucketCall(ctx, call);
  },
});
