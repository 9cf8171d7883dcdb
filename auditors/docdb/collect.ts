/**
 * DocumentDB inventory, per account and region: the DocumentDB clusters and
 * instances, with their tags. DocumentDB speaks the RDS API, whose describe
 * calls also return RDS and Neptune resources: they are asked for by engine
 * and kept by engine (docdb) here, just as the RDS collector leaves DocumentDB
 * out. DocumentDB elastic clusters are a different API and are not read.
 */
import type { Collector } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

/** A field the service did not report stays undefined: the checks treat it as unknown. */
export interface DocDbClusterItem {
  ref: ResourceRef;
  identifier: string;
  engine?: string;
  status?: string;
  storageEncrypted?: boolean;
  kmsKeyId?: string;
  deletionProtection?: boolean;
  /** The cluster's own Multi-AZ flag, kept as evidence; availability is judged from the member instances' zones. */
  multiAz?: boolean;
  /** The instances the cluster lists as its members. */
  memberIds: string[];
}

export interface DocDbInstanceItem {
  ref: ResourceRef;
  identifier: string;
  clusterId?: string;
  engine?: string;
  status?: string;
  availabilityZone?: string;
  publiclyAccessible?: boolean;
}

export interface DocDbInventory {
  clusters: DocDbClusterItem[];
  instances: DocDbInstanceItem[];
}

export const docdbCollector: Collector<DocDbInventory> = {
  id: 'docdb',
  service: 'docdb',
  global: false,
  permissions: ['rds:DescribeDBClusters', 'rds:DescribeDBInstances', 'rds:ListTagsForResource'],
  async collect(ctx) {
    const { fetchDocDbInventory } = await import('./fetch.js');
    return fetchDocDbInventory(ctx);
  },
};
