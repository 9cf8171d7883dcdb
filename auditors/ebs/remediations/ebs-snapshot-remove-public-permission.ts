/**
 * Fixes ebs-snapshot-not-public precisely: removes the group "all" from the
 * snapshot's createVolumePermission and leaves every account it is shared
 * with. Rollback adds the group back.
 */
import { defineRemediation, type PlannedCall } from '../../../src/core/remediation.js';
import check from '../checks/ebs-snapshot-not-public.js';

/** One entry of DescribeSnapshotAttribute's CreateVolumePermissions (the API's own names). */
export type CreateVolumePermissionJson = { Group?: string; UserId?: string };

/** The snapshot's createVolumePermission as DescribeSnapshotAttribute returns it, in a stable order. */
export type SnapshotPermissionsSnapshot = {
  SnapshotId: string;
  CreateVolumePermissions: CreateVolumePermissionJson[];
};

const PUBLIC = 'all';
const MODIFY = 'ec2:ModifySnapshotAttribute';

const isPublic = (snapshot: SnapshotPermissionsSnapshot): boolean => snapshot.CreateVolumePermissions.some((p) => p.Group === PUBLIC);

// The OperationType form, not CreateVolumePermission {Add, Remove}: AWS takes both, moto only this one.
const modify = (snapshotId: string, operation: 'add' | 'remove', description: string): PlannedCall => ({
  action: MODIFY,
  input: { SnapshotId: snapshotId, Attribute: 'createVolumePermission', OperationType: operation, GroupNames: [PUBLIC] },
  description,
});

const removesPublic = (call: PlannedCall): boolean =>
  call.action === MODIFY && call.input.OperationType === 'remove' && Array.isArray(call.input.GroupNames) && call.input.GroupNames.includes(PUBLIC);

export default defineRemediation<SnapshotPermissionsSnapshot>({
  id: 'ebs-snapshot-remove-public-permission',
  checkId: check.meta.id,
  title: 'Remove the public createVolumePermission from an EBS snapshot',
  description:
    'Removes the group "all" from the snapshot\'s createVolumePermission, so no AWS account can create a volume from it unless the snapshot is shared with that account by id. The account ids it is shared with, its data, tags and encryption never change. Rollback adds the group "all" back (refused while block public access for EBS snapshots blocks sharing).',
  permissions: ['ec2:DescribeSnapshotAttribute', MODIFY],
  async snapshot(ctx, resource) {
    const { readSnapshotPermissions } = await import('./apply.js');
    return readSnapshotPermissions(ctx, resource.id);
  },
  plan({ snapshot }) {
    if (!isPublic(snapshot)) return { calls: [], left: [] };
    return { calls: [modify(snapshot.SnapshotId, 'remove', `remove the group "all" from the createVolumePermission of ${snapshot.SnapshotId}`)], left: [] };
  },
  restore({ backup, applied, current }) {
    if (!applied.some(removesPublic) || !isPublic(backup) || isPublic(current)) return [];
    return [modify(backup.SnapshotId, 'add', `add the group "all" back to the createVolumePermission of ${backup.SnapshotId}`)];
  },
  async perform(ctx, call) {
    const { performSnapshotPermissionCall } = await import('./apply.js');
    await performSnapshotPermissionCall(ctx, call);
  },
});
