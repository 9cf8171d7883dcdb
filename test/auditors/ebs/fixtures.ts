/** Hand-built EBS inventory items for the check unit tests, and a plan task for evaluateChecks. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { accountRef } from '../../../src/core/resource.js';
import {
  ebsCollector,
  type CreateVolumePermissions,
  type EbsAccountItem,
  type EbsInventory,
  type EbsSnapshotItem,
  type EbsVolumeItem,
  type VolumeAttachmentRecord,
} from '../../../auditors/ebs/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const failed = <T>(error = 'UnauthorizedOperation: You are not authorized'): Fetched<T> => ({ ok: false, error });

export function attachment(instanceId: string, deleteOnTermination: Fetched<boolean> = fetched(true), state = 'attached'): VolumeAttachmentRecord {
  return { instanceId, device: '/dev/sdf', state, deleteOnTermination };
}

export function volume(id: string, overrides: Partial<Omit<EbsVolumeItem, 'ref' | 'volumeId'>> = {}): EbsVolumeItem {
  return {
    ref: { type: 'AwsEc2Volume', arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/${id}`, id, region: REGION, partition: 'aws', tags: {} },
    volumeId: id,
    state: 'in-use',
    encrypted: true,
    sizeGiB: 8,
    attachments: [attachment('i-1')],
    ...overrides,
  };
}

export function snapshot(id: string, overrides: Partial<Omit<EbsSnapshotItem, 'ref' | 'snapshotId'>> = {}): EbsSnapshotItem {
  const permissions: CreateVolumePermissions = { public: false, accounts: [] };
  return {
    ref: { type: 'Other', arn: `arn:aws:ec2:${REGION}::snapshot/${id}`, id, region: REGION, partition: 'aws', tags: {} },
    snapshotId: id,
    state: 'completed',
    encrypted: true,
    createVolumePermission: fetched(permissions),
    ...overrides,
  };
}

export function account(encryptionByDefault: Fetched<boolean> = fetched(true)): EbsAccountItem {
  return { ref: accountRef(ACCOUNT, REGION), encryptionByDefault };
}

export function inventory(parts: Partial<EbsInventory> = {}): EbsInventory {
  return { volumes: [], snapshots: [], account: account(), ...parts };
}

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: ebsCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
