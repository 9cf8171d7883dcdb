/**
 * Fixes iam-access-key-rotated by deactivating the key older than the
 * rotation limit (UpdateAccessKey Status=Inactive). The key is never deleted
 * and no new key is made: rotating it is its owner's work. Rollback sets the
 * key Active again.
 */
import { defineRemediation } from '../../../src/core/remediation.js';
import check from '../checks/iam-access-key-rotated.js';
import { KEY_FIX_PERMISSIONS, planDeactivation, restoreStatus, type AccessKeySnapshot } from '../deactivate-key.js';

export default defineRemediation<AccessKeySnapshot>({
  id: 'iam-deactivate-old-access-key',
  checkId: check.meta.id,
  title: 'Deactivate the access key older than the rotation limit',
  description:
    'Sets the active access key older than maxAgeDays Inactive (UpdateAccessKey). The key is never deleted, no key is created, and the user and its other keys are not touched; whatever still signs with the key stops working. Rollback sets the key Active again.',
  permissions: KEY_FIX_PERMISSIONS,
  async snapshot(ctx, resource) {
    const { readAccessKey } = await import('./apply.js');
    return readAccessKey(ctx, resource.id, false);
  },
  plan({ snapshot, checkParams }) {
    const maxAgeDays = check.parameters?.parse(checkParams ?? {}).maxAgeDays;
    const limit = maxAgeDays === undefined ? 'the rotation limit' : `${maxAgeDays} days`;
    return { calls: planDeactivation(snapshot, `created ${snapshot.CreateDate ?? 'at an unknown date'}, more than ${limit} ago`), left: [] };
  },
  restore: restoreStatus,
  async perform(ctx, call) {
    const { performAccessKeyCall } = await import('./apply.js');
    await performAccessKeyCall(ctx, call);
  },
});
