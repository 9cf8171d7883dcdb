/** The AMI fix's AWS calls (loaded when the fix runs, like the collector's fetch.ts). */
import { DescribeImageAttributeCommand, EC2Client, ModifyImageAttributeCommand, type LaunchPermission, type LaunchPermissionModifications } from '@aws-sdk/client-ec2';
import { describeAwsError } from '../../../src/aws/errors.js';
import { ResourceGoneError, type PlannedCall, type RemediationContext } from '../../../src/core/remediation.js';
import { IMAGE_GONE } from '../fetch.js';
import type { LaunchPermissionJson, LaunchPermissionsSnapshot } from './ami-remove-public-launch-permission.js';

const gone = (imageId: string, error: unknown): ResourceGoneError => new ResourceGoneError(`image ${imageId} no longer exists`, { cause: error });

/** The permissions as plain JSON in a stable order: AWS does not keep their order. */
export function toLaunchPermissionsJson(entries: readonly LaunchPermission[] | undefined): LaunchPermissionJson[] {
  return (entries ?? [])
    .map((entry) => JSON.parse(JSON.stringify(entry)) as LaunchPermissionJson)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export async function readLaunchPermissions(ctx: RemediationContext, imageId: string): Promise<LaunchPermissionsSnapshot> {
  try {
    const answer = await ctx.clients.get(EC2Client).send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }));
    return { ImageId: imageId, LaunchPermissions: toLaunchPermissionsJson(answer.LaunchPermissions) };
  } catch (error) {
    if (IMAGE_GONE.has(describeAwsError(error).code)) throw gone(imageId, error);
    throw error;
  }
}

/** Adding a permission that is there, or removing one that is not, is no error in EC2 itself. */
export async function performLaunchPermissionCall(ctx: RemediationContext, call: PlannedCall): Promise<void> {
  if (call.action !== 'ec2:ModifyImageAttribute') throw new Error(`the AMI fix does not make ${call.action}`);
  const imageId = String(call.input.ImageId);
  try {
    await ctx.clients.get(EC2Client).send(new ModifyImageAttributeCommand({ ImageId: imageId, LaunchPermission: call.input.LaunchPermission as LaunchPermissionModifications }));
  } catch (error) {
    if (IMAGE_GONE.has(describeAwsError(error).code)) throw gone(imageId, error);
    throw error;
  }
}
