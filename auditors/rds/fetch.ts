/** Reads the RDS inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
  type DBClusterSnapshot,
  type DBInstance,
  type DBSnapshot,
} from '@aws-sdk/client-rds';
import { collectPages } from '../../src/aws/paginate.js';
import { describeAwsError } from '../../src/aws/errors.js';
import type { CollectContext, Fetched } from '../../src/core/collector.js';
import { tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import { clusterSnapshotDetails, instanceDetails, instanceSnapshotDetails } from './details.js';
import { isRdsEngine } from './engines.js';
import { isSnapshotNotFound, snapshotKindOf, toClusterSnapshot, toInstance, toInstanceSnapshot, type RdsInstanceItem, type RdsInventory, type RdsSnapshotItem } from './model.js';

/** The largest page the RDS describe calls return. */
const PAGE_SIZE = 100;

const RESTORE = 'restore';

/** A snapshot deleted between the listing and the attribute read. */
const GONE = Symbol('gone');

function arnOf(ctx: CollectContext, kind: 'db' | 'snapshot' | 'cluster-snapshot', id: string, reported: string | undefined): string {
  return reported ?? `arn:${ctx.partition}:rds:${ctx.region}:${ctx.accountId}:${kind}:${id}`;
}

function instanceItem(db: DBInstance, ctx: CollectContext): RdsInstanceItem {
  const id = db.DBInstanceIdentifier ?? 'unknown';
  const ref: ResourceRef = {
    type: 'AwsRdsDbInstance',
    arn: arnOf(ctx, 'db', id, db.DBInstanceArn),
    id,
    region: ctx.region,
    partition: ctx.partition,
    tags: tagsToRecord(db.TagList),
    details: { AwsRdsDbInstance: instanceDetails(db) },
  };
  return toInstance(db, ref);
}

/** The restore attribute of a manual snapshot; GONE when the snapshot no longer exists. */
async function readRestore(read: () => Promise<{ AttributeName?: string; AttributeValues?: string[] }[] | undefined>): Promise<Fetched<string[]> | typeof GONE> {
  try {
    const attributes = (await read()) ?? [];
    const restore = attributes.find((a) => a.AttributeName === RESTORE);
    return { ok: true, value: restore?.AttributeValues ?? [] };
  } catch (error) {
    const info = describeAwsError(error);
    if (isSnapshotNotFound(info.code)) return GONE;
    return { ok: false, error: info.message };
  }
}

const isManual = (snapshotType: string | undefined): boolean => snapshotType === 'manual';

async function instanceSnapshots(rds: RDSClient, snapshots: readonly DBSnapshot[], ctx: CollectContext): Promise<RdsSnapshotItem[]> {
  const items = await mapLimited(snapshots, ctx.limit, async (snapshot): Promise<RdsSnapshotItem | undefined> => {
    const id = snapshot.DBSnapshotIdentifier ?? 'unknown';
    const ref: ResourceRef = {
      type: 'AwsRdsDbSnapshot',
      arn: arnOf(ctx, 'snapshot', id, snapshot.DBSnapshotArn),
      id,
      region: ctx.region,
      partition: ctx.partition,
      tags: tagsToRecord(snapshot.TagList),
      details: { AwsRdsDbSnapshot: instanceSnapshotDetails(snapshot) },
    };
    const item = toInstanceSnapshot(snapshot, ref);
    if (!isManual(snapshot.SnapshotType)) return item;
    const restore = await readRestore(async () => {
      const answer = await rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: id }));
      return answer.DBSnapshotAttributesResult?.DBSnapshotAttributes;
    });
    return restore === GONE ? undefined : { ...item, restoreAttribute: restore };
  });
  return items.filter((item): item is RdsSnapshotItem => item !== undefined);
}

async function clusterSnapshots(rds: RDSClient, snapshots: readonly DBClusterSnapshot[], ctx: CollectContext): Promise<RdsSnapshotItem[]> {
  const items = await mapLimited(snapshots, ctx.limit, async (snapshot): Promise<RdsSnapshotItem | undefined> => {
    const id = snapshot.DBClusterSnapshotIdentifier ?? 'unknown';
    const restore = isManual(snapshot.SnapshotType)
      ? await readRestore(async () => {
          const answer = await rds.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: id }));
          return answer.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes;
        })
      : undefined;
    if (restore === GONE) return undefined;
    const ref: ResourceRef = {
      type: 'AwsRdsDbClusterSnapshot',
      arn: arnOf(ctx, 'cluster-snapshot', id, snapshot.DBClusterSnapshotArn),
      id,
      region: ctx.region,
      partition: ctx.partition,
      tags: tagsToRecord(snapshot.TagList),
      details: { AwsRdsDbClusterSnapshot: clusterSnapshotDetails(snapshot, restore) },
    };
    const item = toClusterSnapshot(snapshot, ref);
    return restore ? { ...item, restoreAttribute: restore } : item;
  });
  return items.filter((item): item is RdsSnapshotItem => item !== undefined);
}

