/** Hand-built DocumentDB inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { docdbCollector, type DocDbClusterItem, type DocDbInstanceItem, type DocDbInventory } from '../../../auditors/docdb/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** An encrypted, deletion-protected cluster with the given member instances; override what the test is about. */
export function cluster(id: string, memberIds: string[], overrides: Partial<Omit<DocDbClusterItem, 'ref' | 'identifier' | 'memberIds'>> = {}): DocDbClusterItem {
  return {
    ref: { type: 'AwsRdsDbCluster', arn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:${id}`, id, region: REGION, partition: 'aws', tags: {} },
    identifier: id,
    engine: 'docdb',
    status: 'available',
    storageEncrypted: true,
    kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k1`,
    deletionProtection: true,
    multiAz: memberIds.length > 1,
    memberIds,
    ...overrides,
  };
}

/** A private instance of the cluster in the given zone; override what the test is about. */
export function instance(id: string, clusterId: string, availabilityZone: string | undefined, overrides: Partial<Omit<DocDbInstanceItem, 'ref' | 'identifier'>> = {}): DocDbInstanceItem {
  return {
    ref: { type: 'AwsRdsDbInstance', arn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${id}`, id, region: REGION, partition: 'aws', tags: {} },
    identifier: id,
    clusterId,
    engine: 'docdb',
    status: 'available',
    ...(availabilityZone ? { availabilityZone } : {}),
    publiclyAccessible: false,
    ...overrides,
  };
}

export const inventory = (clusters: DocDbClusterItem[] = [], instances: DocDbInstanceItem[] = []): DocDbInventory => ({ clusters, instances });

/** A plan task running the given checks with their default parameters. */
export function task(checks: readonly AnyCheck[]): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: docdbCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse({}) : {}, severity: check.meta.severity })),
  };
}
