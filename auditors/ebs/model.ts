/** The EBS records the checks read, made from the SDK answers, and their ASFF resource entries. */
import type { CreateVolumePermission, Snapshot, Volume, VolumeAttachment } from '@aws-sdk/client-ec2';
import type { JsonValue } from '../../src/core/check.js';
import { fetched, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord, type ResourceRef } from '../../src/core/resource.js';

export interface VolumeAttachmentRecord {
  instanceId?: string;
  device?: string;
  /** attaching, attached, detaching, detached or busy. */
  state?: string;
  attachTime?: string;
  /** From the attachment, or from the instance's block device mapping when the attachment omits it. */
  deleteOnTermination: Fetched<boolean>;
}

export interface EbsVolumeItem {
  ref: ResourceRef;
  volumeId: string;
  /** creating, available, in-use, deleting, deleted or error. */
  state?: string;
  /** Undefined when the answer did not say. */
  encrypted?: boolean;
  kmsKeyId?: string;
  sizeGiB?: number;
  volumeType?: string;
  snapshotId?: string;
  createTime?: string;
  attachments: VolumeAttachmentRecord[];
}

export interface CreateVolumePermissions {
  /** createVolumePermission includes the group "all": anyone can copy the data. */
  public: boolean;
  /** The other AWS accounts the snapshot is shared with. */
  accounts: string[];
}

export interface EbsSnapshotItem {
  ref: ResourceRef;
  snapshotId: string;
  volumeId?: string;
  state?: string;
  /** Undefined when the answer did not say. */
  encrypted?: boolean;
  kmsKeyId?: string;
  startTime?: string;
  description?: string;
  createVolumePermission: Fetched<CreateVolumePermissions>;
}

export interface EbsAccountItem {
  ref: ResourceRef;
  encryptionByDefault: Fetched<boolean>;
}

export interface EbsInventory {
  volumes: EbsVolumeItem[];
  snapshots: EbsSnapshotItem[];
  /** The region's setting; absent from the inventory of one snapshot (collectOne). */
  account?: EbsAccountItem;
}

type JsonObject = { [key: string]: JsonValue };

