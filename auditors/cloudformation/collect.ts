/**
 * CloudFormation inventory: every stack of one account and region, from the
 * paginated DescribeStacks listing alone (it answers the status, the
 * notification topics, the drift information and the tags of every stack; no
 * per-stack call). The pattern is described in auditors/sqs/collect.ts.
 */
import type { Collector } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface StackDrift {
  /** DRIFTED, IN_SYNC, UNKNOWN or NOT_CHECKED. */
  status?: string;
  /** When drift detection last ran (ISO 8601); absent when it never did. */
  lastCheck?: string;
}

export interface StackItem {
  ref: ResourceRef;
  name: string;
  status?: string;
  notificationArns: string[];
  /** Undefined when the service did not report DriftInformation (unknown). */
  drift?: StackDrift;
}

export interface CloudFormationInventory {
  /** When the inventory was read: the "now" that drift detection ages are measured from. */
  collectedAt: string;
  stacks: StackItem[];
}

export const cloudFormationCollector: Collector<CloudFormationInventory> = {
  id: 'cloudformation',
  service: 'cloudformation',
  global: false,
  permissions: ['cloudformation:DescribeStacks'],
  async collect(ctx) {
    const { fetchCloudFormationInventory } = await import('./fetch.js');
    return fetchCloudFormationInventory(ctx);
  },
};
