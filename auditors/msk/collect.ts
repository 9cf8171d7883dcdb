/**
 * Amazon MSK inventory: every cluster of one account and region, provisioned
 * and serverless, as ListClustersV2 describes them (encryption, client
 * authentication, monitoring and tags), with no call per cluster.
 */
import type { Cluster } from '@aws-sdk/client-kafka';
import { MissingInputError } from '../../src/core/check.js';
import type { Collector } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface MskClusterItem {
  ref: ResourceRef;
  name: string;
  /** The cluster as ListClustersV2 returned it; a field it omitted is undefined (unknown). */
  cluster: Cluster;
}

export interface MskInventory {
  clusters: MskClusterItem[];
}

export type MskClusterKind = 'PROVISIONED' | 'SERVERLESS';

/** Provisioned or serverless, by ClusterType, else by which description the answer holds. */
export function clusterKind(item: MskClusterItem): MskClusterKind {
  const { ClusterType, Provisioned, Serverless } = item.cluster;
  if (ClusterType === 'PROVISIONED' || ClusterType === 'SERVERLESS') return ClusterType;
  if (Provisioned && !Serverless) return 'PROVISIONED';
  if (Serverless && !Provisioned) return 'SERVERLESS';
  throw new MissingInputError(`the service did not report whether MSK cluster ${item.name} is provisioned or serverless, so it cannot be judged`);
}

export const mskCollector: Collector<MskInventory> = {
  id: 'msk',
  service: 'msk',
  global: false,
  permissions: ['kafka:ListClustersV2'],
  async collect(ctx) {
    const { fetchMskInventory } = await import('./fetch.js');
    return fetchMskInventory(ctx);
  },
};
