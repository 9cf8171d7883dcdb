/**
 * EKS inventory, per account and region: the clusters (connected clusters
 * left out), each described once, and the time of collection, against which
 * the support calendar is read so the checks stay pure. The SDK is loaded by
 * fetch.ts (the pattern is described in auditors/sqs/collect.ts).
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

/** What DescribeCluster says; a field it left out is undefined (unknown). */
export interface EksClusterFacts {
  version?: string;
  status?: string;
  endpointPublicAccess?: boolean;
  endpointPrivateAccess?: boolean;
  /** The ranges allowed to reach the public endpoint (AWS reports ["0.0.0.0/0"] when none were set). */
  publicAccessCidrs?: string[];
}

export interface EksClusterItem {
  ref: ResourceRef;
  name: string;
  cluster: Fetched<EksClusterFacts>;
}

export interface EksInventory {
  /** When the inventory was read (ISO 8601): the checks judge support dates against it. */
  collectedAt: string;
  clusters: EksClusterItem[];
}

export const eksCollector: Collector<EksInventory> = {
  id: 'eks',
  service: 'eks',
  global: false,
  permissions: ['eks:ListClusters', 'eks:DescribeCluster'],
  async collect(ctx) {
    const { fetchEksInventory } = await import('./fetch.js');
    return fetchEksInventory(ctx);
  },
};
