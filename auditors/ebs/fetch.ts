/** Reads the EBS inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  DescribeInstancesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  type Snapshot,
} from '@aws-sdk/client-ec2';
import { collectPages } from '../../src/aws/paginate.js';
import { describeAwsError } from '../../src/aws/errors.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { accountRef, type ResourceRef } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import {
  toPermissions,
  toSnapshotItem,
  toVolumeItem,
  withDeleteOnTermination,
  type CreateVolumePermissions,
  type EbsAccountItem,
  type EbsInventory,
  type EbsSnapshotItem,
  type EbsVolumeItem,
} from './model.js';

/** Values per EC2 filter stay well under the service limit. */
const FILTER_BATCH = 100;

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Volume id -> DeleteOnTermination from the instances' block device mappings.
 * Only asked when an attachment omits the flag (AWS sends it; some emulators do not).
 */
async function deleteOnTerminationFromInstances(ec2: EC2Client, instanceIds: readonly string[], ctx: CollectContext): Promise<Fetched<ReadonlyMap<string, boolean>>> {
  return ctx.limit(() =>
    fetchDetail(async () => {
      const flags = new Map<string, boolean>();
      for (const batch of batches(instanceIds, FILTER_BATCH)) {
        const reservations = await collectPages(
          (NextToken) => ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: batch }], MaxResults: 1000, NextToken })),
          (page) => page.NextToken,
          (page) => page.Reservations,
        );
        for (const mapping of reservations.flatMap((r) => r.Instances ?? []).flatMap((i) => i.BlockDeviceMappings ?? [])) {
          if (mapping.Ebs?.VolumeId && mapping.Ebs.DeleteOnTermination !== undefined) flags.set(mapping.Ebs.VolumeId, mapping.Ebs.DeleteOnTermination);
        }
      }
      return flags;
    }),
  );
}

async function readVolumes(ec2: EC2Client, ctx: CollectContext): Promise<EbsVolumeItem[]> {
  const volumes = await collectPages(
    (NextToken) => ec2.send(new DescribeVolumesCommand({ MaxResults: 500, NextToken })),
    (page) => page.NextToken,
    (page) => page.Volumes,
  );
  const items = volumes.map((v) => toVolumeItem(v, ctx.accountId, ctx.region, ctx.partition));
  const unknown = new Set(items.filter((v) => v.attachments.some((a) => !a.deleteOnTermination.ok)));
  if (unknown.size === 0) return items;
  const instanceIds = [...new Set([...unknown].flatMap((v) => v.attachments.flatMap((a) => (a.instanceId ? [a.instanceId] : []))))];
  const flags = await deleteOnTerminationFromInstances(ec2, instanceIds, ctx);
  return items.map((item) => (unknown.has(item) ? withDeleteOnTermination(item, flags) : item));
}

/** Undefined when the snapshot was deleted between listing and reading. */
async function readSnapshot(ec2: EC2Client, snapshot: Snapshot, ctx: CollectContext): Promise<EbsSnapshotItem | undefined> {
  let permissions: Fetched<CreateVolumePermissions>;
  try {
    const answer = await ec2.send(new DescribeSnapshotAttributeCommand({ SnapshotId: snapshot.SnapshotId, Attribute: 'createVolumePermission' }));
    permissions = { ok: true, value: toPermissions(answer.CreateVolumePermissions) };
  } catch (error) {
    const info = describeAwsError(error);
    if (info.code === 'InvalidSnapshot.NotFound') return undefined;
    permissions = { ok: false, error: info.message };
  }
  return toSnapshotItem(snapshot, ctx.region, ctx.partition, permissions);
}

async function readSnapshots(ec2: EC2Client, ctx: CollectContext): Promise<EbsSnapshotItem[]> {
  const snapshots = await collectPages(
    (NextToken) => ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 1000, NextToken })),
    (page) => page.NextToken,
    (page) => page.Snapshots?.filter((s) => s.SnapshotId !== undefined),
  );
  const items = await mapLimited(snapshots, ctx.limit, (s) => readSnapshot(ec2, s, ctx));
  return items.filter((s): s is EbsSnapshotItem => s !== undefined);
}

async function readAccount(ec2: EC2Client, ctx: CollectContext): Promise<EbsAccountItem> {
  const encryptionByDefault = await ctx.limit(() =>
    fetchDetail(async () => {
      const answer = await ec2.send(new GetEbsEncryptionByDefaultCommand({}));
      if (answer.EbsEncryptionByDefault === undefined) throw new Error('GetEbsEncryptionByDefault returned no EbsEncryptionByDefault');
      return answer.EbsEncryptionByDefault;
    }),
  );
  return { ref: accountRef(ctx.accountId, ctx.region), encryptionByDefault };
}

/** Reads the volumes, the owned snapshots and the region's encryption-by-default setting. */
export async function fetchEbsInventory(ctx: CollectContext): Promise<EbsInventory> {
  const ec2 = ctx.clients.get(EC2Client);
  const [volumes, snapshots, account] = await Promise.all([readVolumes(ec2, ctx), readSnapshots(ec2, ctx), readAccount(ec2, ctx)]);
  return { volumes, snapshots, account };
}

/** Undefined when the account no longer owns the snapshot. */
async function describeOwnedSnapshot(ec2: EC2Client, snapshotId: string): Promise<Snapshot | undefined> {
  try {
    const { Snapshots } = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId], OwnerIds: ['self'] }));
    return Snapshots?.find((s) => s.SnapshotId === snapshotId);
  } catch (error) {
    if (describeAwsError(error).code === 'InvalidSnapshot.NotFound') return undefined;
    throw error;
  }
}

/**
 * The inventory of one resource, for a fix's re-check: the account resource
 * holds the region's encryption-by-default setting, a snapshot its
 * createVolumePermission. Volumes have no fix yet and are not re-read.
 */
export async function fetchOneEbsResource(ctx: CollectContext, resource: ResourceRef): Promise<EbsInventory> {
  const ec2 = ctx.clients.get(EC2Client);
  if (resource.type === 'AwsAccount') return { volumes: [], snapshots: [], account: await readAccount(ec2, ctx) };
  if (!/^arn:[^:]+:ec2:[^:]*::snapshot\//.test(resource.arn)) throw new Error(`the EBS collector re-reads one snapshot or the account setting, not ${resource.arn}`);
  const snapshot = await describeOwnedSnapshot(ec2, resource.id);
  const item = snapshot ? await readSnapshot(ec2, snapshot, ctx) : undefined;
  return { volumes: [], snapshots: item ? [item] : [] };
}
