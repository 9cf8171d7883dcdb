/**
 * Neptune inventory, per account and region: the Neptune DB clusters, with
 * their tags, and where their instances run. Neptune speaks the RDS API, whose
 * describe calls also return RDS and DocumentDB resources: they are asked for
 * by engine and kept by engine (neptune) here, just as the RDS collector
 * leaves Neptune out. Neptune Analytics graphs are a different API and are
 * not read.
 */
import type { Collector } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

/** A field the service did not report stays undefined: the checks treat it as unknown. */
export interface NeptuneClusterItem {
  ref: ResourceRef;
  identifier: string;
  engine?: string;
  status?: string;
  storageEncrypted?: boolean;
  kmsKeyId?: string;
  iamAuthentication?: boolean;
  deletionProtection?: boolean;
  /** The cluster's own Multi-AZ flag, kept as evidence; availability is judged from the member instances' zones. */
  multiAz?: boolean;
  /** The instances the cluster lists as its members. */
  memberIds: string[];
}

/** Where an instance runs: read only to judge its cluster, never judged itself. */
export interface NeptuneInstancePlacement {
  identifier: string;
  clusterId?: string;
  availabilityZone?: string;
}

export interface NeptuneInventory {
  clusters: NeptuneClusterItem[];
  instances: NeptuneInstancePlacement[];
}

export const neptuneCollector: Collector<NeptuneInventory> = {
  id: 'neptune',
  service: 'neptune',
  global: false,
  permissions: ['rds:DescribeDBClusters', 'rds:DescribeDBInstances', 'rds:ListTagsForResource'],
  async collect(ctx) {
    const { fetchNeptuneInventory } = await import('./fetch.js');
    return fetchNeptuneInventory(ctx);
  },
};
