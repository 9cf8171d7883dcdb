/**
 * What the two access key fixes share: the key's snapshot, and the pure plan
 * and restore of a deactivation. A key is only ever deactivated, never
 * deleted, so a rollback can make it Active again.
 */
import type { PlannedCall, RestoreInput } from '../../src/core/remediation.js';

/** GetAccessKeyLastUsed's AccessKeyLastUsed ("N/A" kept as the API says it). */
export type AccessKeyLastUsedJson = { LastUsedDate?: string; ServiceName?: string; Region?: string };

/** The key as ListAccessKeys returns it for its user, with its last use when the fix reads it. */
export type AccessKeySnapshot = {
  UserName: string;
  AccessKeyId: string;
  Status: string;
  CreateDate?: string;
  AccessKeyLastUsed?: AccessKeyLastUsedJson;
};

export const UPDATE_ACCESS_KEY = 'iam:UpdateAccessKey';

/** snapshot reads the key's user from GetAccessKeyLastUsed and the key from ListAccessKeys. */
export const KEY_FIX_PERMISSIONS = ['iam:GetAccessKeyLastUsed', 'iam:ListAccessKeys', UPDATE_ACCESS_KEY] as const;

function setStatus(key: AccessKeySnapshot, Status: string, description: string): PlannedCall {
  // UserName is always sent: without it UpdateAccessKey acts on the caller's own keys.
  return { action: UPDATE_ACCESS_KEY, input: { UserName: key.UserName, AccessKeyId: key.AccessKeyId, Status }, description };
}

/** Deactivates the key unless it is inactive already. */
export function planDeactivation(key: AccessKeySnapshot, why: string): PlannedCall[] {
  if (key.Status !== 'Active') return [];
  return [setStatus(key, 'Inactive', `deactivate access key ${key.AccessKeyId} of user ${key.UserName} (${why})`)];
}

/** Gives the key back the status it had, when the fix changed it and nothing has restored it since. */
export function restoreStatus({ backup, applied, current }: RestoreInput<AccessKeySnapshot>): PlannedCall[] {
  const changed = applied.some((call) => call.action === UPDATE_ACCESS_KEY && call.input.AccessKeyId === backup.AccessKeyId);
  if (!changed || current.Status === backup.Status) return [];
  // The current user name: the user may have been renamed since the backup.
  return [setStatus(current, backup.Status, `set access key ${backup.AccessKeyId} of user ${current.UserName} ${backup.Status} again`)];
}
