/**
 * Systems Manager inventory: the running and stopped EC2 instances of one
 * account and region, joined with what SSM reports about them. Instance
 * information is read once for the region, patch states in batches of 50
 * managed instances, never per instance. SSM is not asked anything when the
 * region has no instance.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';
import type { ManagedInstance, PatchState } from './model.js';

export type { ManagedInstance, PatchState } from './model.js';

export interface Ec2InstanceItem {
  ref: ResourceRef;
  instanceId: string;
  /** "running" or "stopped". */
  state: string;
  iamInstanceProfileArn?: string;
  /** Undefined when Systems Manager does not know the instance. */
  managed?: ManagedInstance;
  /** Undefined value when SSM reports no patch state (always so for an unmanaged instance). */
  patchState: Fetched<PatchState | undefined>;
}

export interface SsmInventory {
  instances: Ec2InstanceItem[];
}

export const ssmCollector: Collector<SsmInventory> = {
  id: 'ssm',
  service: 'ssm',
  global: false,
  permissions: ['ec2:DescribeInstances', 'ssm:DescribeInstanceInformation', 'ssm:DescribeInstancePatchStates'],
  async collect(ctx) {
    const { fetchSsmInventory } = await import('./fetch.js');
    return fetchSsmInventory(ctx);
  },
};
