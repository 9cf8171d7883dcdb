/**
 * ElastiCache inventory, per account and region: the node-based caches, as
 * rampart judges them. A Valkey or Redis OSS replication group is one cache
 * (its member clusters are not judged apart); a cache cluster outside any
 * replication group (a single-node Valkey or Redis OSS cluster, or a Memcached
 * cluster) is one cache. Tags are read once per cache. Serverless caches are
 * not read: they are always encrypted at rest and in transit. The SDK is
 * loaded by fetch.ts (the pattern is described in auditors/sqs/collect.ts).
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface ElastiCacheItem {
  ref: ResourceRef;
  kind: 'replication-group' | 'cache-cluster';
  id: string;
  /** valkey, redis or memcached; undefined when the service did not say. */
  engine?: string;
  engineVersion?: string;
  authTokenEnabled?: boolean;
  /** RBAC user groups (replication groups only). */
  userGroupIds: string[];
  transitEncryptionEnabled?: boolean;
  /** preferred (encrypted and plaintext connections both accepted) or required. */
  transitEncryptionMode?: string;
  atRestEncryptionEnabled?: boolean;
  tags: Fetched<Record<string, string>>;
}

export interface ElastiCacheInventory {
  caches: ElastiCacheItem[];
}

export const isMemcached = (cache: Pick<ElastiCacheItem, 'engine'>): boolean => cache.engine?.toLowerCase() === 'memcached';

export const cacheLabel = (cache: Pick<ElastiCacheItem, 'kind' | 'id'>): string => `${cache.kind === 'replication-group' ? 'replication group' : 'cache cluster'} ${cache.id}`;

export const elastiCacheCollector: Collector<ElastiCacheInventory> = {
  id: 'elasticache',
  service: 'elasticache',
  global: false,
  permissions: ['elasticache:DescribeReplicationGroups', 'elasticache:DescribeCacheClusters', 'elasticache:ListTagsForResource'],
  async collect(ctx) {
    const { fetchElastiCacheInventory } = await import('./fetch.js');
    return fetchElastiCacheInventory(ctx);
  },
};
