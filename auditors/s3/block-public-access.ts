/**
 * Effective Block Public Access, as S3 applies it: a setting is on for a
 * bucket when it is on at the bucket or at the account level.
 */
import type { Evidence } from '../../src/core/check.js';
import { need, type Fetched } from '../../src/core/collector.js';
import type { BlockPublicAccess, BlockPublicAccessSetting } from './model.js';

export type EffectiveSetting = {
  setting: BlockPublicAccessSetting;
  /** null when that level could not be read. */
  bucket: boolean | null;
  account: boolean | null;
  effective: boolean;
};

const levelValue = (level: Fetched<BlockPublicAccess | undefined>, setting: BlockPublicAccessSetting): boolean | null =>
  level.ok ? (level.value?.[setting] ?? false) : null;

/**
 * One level that could not be read only matters when the other level has the
 * setting off; then the answer is unknown and the check becomes an ERROR.
 */
export function effectiveSettings(
  bucket: Fetched<BlockPublicAccess | undefined>,
  account: Fetched<BlockPublicAccess | undefined>,
  settings: readonly BlockPublicAccessSetting[],
): EffectiveSetting[] {
  return settings.map((setting) => {
    const atBucket = levelValue(bucket, setting);
    const atAccount = levelValue(account, setting);
    if (atBucket !== true && atAccount !== true) {
      need(bucket, 'the bucket Block Public Access settings');
      need(account, 'the account Block Public Access settings');
    }
    return { setting, bucket: atBucket, account: atAccount, effective: atBucket === true || atAccount === true };
  });
}

export function settingsEvidence(settings: readonly EffectiveSetting[]): Evidence {
  return Object.fromEntries(settings.map((s) => [s.setting, { bucket: s.bucket, account: s.account, effective: s.effective }]));
}
