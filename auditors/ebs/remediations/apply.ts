/** The EBS fixes' AWS calls (loaded when a fix runs, like the collectors' fetch.ts). */
import {
  DescribeSnapshotAttributeCommand, DisableEbsEncryptionByDefaultCommand, EC2Client, EnableEbsEncryptionByDefaultCommand,
  GetEbsEncryptionByDefaultCommand, ModifySnapshotAttributeCommand,
} from '@aws-sdk/client-ec2';
import { describeAwsError } from '../../../src/aws/errors.js';
import { ResourceGoneError, type PlannedCall, type RemediationContext } from '../../../src/core/remediation.js';
import type { EncryptionByDefaultSnapshot } from './ebs-enable-encryption-by-default.js';
import type { CreateVolumePermissionJson, SnapshotPermissionsSnapshot } from './ebs-snapshot-remove-public-permission.js';

const SNAPSHOT_GONE = 'InvalidSnapshot.NotFound';

const gone = (snapshotId: string, error: unknown): ResourceGoneError => new ResourceGoneError(`snapshot ${snapshotId} no longer exists`, { cause: error });

/** The permissions as plain JSON in a stable order: AWS does not keep their order. */
export function toPermissionsJson(entries: readonly CreateVolumePermissionJson[] | undefined): CreateVolumePermissionJson[] {
  return (entries ?? [])
    .map((entry) => ({ ...(entry.Group !== undefined ? { Group: entry.Group } : {}), ...(entry.UserId !== undefined ? { UserId: entry.UserId } : {}) }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export async function readSnapshotPermissions(ctx: RemediationContext, snapshotId: string): Promise<SnapshotPermissionsSnapshot> {
  try {
    const answer = await ctx.clients.get(EC2Client).send(new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' }));
    return { SnapshotId: snapshotId, CreateVolumePermissions: toPermissionsJson(answer.CreateVolumePermissions) };
  } catch (error) {
    if (describeAwsError(error).code === SNAPSHOT_GONE) throw gone(snapshotId, error);
    throw error;
  }
}

/** Adding or removing the group is idempotent in EC2 itself. */
export async function performSnapshotPermissionCall(ctx: RemediationContext, call: PlannedCall): Promise<void> {
  if (call.action !== 'ec2:ModifySnapshotAttribute') throw new Error(`the EBS snapshot fix does not make ${call.action}`);
  const snapshotId = String(call.input.SnapshotId);
  const operation = call.input.OperationType === 'add' ? 'add' : 'remove';
  try {
    await ctx.clients.get(EC2Client).send(new ModifySnapshotAttributeCommand({
      SnapshotId: snapshotId,
      Attribute: 'createVolumePermission',
      OperationType: operation,
      GroupNames: (call.input.GroupNames as string[] | undefined) ?? [],
    }));
  } catch (error) {
    if (describeAwsError(error).code === SNAPSHOT_GONE) throw gone(snapshotId, error);
    throw error;
  }
}

export async function readEncryptionByDefault(ctx: RemediationContext): Promise<EncryptionByDefaultSnapshot> {
  const answer = await ctx.clients.get(EC2Client).send(new GetEbsEncryptionByDefaultCommand({}));
  if (answer.EbsEncryptionByDefault === undefined) throw new Error('GetEbsEncryptionByDefault returned no EbsEncryptionByDefault');
  return { EbsEncryptionByDefault: answer.EbsEncryptionByDefault };
}

/** Turning the setting on or off when it already is so is no error. */
export async function performEncryptionByDefaultCall(ctx: RemediationContext, call: PlannedCall): Promise<void> {
  const ec2 = ctx.clients.get(EC2Client);
  if (call.action === 'ec2:EnableEbsEncryptionByDefault') await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
  else if (call.action === 'ec2:DisableEbsEncryptionByDefault') await ec2.send(new DisableEbsEncryptionByDefaultCommand({}));
  else throw new Error(`the EBS encryption-by-default fix does not make ${call.action}`);
}