function compact(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

const missingDeleteOnTermination = (volumeId: string, instanceId: string | undefined): Fetched<boolean> => ({
  ok: false,
  error: `the API did not report DeleteOnTermination for ${volumeId} on ${instanceId ?? 'its instance'}`,
});

function toAttachment(volumeId: string, attachment: VolumeAttachment): VolumeAttachmentRecord {
  return {
    ...(attachment.InstanceId ? { instanceId: attachment.InstanceId } : {}),
    ...(attachment.Device ? { device: attachment.Device } : {}),
    ...(attachment.State ? { state: attachment.State } : {}),
    ...(attachment.AttachTime ? { attachTime: attachment.AttachTime.toISOString() } : {}),
    deleteOnTermination:
      attachment.DeleteOnTermination === undefined ? missingDeleteOnTermination(volumeId, attachment.InstanceId) : fetched(attachment.DeleteOnTermination),
  };
}

function volumeDetails(volume: Omit<EbsVolumeItem, 'ref'>): JsonObject {
  return compact({
    VolumeId: volume.volumeId,
    CreateTime: volume.createTime,
    Encrypted: volume.encrypted,
    KmsKeyId: volume.kmsKeyId,
    Size: volume.sizeGiB,
    SnapshotId: volume.snapshotId,
    Status: volume.state,
    VolumeType: volume.volumeType,
    Attachments: volume.attachments.map((a) =>
      compact({ AttachTime: a.attachTime, DeleteOnTermination: a.deleteOnTermination.ok ? a.deleteOnTermination.value : undefined, InstanceId: a.instanceId, Status: a.state }),
    ),
  });
}

export function toVolumeItem(volume: Volume, accountId: string, region: string, partition: string): EbsVolumeItem {
  const volumeId = volume.VolumeId ?? 'unknown';
  const record: Omit<EbsVolumeItem, 'ref'> = {
    volumeId,
    ...(volume.State ? { state: volume.State } : {}),
    ...(volume.Encrypted !== undefined ? { encrypted: volume.Encrypted } : {}),
    ...(volume.KmsKeyId ? { kmsKeyId: volume.KmsKeyId } : {}),
    ...(volume.Size !== undefined ? { sizeGiB: volume.Size } : {}),
    ...(volume.VolumeType ? { volumeType: volume.VolumeType } : {}),
    ...(volume.SnapshotId ? { snapshotId: volume.SnapshotId } : {}),
    ...(volume.CreateTime ? { createTime: volume.CreateTime.toISOString() } : {}),
    attachments: (volume.Attachments ?? []).map((a) => toAttachment(volumeId, a)),
  };
  return {
    ref: {
      type: 'AwsEc2Volume',
      arn: `arn:${partition}:ec2:${region}:${accountId}:volume/${volumeId}`,
      id: volumeId,
      region,
      partition,
      tags: tagsToRecord(volume.Tags),
      details: { AwsEc2Volume: volumeDetails(record) },
    },
    ...record,
  };
}

/** Fills the DeleteOnTermination the attachments omitted, from the instances' block device mappings (volume id -> flag). */
export function withDeleteOnTermination(volume: EbsVolumeItem, fromInstances: Fetched<ReadonlyMap<string, boolean>>): EbsVolumeItem {
  const attachments = volume.attachments.map((attachment) => {
    if (attachment.deleteOnTermination.ok) return attachment;
    if (!fromInstances.ok) return { ...attachment, deleteOnTermination: { ok: false as const, error: `the instance block device mappings could not be read: ${fromInstances.error}` } };
    const flag = fromInstances.value.get(volume.volumeId);
    return flag === undefined ? attachment : { ...attachment, deleteOnTermination: fetched(flag) };
  });
  const updated = { ...volume, attachments };
  return { ...updated, ref: { ...volume.ref, details: { AwsEc2Volume: volumeDetails(updated) } } };
}

export function toPermissions(entries: readonly CreateVolumePermission[] | undefined): CreateVolumePermissions {
  const list = entries ?? [];
  return {
    public: list.some((entry) => entry.Group === 'all'),
    accounts: [...new Set(list.flatMap((entry) => (entry.UserId ? [entry.UserId] : [])))].sort(),
  };
}

export function toSnapshotItem(snapshot: Snapshot, region: string, partition: string, createVolumePermission: Fetched<CreateVolumePermissions>): EbsSnapshotItem {
  const snapshotId = snapshot.SnapshotId ?? 'unknown';
  const startTime = snapshot.StartTime?.toISOString();
  return {
    ref: {
      type: 'Other',
      // Snapshot ARNs carry no account id.
      arn: `arn:${partition}:ec2:${region}::snapshot/${snapshotId}`,
      id: snapshotId,
      region,
      partition,
      tags: tagsToRecord(snapshot.Tags),
      // ASFF has no snapshot details type: Other takes string values.
      details: {
        Other: compact({
          SnapshotId: snapshotId,
          VolumeId: snapshot.VolumeId,
          Encrypted: snapshot.Encrypted === undefined ? undefined : String(snapshot.Encrypted),
          KmsKeyId: snapshot.KmsKeyId,
          State: snapshot.State,
          StartTime: startTime,
          OwnerId: snapshot.OwnerId,
        }),
      },
    },
    snapshotId,
    ...(snapshot.VolumeId ? { volumeId: snapshot.VolumeId } : {}),
    ...(snapshot.State ? { state: snapshot.State } : {}),
    ...(snapshot.Encrypted !== undefined ? { encrypted: snapshot.Encrypted } : {}),
    ...(snapshot.KmsKeyId ? { kmsKeyId: snapshot.KmsKeyId } : {}),
    ...(startTime ? { startTime } : {}),
    ...(snapshot.Description ? { description: snapshot.Description } : {}),
    createVolumePermission,
  };
}
