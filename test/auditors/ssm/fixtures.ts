/** Hand-built Systems Manager inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { ssmCollector, type Ec2InstanceItem, type ManagedInstance, type PatchState, type SsmInventory } from '../../../auditors/ssm/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const failed = <T>(error = 'AccessDeniedException: not authorized'): Fetched<T> => ({ ok: false, error });

export function managedInstance(overrides: Partial<ManagedInstance> = {}): ManagedInstance {
  return {
    pingStatus: 'Online',
    lastPingAt: '2024-05-01T10:00:00.000Z',
    agentVersion: '3.3.40.0',
    isLatestVersion: true,
    platformType: 'Linux',
    associationStatus: 'Success',
    associationCounts: { Success: 2 },
    ...overrides,
  };
}

export function patchState(overrides: Partial<PatchState> = {}): PatchState {
  return {
    baselineId: 'pb-0123456789abcdef0',
    patchGroup: '',
    operation: 'Scan',
    operationEndTime: '2024-05-01T09:00:00.000Z',
    installedCount: 40,
    missingCount: 0,
    failedCount: 0,
    installedPendingRebootCount: 0,
    installedRejectedCount: 0,
    ...overrides,
  };
}

/** A running instance, managed and compliant unless told otherwise. */
export function instance(id: string, overrides: Partial<Omit<Ec2InstanceItem, 'ref' | 'instanceId'>> = {}): Ec2InstanceItem {
  return {
    ref: { type: 'AwsEc2Instance', arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${id}`, id, region: REGION, partition: 'aws', tags: {} },
    instanceId: id,
    state: 'running',
    iamInstanceProfileArn: `arn:aws:iam::${ACCOUNT}:instance-profile/ssm`,
    managed: managedInstance(),
    patchState: fetched(patchState()),
    ...overrides,
  };
}

/** An instance SSM does not know. */
export function unmanaged(id: string, overrides: Partial<Omit<Ec2InstanceItem, 'ref' | 'instanceId'>> = {}): Ec2InstanceItem {
  const { managed: _managed, ...item } = instance(id, { patchState: fetched(undefined), ...overrides });
  return item;
}

export function inventory(instances: Ec2InstanceItem[]): SsmInventory {
  return { instances };
}

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: ssmCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
