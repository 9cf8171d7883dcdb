/** Reads the AMI inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  type Image,
  type LaunchPermission,
} from '@aws-sdk/client-ec2';
import { collectPages } from '../../src/aws/paginate.js';
import { describeAwsError } from '../../src/aws/errors.js';
import type { JsonValue } from '../../src/core/check.js';
import { fetched, fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import type { AmiEbsDevice, AmiInventory, AmiItem, LaunchPermissions } from './collect.js';

/** Values per EC2 filter stay well under the service limit. */
const FILTER_BATCH = 100;
/** The image no longer exists (Unavailable: deregistered a moment ago). */
export const IMAGE_GONE = new Set(['InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable']);

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function toLaunchPermissions(entries: readonly LaunchPermission[] | undefined): LaunchPermissions {
  const list = entries ?? [];
  const values = (pick: (entry: LaunchPermission) => string | undefined): string[] =>
    [...new Set(list.flatMap((entry) => {
      const value = pick(entry);
      return value ? [value] : [];
    }))].sort();
  return {
    public: list.some((entry) => entry.Group === 'all'),
    accounts: values((entry) => entry.UserId),
    organizations: values((entry) => entry.OrganizationArn),
    organizationalUnits: values((entry) => entry.OrganizationalUnitArn),
  };
}

/** Snapshot id -> Encrypted, for the mappings whose answer omitted the flag (AWS sends it; some emulators do not). */
async function snapshotEncryption(ec2: EC2Client, snapshotIds: readonly string[], ctx: CollectContext): Promise<Fetched<ReadonlyMap<string, boolean>>> {
  if (snapshotIds.length === 0) return fetched(new Map());
  return ctx.limit(() =>
    fetchDetail(async () => {
      const flags = new Map<string, boolean>();
      for (const batch of batches(snapshotIds, FILTER_BATCH)) {
        // A filter, not SnapshotIds: one deleted snapshot must not fail the whole batch.
        const snapshots = await collectPages(
          (NextToken) => ec2.send(new DescribeSnapshotsCommand({ Filters: [{ Name: 'snapshot-id', Values: batch }], MaxResults: 1000, NextToken })),
          (page) => page.NextToken,
          (page) => page.Snapshots,
        );
        for (const s of snapshots) if (s.SnapshotId && s.Encrypted !== undefined) flags.set(s.SnapshotId, s.Encrypted);
      }
      return flags;
    }),
  );
}

function ebsDevices(image: Image, fromSnapshots: Fetched<ReadonlyMap<string, boolean>>): AmiEbsDevice[] {
  return (image.BlockDeviceMappings ?? []).flatMap((mapping): AmiEbsDevice[] => {
    const ebs = mapping.Ebs;
    if (!ebs || (ebs.Encrypted === undefined && !ebs.SnapshotId)) return [];
    const deviceName = mapping.DeviceName ?? 'unnamed device';
    const snapshot = ebs.SnapshotId ? { snapshotId: ebs.SnapshotId } : {};
    if (ebs.Encrypted !== undefined) return [{ deviceName, ...snapshot, encrypted: fetched(ebs.Encrypted) }];
    const snapshotId = ebs.SnapshotId as string;
    if (!fromSnapshots.ok) return [{ deviceName, ...snapshot, encrypted: { ok: false, error: `the snapshot ${snapshotId} could not be read: ${fromSnapshots.error}` } }];
    const flag = fromSnapshots.value.get(snapshotId);
    const encrypted: Fetched<boolean> = flag === undefined ? { ok: false, error: `neither the image nor its snapshot ${snapshotId} reported the encryption` } : fetched(flag);
    return [{ deviceName, ...snapshot, encrypted }];
  });
}

