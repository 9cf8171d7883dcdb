/**
 * The RDS records the checks read, made from the describe answers. A field the
 * service did not report stays undefined: the checks treat it as unknown.
 */
import type { DBClusterSnapshot, DBInstance, DBSnapshot } from '@aws-sdk/client-rds';
import type { Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface DomainMembership {
  domain?: string;
  status?: string;
  fqdn?: string;
  iamRoleName?: string;
}

export interface RdsInstanceItem {
  ref: ResourceRef;
  identifier: string;
  engine?: string;
  engineVersion?: string;
  instanceClass?: string;
  status?: string;
  /** Set when the instance belongs to an Aurora or Multi-AZ DB cluster. */
  clusterId?: string;
  readReplicaSource?: string;
  publiclyAccessible?: boolean;
  storageEncrypted?: boolean;
  kmsKeyId?: string;
  multiAz?: boolean;
  deletionProtection?: boolean;
  iamAuthentication?: boolean;
  performanceInsights?: boolean;
  databaseInsightsMode?: string;
  domainMemberships: DomainMembership[];
  endpoint?: { address?: string; port?: number };
  vpcSecurityGroupIds: string[];
  subnetGroup?: string;
}

export type SnapshotKind = 'instance' | 'cluster';

/** The kind of snapshot an RDS ARN names (…:snapshot:<id> or …:cluster-snapshot:<id>); undefined for anything else. */
export function snapshotKindOf(arn: string): SnapshotKind | undefined {
  const kind = arn.split(':')[5];
  if (kind === 'snapshot') return 'instance';
  if (kind === 'cluster-snapshot') return 'cluster';
  return undefined;
}

/** DBSnapshotNotFound, DBSnapshotNotFoundFault, DBClusterSnapshotNotFoundFault: the snapshot no longer exists. */
export const isSnapshotNotFound = (code: string): boolean => /^DB(Cluster)?SnapshotNotFound/.test(code);

export interface RdsSnapshotItem {
  ref: ResourceRef;
  kind: SnapshotKind;
  identifier: string;
  /** The DB instance or DB cluster the snapshot was taken from. */
  sourceId?: string;
  engine?: string;
  /** manual, automated, awsbackup … */
  snapshotType?: string;
  encrypted?: boolean;
  kmsKeyId?: string;
  /**
   * The values of the `restore` attribute (account ids, or `all` for public).
   * Read for manual snapshots only: automated snapshots cannot be shared.
   */
  restoreAttribute?: Fetched<string[]>;
}

export interface RdsInventory {
  instances: RdsInstanceItem[];
  snapshots: RdsSnapshotItem[];
  /** DocumentDB and Neptune resources the RDS API also returned, left out by engine. */
  excluded: { instances: number; snapshots: number };
}

/** Copies the defined fields only, so optional values can be written inline. */
function defined<T extends object>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as T;
}

export function toInstance(db: DBInstance, ref: ResourceRef): RdsInstanceItem {
  return defined<RdsInstanceItem>({
    ref,
    identifier: db.DBInstanceIdentifier ?? ref.id,
    engine: db.Engine,
    engineVersion: db.EngineVersion,
    instanceClass: db.DBInstanceClass,
    status: db.DBInstanceStatus,
    clusterId: db.DBClusterIdentifier,
    readReplicaSource: db.ReadReplicaSourceDBInstanceIdentifier,
    publiclyAccessible: db.PubliclyAccessible,
    storageEncrypted: db.StorageEncrypted,
    kmsKeyId: db.KmsKeyId,
    multiAz: db.MultiAZ,
    deletionProtection: db.DeletionProtection,
    iamAuthentication: db.IAMDatabaseAuthenticationEnabled,
    performanceInsights: db.PerformanceInsightsEnabled,
    databaseInsightsMode: db.DatabaseInsightsMode,
    domainMemberships: (db.DomainMemberships ?? []).map((m) => defined<DomainMembership>({ domain: m.Domain, status: m.Status, fqdn: m.FQDN, iamRoleName: m.IAMRoleName })),
    endpoint: db.Endpoint ? defined({ address: db.Endpoint.Address, port: db.Endpoint.Port }) : undefined,
    vpcSecurityGroupIds: (db.VpcSecurityGroups ?? []).flatMap((g) => (g.VpcSecurityGroupId ? [g.VpcSecurityGroupId] : [])),
    subnetGroup: db.DBSubnetGroup?.DBSubnetGroupName,
  });
}

export function toInstanceSnapshot(snapshot: DBSnapshot, ref: ResourceRef): Omit<RdsSnapshotItem, 'restoreAttribute'> {
  return defined({
    ref,
    kind: 'instance' as const,
    identifier: snapshot.DBSnapshotIdentifier ?? ref.id,
    sourceId: snapshot.DBInstanceIdentifier,
    engine: snapshot.Engine,
    snapshotType: snapshot.SnapshotType,
    encrypted: snapshot.Encrypted,
    kmsKeyId: snapshot.KmsKeyId,
  });
}

export function toClusterSnapshot(snapshot: DBClusterSnapshot, ref: ResourceRef): Omit<RdsSnapshotItem, 'restoreAttribute'> {
  return defined({
    ref,
    kind: 'cluster' as const,
    identifier: snapshot.DBClusterSnapshotIdentifier ?? ref.id,
    sourceId: snapshot.DBClusterIdentifier,
    engine: snapshot.Engine,
    snapshotType: snapshot.SnapshotType,
    encrypted: snapshot.StorageEncrypted,
    kmsKeyId: snapshot.KmsKeyId,
  });
}
