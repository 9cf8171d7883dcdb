/** The IAM fixes' AWS calls (loaded when a fix runs, like the collectors' fetch.ts). */
import { GetAccessKeyLastUsedCommand, IAMClient, ListAccessKeysCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { collectPages } from '../../../src/aws/paginate.js';
import { describeAwsError } from '../../../src/aws/errors.js';
import { ResourceGoneError, type PlannedCall, type RemediationContext } from '../../../src/core/remediation.js';
import { UPDATE_ACCESS_KEY, type AccessKeyLastUsedJson, type AccessKeySnapshot } from '../deactivate-key.js';

const gone = (accessKeyId: string, cause?: unknown): ResourceGoneError => new ResourceGoneError(`access key ${accessKeyId} no longer exists`, cause === undefined ? undefined : { cause });

/**
 * The key as ListAccessKeys returns it for its user, found from the key id alone (GetAccessKeyLastUsed names
 * the user); with its last use when withLastUse.
 */
export async function readAccessKey(ctx: RemediationContext, accessKeyId: string, withLastUse: boolean): Promise<AccessKeySnapshot> {
  const iam = ctx.clients.get(IAMClient);
  try {
    const owner = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }));
    const UserName = owner.UserName;
    if (!UserName) throw new Error(`GetAccessKeyLastUsed did not name the user of access key ${accessKeyId}`);
    const keys = await collectPages(
      (Marker) => iam.send(new ListAccessKeysCommand({ UserName, Marker })),
      (page) => (page.IsTruncated ? page.Marker : undefined),
      (page) => page.AccessKeyMetadata,
    );
    const key = keys.find((k) => k.AccessKeyId === accessKeyId);
    if (!key) throw gone(accessKeyId);
    const used = owner.AccessKeyLastUsed;
    const lastUsed: AccessKeyLastUsedJson = {
      ...(used?.LastUsedDate ? { LastUsedDate: used.LastUsedDate.toISOString() } : {}),
      ...(used?.ServiceName !== undefined ? { ServiceName: used.ServiceName } : {}),
      ...(used?.Region !== undefined ? { Region: used.Region } : {}),
    };
    return {
      UserName: key.UserName ?? UserName,
      AccessKeyId: accessKeyId,
      Status: key.Status ?? 'Unknown',
      ...(key.CreateDate ? { CreateDate: key.CreateDate.toISOString() } : {}),
      ...(withLastUse ? { AccessKeyLastUsed: lastUsed } : {}),
    };
  } catch (error) {
    if (describeAwsError(error).code === 'NoSuchEntity') throw gone(accessKeyId, error);
    throw error;
  }
}

/** Sets a key's status; setting the status it already has is a no-op for IAM, so every call is idempotent. */
export async function performAccessKeyCall(ctx: RemediationContext, call: PlannedCall): Promise<void> {
  if (call.action !== UPDATE_ACCESS_KEY) throw new Error(`the IAM fixes do not make ${call.action}`);
  const AccessKeyId = String(call.input.AccessKeyId);
  const Status = call.input.Status;
  if (Status !== 'Active' && Status !== 'Inactive') throw new Error(`the IAM fixes set a key Active or Inactive, not ${String(Status)}`);
  try {
    await ctx.clients.get(IAMClient).send(new UpdateAccessKeyCommand({ UserName: String(call.input.UserName), AccessKeyId, Status }));
  } catch (error) {
    if (describeAwsError(error).code === 'NoSuchEntity') throw gone(AccessKeyId, error);
    throw error;
  }
}