function details(image: Image): Record<string, JsonValue> {
  // ASFF has no image details type: Other takes string values.
  const fields: Record<string, string | undefined> = {
    ImageId: image.ImageId,
    Name: image.Name,
    State: image.State,
    Public: image.Public === undefined ? undefined : String(image.Public),
    CreationDate: image.CreationDate,
    RootDeviceType: image.RootDeviceType,
    DeprecationTime: image.DeprecationTime,
  };
  const other: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) other[key] = value;
  return { Other: other };
}

function toItem(image: Image, launchPermission: Fetched<LaunchPermissions>, fromSnapshots: Fetched<ReadonlyMap<string, boolean>>, ctx: CollectContext): AmiItem {
  const imageId = image.ImageId as string;
  return {
    ref: {
      type: 'Other',
      // Image ARNs carry no account id.
      arn: `arn:${ctx.partition}:ec2:${ctx.region}::image/${imageId}`,
      id: imageId,
      region: ctx.region,
      partition: ctx.partition,
      tags: tagsToRecord(image.Tags),
      details: details(image),
    },
    imageId,
    ...(image.Name ? { name: image.Name } : {}),
    ...(image.State ? { state: image.State } : {}),
    ...(image.Public !== undefined ? { public: image.Public } : {}),
    ...(image.RootDeviceType ? { rootDeviceType: image.RootDeviceType } : {}),
    ...(image.CreationDate ? { creationDate: image.CreationDate } : {}),
    ebsDevices: ebsDevices(image, fromSnapshots),
    launchPermission,
  };
}

/** Undefined when the image was deregistered between listing and reading. */
async function readLaunchPermissions(ec2: EC2Client, imageId: string): Promise<Fetched<LaunchPermissions> | undefined> {
  try {
    const answer = await ec2.send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }));
    return fetched(toLaunchPermissions(answer.LaunchPermissions));
  } catch (error) {
    const info = describeAwsError(error);
    if (IMAGE_GONE.has(info.code)) return undefined;
    return { ok: false, error: info.message };
  }
}

/** Lists the owned images and reads each one's launch permissions (and, where the image omits it, its snapshots' encryption). */
export async function fetchAmiInventory(ctx: CollectContext): Promise<AmiInventory> {
  const ec2 = ctx.clients.get(EC2Client);
  const images = await collectPages(
    (NextToken) => ec2.send(new DescribeImagesCommand({ Owners: ['self'], IncludeDeprecated: true, IncludeDisabled: true, MaxResults: 1000, NextToken })),
    (page) => page.NextToken,
    (page) => page.Images?.filter((image) => image.ImageId !== undefined),
  );
  return inventoryOf(ec2, images, ctx);
}

/** The inventory of one image the account owns, for a fix's re-check; absent when deregistered. */
export async function fetchOneImage(ctx: CollectContext, imageId: string): Promise<AmiInventory> {
  const ec2 = ctx.clients.get(EC2Client);
  let images: Image[];
  try {
    const { Images } = await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId], Owners: ['self'], IncludeDeprecated: true, IncludeDisabled: true }));
    images = (Images ?? []).filter((image) => image.ImageId === imageId);
  } catch (error) {
    if (IMAGE_GONE.has(describeAwsError(error).code)) return { images: [] };
    throw error;
  }
  return inventoryOf(ec2, images, ctx);
}

async function inventoryOf(ec2: EC2Client, images: readonly Image[], ctx: CollectContext): Promise<AmiInventory> {
  const unreported = [
    ...new Set(images.flatMap((image) => (image.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId && m.Ebs.Encrypted === undefined ? [m.Ebs.SnapshotId] : [])))),
  ];
  const [permissions, fromSnapshots] = await Promise.all([
    mapLimited(images, ctx.limit, (image) => readLaunchPermissions(ec2, image.ImageId as string)),
    snapshotEncryption(ec2, unreported, ctx),
  ]);
  return {
    images: images.flatMap((image, i) => {
      const launchPermission = permissions[i];
      return launchPermission ? [toItem(image, launchPermission, fromSnapshots, ctx)] : [];
    }),
  };
}
