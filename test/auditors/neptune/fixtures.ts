/** Hand-built Neptune inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { neptuneCollector, type NeptuneClusterItem, type NeptuneInstancePlacement, type NeptuneInventory } from '../../../auditors/neptune/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** An encrypted cluster with IAM authentication and the given member instances; override what the test is about. */
export function cluster(id: string, memberIds: string[], overrides: Partial<Omit<NeptuneClusterItem, 'ref' | 'identifier' | 'memberIds'>> = {}): NeptuneClusterItem {
  return {
    ref: { type: 'AwsRdsDbCluster', arn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:${id}`, id, region: REGION, partition: 'aws', tags: {} },
    identifier: id,
    engine: 'neptune',
    status: 'available',
    storageEncrypted: true,
    kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k1`,
    iamAuthentication: true,
    deletionProtection: true,
    multiAz: memberIds.length > 1,
    memberIds,
    ...overrides,
  };
}

export const placed = (identifier: string, clusterId: string, availabilityZone?: string): NeptuneInstancePlacement => ({ identifier, clusterId, ...(availabilityZone ? { availabilityZone } : {}) });

export const inventory = (clusters: NeptuneClusterItem[] = [], instances: NeptuneInstancePlacement[] = []): NeptuneInventory => ({ clusters, instances });

/** A plan task running the given checks with their default parameters. */
export function task(checks: readonly AnyCheck[]): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: neptuneCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse({}) : {}, severity: check.meta.severity })),
  };
}
