/**
 * Fixes s3-account-block-public-access-enabled: turns the four Block Public
 * Access settings on for the whole account (S3 Control PutPublicAccessBlock).
 * Rollback puts the previous account configuration back exactly, or deletes
 * it when the account had none (authorised, like the Put, by s3:PutAccountPublicAccessBlock).
 */
import { defineRemediation } from '../../../src/core/remediation.js';
import check from '../checks/s3-account-block-public-access-enabled.js';
import { planAllOn, restoreConfig, type AccountPublicAccessBlockSnapshot } from './s3-enable-bucket-block-public-access.js';

export type { AccountPublicAccessBlockSnapshot } from './s3-enable-bucket-block-public-access.js';

const ACTION = 's3:PutAccountPublicAccessBlock';

export default defineRemediation<AccountPublicAccessBlockSnapshot>({
  id: 's3-enable-account-block-public-access',
  checkId: check.meta.id,
  title: 'Turn on the four Block Public Access settings for the account',
  description:
    'Sets BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets to true at account level, which S3 then applies to every bucket of the account: public ACLs and policies stop working, and new ones are refused. No bucket setting, ACL or policy changes. Rollback puts the previous account configuration back exactly, or deletes it when there was none.',
  permissions: ['s3:GetAccountPublicAccessBlock', ACTION],
  async snapshot(ctx, resource) {
    const { readAccountPublicAccessBlock } = await import('./apply.js');
    return readAccountPublicAccessBlock(ctx, resource);
  },
  plan({ snapshot }) {
    return { calls: planAllOn(ACTION, { AccountId: snapshot.AccountId }, `account ${snapshot.AccountId}`, snapshot.PublicAccessBlockConfiguration), left: [] };
  },
  restore({ backup, applied, current }) {
    if (applied.length === 0) return [];
    return restoreConfig(ACTION, { AccountId: backup.AccountId }, `account ${backup.AccountId}`, backup.PublicAccessBlockConfiguration, current.PublicAccessBlockConfiguration);
  },
  async perform(ctx, call) {
    const { performAccountCall } = await import('./apply.js');
    await performAccountCall(ctx, call);
  },
});
