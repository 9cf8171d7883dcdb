/** Hand-built ElastiCache inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { elastiCacheCollector, type ElastiCacheInventory, type ElastiCacheItem } from '../../../auditors/elasticache/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

type Overrides = Partial<Omit<ElastiCacheItem, 'ref' | 'id' | 'kind'>>;

/** A Valkey replication group with AUTH and both encryptions unless overridden. */
export function group(id: string, overrides: Overrides = {}): ElastiCacheItem {
  return {
    ref: { type: 'Other', arn: `arn:aws:elasticache:${REGION}:${ACCOUNT}:replicationgroup:${id}`, id, region: REGION, partition: 'aws', tags: {} },
    kind: 'replication-group',
    id,
    engine: 'valkey',
    authTokenEnabled: true,
    userGroupIds: [],
    transitEncryptionEnabled: true,
    transitEncryptionMode: 'required',
    atRestEncryptionEnabled: true,
    tags: fetched({}),
    ...overrides,
  };
}

/** A cache cluster outside any replication group (Memcached with TLS unless overridden). */
export function cluster(id: string, overrides: Overrides = {}): ElastiCacheItem {
  return {
    ref: { type: 'AwsElastiCacheCacheCluster', arn: `arn:aws:elasticache:${REGION}:${ACCOUNT}:cluster:${id}`, id, region: REGION, partition: 'aws', tags: {} },
    kind: 'cache-cluster',
    id,
    engine: 'memcached',
    engineVersion: '1.6.22',
    authTokenEnabled: false,
    userGroupIds: [],
    transitEncryptionEnabled: true,
    tags: fetched({}),
    ...overrides,
  };
}

export const inventory = (...caches: ElastiCacheItem[]): ElastiCacheInventory => ({ caches });

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: elastiCacheCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
