/**
 * Fixes ami-not-public precisely: removes the group "all" from the image's
 * launchPermission and leaves every account, organization and OU it is shared
 * with. Rollback adds the group back.
 */
import { defineRemediation, type PlannedCall } from '../../../src/core/remediation.js';
import check from '../checks/ami-not-public.js';

/** One entry of DescribeImageAttribute's LaunchPermissions (the API's own names). */
export type LaunchPermissionJson = { Group?: string; UserId?: string; OrganizationArn?: string; OrganizationalUnitArn?: string };

/** The image's launchPermission as DescribeImageAttribute returns it, in a stable order. */
export type LaunchPermissionsSnapshot = {
  ImageId: string;
  LaunchPermissions: LaunchPermissionJson[];
};

const PUBLIC = 'all';
const MODIFY = 'ec2:ModifyImageAttribute';

const isPublic = (snapshot: LaunchPermissionsSnapshot): boolean => snapshot.LaunchPermissions.some((p) => p.Group === PUBLIC);

const modify = (imageId: string, operation: 'Add' | 'Remove', description: string): PlannedCall => ({
  action: MODIFY,
  input: { ImageId: imageId, LaunchPermission: { [operation]: [{ Group: PUBLIC }] } },
  description,
});

function removesPublic(call: PlannedCall): boolean {
  const change = call.input.LaunchPermission;
  if (call.action !== MODIFY || typeof change !== 'object' || change === null || Array.isArray(change)) return false;
  return Array.isArray(change.Remove) && change.Remove.some((p) => typeof p === 'object' && p !== null && !Array.isArray(p) && p.Group === PUBLIC);
}

export default defineRemediation<LaunchPermissionsSnapshot>({
  id: 'ami-remove-public-launch-permission',
  checkId: check.meta.id,
  title: 'Remove the public launch permission from an AMI',
  description:
    'Removes the group "all" from the image\'s launchPermission, so only the accounts, organizations and OUs it is shared with can launch it. Those shares, the image, its snapshots and tags never change. Rollback adds the group "all" back (refused while block public access for AMIs is on).',
  permissions: ['ec2:DescribeImageAttribute', MODIFY],
  async snapshot(ctx, resource) {
    const { readLaunchPermissions } = await import('./apply.js');
    return readLaunchPermissions(ctx, resource.id);
  },
  plan({ snapshot, evidence }) {
    if (isPublic(snapshot)) return { calls: [modify(snapshot.ImageId, 'Remove', `remove the group "all" from the launchPermission of ${snapshot.ImageId}`)], left: [] };
    // DescribeImages said Public while the launchPermission holds no group "all": there is nothing this fix can remove.
    if (evidence.public === true) return { calls: [], left: [`image ${snapshot.ImageId} is reported public but its launchPermission holds no group "all" (the flag may lag a change just made): nothing to remove; scan again`] };
    return { calls: [], left: [] };
  },
  restore({ backup, applied, current }) {
    if (!applied.some(removesPublic) || !isPublic(backup) || isPublic(current)) return [];
    return [modify(backup.ImageId, 'Add', `add the group "all" back to the launchPermission of ${backup.ImageId}`)];
  },
  async perform(ctx, call) {
    const { performLaunchPermissionCall } = await import('./apply.js');
    await performLaunchPermissionCall(ctx, call);
  },
});
