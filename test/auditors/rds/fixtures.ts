/** Hand-built RDS inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { rdsCollector, type RdsInstanceItem, type RdsInventory, type RdsSnapshotItem } from '../../../auditors/rds/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const failed = <T>(error = 'AccessDenied: User is not authorized to perform rds:DescribeDBSnapshotAttributes'): Fetched<T> => ({ ok: false, error });

/** A compliant PostgreSQL instance; override what the test is about. */
export function instance(id: string, overrides: Partial<Omit<RdsInstanceItem, 'ref' | 'identifier'>> = {}): RdsInstanceItem {
  return {
    ref: { type: 'AwsRdsDbInstance', arn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${id}`, id, region: REGION, partition: 'aws', tags: {} },
    identifier: id,
    engine: 'postgres',
    engineVersion: '16.3',
    publiclyAccessible: false,
    storageEncrypted: true,
    kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k1`,
    multiAz: true,
    deletionProtection: true,
    iamAuthentication: true,
    performanceInsights: true,
    domainMemberships: [{ domain: 'd-1234567890', status: 'joined', fqdn: 'corp.example.com' }],
    endpoint: { address: `${id}.abc.${REGION}.rds.amazonaws.com`, port: 5432 },
    vpcSecurityGroupIds: ['sg-1'],
    ...overrides,
  };
}

/** An encrypted, unshared manual DB snapshot; override what the test is about. */
export function snapshot(id: string, overrides: Partial<Omit<RdsSnapshotItem, 'ref' | 'identifier'>> = {}): RdsSnapshotItem {
  const kind = overrides.kind ?? 'instance';
  const type = kind === 'cluster' ? 'AwsRdsDbClusterSnapshot' : 'AwsRdsDbSnapshot';
  const arnKind = kind === 'cluster' ? 'cluster-snapshot' : 'snapshot';
  return {
    ref: { type, arn: `arn:aws:rds:${REGION}:${ACCOUNT}:${arnKind}:${id}`, id, region: REGION, partition: 'aws', tags: {} },
    kind,
    identifier: id,
    sourceId: 'db1',
    engine: 'postgres',
    snapshotType: 'manual',
    encrypted: true,
    restoreAttribute: fetched([]),
    ...overrides,
  };
}

export function inventory(instances: RdsInstanceItem[] = [], snapshots: RdsSnapshotItem[] = []): RdsInventory {
  return { instances, snapshots, excluded: { instances: 0, snapshots: 0 } };
}

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: rdsCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