/** Lists the instances and snapshots (RDS engines only) and reads who may restore each manual snapshot. */
export async function fetchRdsInventory(ctx: CollectContext): Promise<RdsInventory> {
  const rds = ctx.clients.get(RDSClient);
  // Without SnapshotType the listings hold the account's own automated and manual snapshots, not those shared with it.
  const [dbInstances, dbSnapshots, dbClusterSnapshots] = await Promise.all([
    collectPages(
      (Marker) => rds.send(new DescribeDBInstancesCommand({ MaxRecords: PAGE_SIZE, Marker })),
      (page) => page.Marker,
      (page) => page.DBInstances,
    ),
    collectPages(
      (Marker) => rds.send(new DescribeDBSnapshotsCommand({ MaxRecords: PAGE_SIZE, Marker })),
      (page) => page.Marker,
      (page) => page.DBSnapshots,
    ),
    collectPages(
      (Marker) => rds.send(new DescribeDBClusterSnapshotsCommand({ MaxRecords: PAGE_SIZE, Marker })),
      (page) => page.Marker,
      (page) => page.DBClusterSnapshots,
    ),
  ]);
  const rdsInstances = dbInstances.filter((db) => isRdsEngine(db.Engine));
  const rdsSnapshots = dbSnapshots.filter((s) => isRdsEngine(s.Engine));
  const rdsClusterSnapshots = dbClusterSnapshots.filter((s) => isRdsEngine(s.Engine));
  const excluded = {
    instances: dbInstances.length - rdsInstances.length,
    snapshots: dbSnapshots.length - rdsSnapshots.length + dbClusterSnapshots.length - rdsClusterSnapshots.length,
  };
  if (excluded.instances + excluded.snapshots > 0) {
    ctx.logger.debug(`rds: left out ${excluded.instances} instance(s) and ${excluded.snapshots} snapshot(s) of DocumentDB or Neptune`);
  }
  const [instanceSnapshotItems, clusterSnapshotItems] = await Promise.all([
    instanceSnapshots(rds, rdsSnapshots, ctx),
    clusterSnapshots(rds, rdsClusterSnapshots, ctx),
  ]);
  return {
    instances: rdsInstances.map((db) => instanceItem(db, ctx)),
    snapshots: [...instanceSnapshotItems, ...clusterSnapshotItems],
    excluded,
  };
}

/**
 * The inventory of one DB snapshot or DB cluster snapshot, for a fix's
 * re-check: absent when it no longer exists, or when it belongs to DocumentDB
 * or Neptune (the scan leaves those out too).
 */
export async function fetchOneRdsSnapshot(ctx: CollectContext, resource: ResourceRef): Promise<RdsInventory> {
  const kind = snapshotKindOf(resource.arn);
  if (!kind) throw new Error(`the RDS collector re-reads one DB snapshot or DB cluster snapshot, not ${resource.arn}`);
  const rds = ctx.clients.get(RDSClient);
  const inventory = (snapshots: RdsSnapshotItem[], excluded: number): RdsInventory => ({ instances: [], snapshots, excluded: { instances: 0, snapshots: excluded } });
  try {
    if (kind === 'instance') {
      const { DBSnapshots } = await rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: resource.id }));
      const found = (DBSnapshots ?? []).filter((s) => s.DBSnapshotIdentifier === resource.id);
      const kept = found.filter((s) => isRdsEngine(s.Engine));
      return inventory(await instanceSnapshots(rds, kept, ctx), found.length - kept.length);
    }
    const { DBClusterSnapshots } = await rds.send(new DescribeDBClusterSnapshotsCommand({ DBClusterSnapshotIdentifier: resource.id }));
    const found = (DBClusterSnapshots ?? []).filter((s) => s.DBClusterSnapshotIdentifier === resource.id);
    const kept = found.filter((s) => isRdsEngine(s.Engine));
    return inventory(await clusterSnapshots(rds, kept, ctx), found.length - kept.length);
  } catch (error) {
    if (isSnapshotNotFound(describeAwsError(error).code)) return inventory([], 0);
    throw error;
  }
}
