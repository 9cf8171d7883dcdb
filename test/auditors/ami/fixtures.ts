/** Hand-built AMI inventory items for the check unit tests, and a plan task for evaluateChecks. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { amiCollector, type AmiEbsDevice, type AmiItem, type LaunchPermissions } from '../../../auditors/ami/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const PRIVATE: LaunchPermissions = { public: false, accounts: [], organizations: [], organizationalUnits: [] };

export const failed = <T>(error = 'UnauthorizedOperation: You are not authorized'): Fetched<T> => ({ ok: false, error });

export function device(deviceName: string, encrypted: Fetched<boolean> = fetched(true), snapshotId = `snap-${deviceName.replace(/\W/g, '')}`): AmiEbsDevice {
  return { deviceName, snapshotId, encrypted };
}

export function image(id: string, overrides: Partial<Omit<AmiItem, 'ref' | 'imageId'>> = {}): AmiItem {
  return {
    ref: { type: 'Other', arn: `arn:aws:ec2:${REGION}::image/${id}`, id, region: REGION, partition: 'aws', tags: {} },
    imageId: id,
    state: 'available',
    public: false,
    rootDeviceType: 'ebs',
    ebsDevices: [device('/dev/xvda')],
    launchPermission: fetched(PRIVATE),
    ...overrides,
  };
}

/** A plan task running the given checks with their default parameters. */
export function task(checks: readonly AnyCheck[]): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: amiCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse({}) : {}, severity: check.meta.severity })),
  };
}
