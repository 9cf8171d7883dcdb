/**
 * Fixes iam-access-key-used-recently by deactivating the key unused for
 * longer than the inactivity limit (UpdateAccessKey Status=Inactive). The key
 * is never deleted. A key used again after the re-check that failed it is
 * left active. Rollback sets the key Active again.
 */
import type { JsonValue } from '../../../src/core/check.js';
import { defineRemediation } from '../../../src/core/remediation.js';
import check from '../checks/iam-access-key-used-recently.js';
import { KEY_FIX_PERMISSIONS, planDeactivation, restoreStatus, type AccessKeySnapshot } from '../deactivate-key.js';

/** The last use the snapshot shows when it is later than the one the failed re-check judged. */
function usedSince(snapshot: AccessKeySnapshot, judged: JsonValue | undefined): string | undefined {
  const now = snapshot.AccessKeyLastUsed?.LastUsedDate;
  if (now === undefined || judged === undefined) return undefined;
  if (judged === null) return now;
  return typeof judged === 'string' && Date.parse(now) > Date.parse(judged) ? now : undefined;
}

export default defineRemediation<AccessKeySnapshot>({
  id: 'iam-deactivate-unused-access-key',
  checkId: check.meta.id,
  title: 'Deactivate the access key unused for longer than the inactivity limit',
  description:
    'Sets the active access key unused for more than maxUnusedDays Inactive (UpdateAccessKey). The key is never deleted, and the user and its other keys are not touched; a key used again since the re-check is left active. Rollback sets the key Active again.',
  permissions: KEY_FIX_PERMISSIONS,
  async snapshot(ctx, resource) {
    const { readAccessKey } = await import('./apply.js');
    return readAccessKey(ctx, resource.id, true);
  },
  plan({ snapshot, evidence, checkParams }) {
    const maxUnusedDays = check.parameters?.parse(checkParams ?? {}).maxUnusedDays;
    const limit = maxUnusedDays === undefined ? 'the inactivity limit' : `${maxUnusedDays} days`;
    const since = usedSince(snapshot, evidence.lastUsedDate);
    if (since !== undefined && snapshot.Status === 'Active') {
      return { calls: [], left: [`access key ${snapshot.AccessKeyId} was used at ${since}, after the re-check that found it unused: it is left active`] };
    }
    const last = snapshot.AccessKeyLastUsed?.LastUsedDate;
    const why = last ? `last used ${last}` : `never used since ${snapshot.CreateDate ?? 'its creation'}`;
    return { calls: planDeactivation(snapshot, `${why}, more than ${limit} ago`), left: [] };
  },
  restore: restoreStatus,
  async perform(ctx, call) {
    const { performAccessKeyCall } = await import('./apply.js');
    await performAccessKeyCall(ctx, call);
  },
});
