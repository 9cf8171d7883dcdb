/**
 * RDS inventory, per account and region: DB instances, DB snapshots and DB
 * cluster snapshots the account owns, and for each manual snapshot who may
 * restore it. DocumentDB and Neptune resources, which the same API returns,
 * are left out by engine. collectOne re-reads one snapshot, for a fix.
 */
import type { Collector } from '../../src/core/collector.js';
import type { RdsInventory } from './model.js';

export type { DomainMembership, RdsInstanceItem, RdsInventory, RdsSnapshotItem, SnapshotKind } from './model.js';

export const rdsCollector: Collector<RdsInventory> = {
  id: 'rds',
  service: 'rds',
  global: false,
  permissions: ['rds:DescribeDBInstances', 'rds:DescribeDBSnapshots', 'rds:DescribeDBSnapshotAttributes', 'rds:DescribeDBClusterSnapshots', 'rds:DescribeDBClusterSnapshotAttributes'],
  async collect(ctx) {
    const { fetchRdsInventory } = await import('./fetch.js');
    return fetchRdsInventory(ctx);
  },
  async collectOne(ctx, resource) {
    const { fetchOneRdsSnapshot } = await import('./fetch.js');
    return fetchOneRdsSnapshot(ctx, resource);
  },
};
