/**
 * Fixes rds-snapshot-not-public precisely: removes "all" from the restore
 * attribute of a manual DB snapshot or DB cluster snapshot and leaves every
 * account id it is shared with. Rollback adds "all" back.
 */
import { defineRemediation, type PlannedCall } from '../../../src/core/remediation.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import check from '../checks/rds-snapshot-not-public.js';
import { snapshotKindOf } from '../model.js';

/** One attribute as DescribeDBSnapshotAttributes and DescribeDBClusterSnapshotAttributes return it. */
export type SnapshotAttributeJson = { AttributeName: string; AttributeValues: string[] };

/** The snapshot's attributes in the API's own shape (DBSnapshotAttributesResult or DBClusterSnapshotAttributesResult), in a stable order. */
export type RdsSnapshotAttributesSnapshot =
  | { DBSnapshotIdentifier: string; DBSnapshotAttributes: SnapshotAttributeJson[] }
  | { DBClusterSnapshotIdentifier: string; DBClusterSnapshotAttributes: SnapshotAttributeJson[] };

const RESTORE = 'restore';
const PUBLIC = 'all';
const MODIFY_INSTANCE = 'rds:ModifyDBSnapshotAttribute';
const MODIFY_CLUSTER = 'rds:ModifyDBClusterSnapshotAttribute';

const isCluster = (snapshot: RdsSnapshotAttributesSnapshot): snapshot is Extract<RdsSnapshotAttributesSnapshot, { DBClusterSnapshotIdentifier: string }> =>
  'DBClusterSnapshotIdentifier' in snapshot;

const identifierOf = (snapshot: RdsSnapshotAttributesSnapshot): string => (isCluster(snapshot) ? snapshot.DBClusterSnapshotIdentifier : snapshot.DBSnapshotIdentifier);

const restoreValues = (snapshot: RdsSnapshotAttributesSnapshot): string[] =>
  (isCluster(snapshot) ? snapshot.DBClusterSnapshotAttributes : snapshot.DBSnapshotAttributes).find((a) => a.AttributeName === RESTORE)?.AttributeValues ?? [];

// The check reads "all" in any case; so does the fix.
const publicValues = (snapshot: RdsSnapshotAttributesSnapshot): string[] => [...new Set(restoreValues(snapshot).filter((v) => v.toLowerCase() === PUBLIC))];

function modify(snapshot: RdsSnapshotAttributesSnapshot, change: { ValuesToRemove: string[] } | { ValuesToAdd: string[] }, description: string): PlannedCall {
  const input = isCluster(snapshot)
    ? { DBClusterSnapshotIdentifier: snapshot.DBClusterSnapshotIdentifier, AttributeName: RESTORE, ...change }
    : { DBSnapshotIdentifier: snapshot.DBSnapshotIdentifier, AttributeName: RESTORE, ...change };
  return { action: isCluster(snapshot) ? MODIFY_CLUSTER : MODIFY_INSTANCE, input, description };
}

const label = (snapshot: RdsSnapshotAttributesSnapshot): string => `${isCluster(snapshot) ? 'DB cluster snapshot' : 'DB snapshot'} ${identifierOf(snapshot)}`;

/** The snapshot's kind, from its ARN (a scan names snapshots by ARN). */
function kindOf(resource: ResourceRef): 'instance' | 'cluster' {
  const kind = snapshotKindOf(resource.arn);
  if (!kind) throw new Error(`${resource.arn} is not an RDS DB snapshot or DB cluster snapshot`);
  return kind;
}

export default defineRemediation<RdsSnapshotAttributesSnapshot>({
  id: 'rds-snapshot-remove-public-restore',
  checkId: check.meta.id,
  title: 'Remove "all" from the restore attribute of an RDS snapshot',
  description:
    'Removes the value "all" from the restore attribute of a manual DB snapshot or DB cluster snapshot, so only the AWS accounts it is shared with by id can copy or restore it. Those account ids, the snapshot data, tags and encryption never change. Rollback adds "all" back.',
  permissions: ['rds:DescribeDBSnapshotAttributes', 'rds:DescribeDBClusterSnapshotAttributes', MODIFY_INSTANCE, MODIFY_CLUSTER],
  async snapshot(ctx, resource) {
    const { readSnapshotAttributes } = await import('./apply.js');
    return readSnapshotAttributes(ctx, kindOf(resource), resource.id);
  },
  plan({ snapshot }) {
    const values = publicValues(snapshot);
    if (values.length === 0) return { calls: [], left: [] };
    return { calls: [modify(snapshot, { ValuesToRemove: values }, `remove "all" from the restore attribute of ${label(snapshot)}`)], left: [] };
  },
  restore({ backup, applied, current }) {
    const removed = applied.flatMap((call) => (call.action === MODIFY_INSTANCE || call.action === MODIFY_CLUSTER) && Array.isArray(call.input.ValuesToRemove) ? call.input.ValuesToRemove : []);
    const now = new Set(restoreValues(current));
    const missing = publicValues(backup).filter((value) => removed.includes(value) && !now.has(value));
    if (missing.length === 0) return [];
    return [modify(backup, { ValuesToAdd: missing }, `add "all" back to the restore attribute of ${label(backup)}`)];
  },
  async perform(ctx, call) {
    const { performSnapshotAttributeCall } = await import('./apply.js');
    await performSnapshotAttributeCall(ctx, call);
  },
});
