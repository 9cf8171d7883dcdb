/** The ASFF Resources[].Details of RDS instances and snapshots (real ASFF field names; unreported fields left out). */
import type { DBClusterSnapshot, DBInstance, DBSnapshot } from '@aws-sdk/client-rds';
import type { JsonValue } from '../../src/core/check.js';
import type { Fetched } from '../../src/core/collector.js';

type JsonObject = { [key: string]: JsonValue };

function compact(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

export function instanceDetails(db: DBInstance): JsonObject {
  const memberships = db.DomainMemberships ?? [];
  const groups = db.VpcSecurityGroups ?? [];
  return compact({
    DBInstanceIdentifier: db.DBInstanceIdentifier,
    DBInstanceClass: db.DBInstanceClass,
    DbiResourceId: db.DbiResourceId,
    DBClusterIdentifier: db.DBClusterIdentifier,
    Engine: db.Engine,
    EngineVersion: db.EngineVersion,
    DbInstanceStatus: db.DBInstanceStatus,
    InstanceCreateTime: iso(db.InstanceCreateTime),
    AvailabilityZone: db.AvailabilityZone,
    Endpoint: db.Endpoint ? compact({ Address: db.Endpoint.Address, Port: db.Endpoint.Port, HostedZoneId: db.Endpoint.HostedZoneId }) : undefined,
    DbInstancePort: db.DbInstancePort,
    PubliclyAccessible: db.PubliclyAccessible,
    VpcSecurityGroups: groups.length ? groups.map((g) => compact({ VpcSecurityGroupId: g.VpcSecurityGroupId, Status: g.Status })) : undefined,
    StorageEncrypted: db.StorageEncrypted,
    KmsKeyId: db.KmsKeyId,
    MultiAz: db.MultiAZ,
    DeletionProtection: db.DeletionProtection,
    IAMDatabaseAuthenticationEnabled: db.IAMDatabaseAuthenticationEnabled,
    PerformanceInsightsEnabled: db.PerformanceInsightsEnabled,
    DomainMemberships: memberships.length
      ? memberships.map((m) => compact({ Domain: m.Domain, Status: m.Status, Fqdn: m.FQDN, IamRoleName: m.IAMRoleName }))
      : undefined,
    BackupRetentionPeriod: db.BackupRetentionPeriod,
    AutoMinorVersionUpgrade: db.AutoMinorVersionUpgrade,
    CACertificateIdentifier: db.CACertificateIdentifier,
  });
}

export function instanceSnapshotDetails(snapshot: DBSnapshot): JsonObject {
  return compact({
    DbSnapshotIdentifier: snapshot.DBSnapshotIdentifier,
    DbInstanceIdentifier: snapshot.DBInstanceIdentifier,
    DbiResourceId: snapshot.DbiResourceId,
    SnapshotCreateTime: iso(snapshot.SnapshotCreateTime),
    SnapshotType: snapshot.SnapshotType,
    Status: snapshot.Status,
    Engine: snapshot.Engine,
    EngineVersion: snapshot.EngineVersion,
    AllocatedStorage: snapshot.AllocatedStorage,
    Port: snapshot.Port,
    VpcId: snapshot.VpcId,
    Encrypted: snapshot.Encrypted,
    KmsKeyId: snapshot.KmsKeyId,
    IamDatabaseAuthenticationEnabled: snapshot.IAMDatabaseAuthenticationEnabled,
  });
}

export function clusterSnapshotDetails(snapshot: DBClusterSnapshot, restore: Fetched<string[]> | undefined): JsonObject {
  return compact({
    DbClusterSnapshotIdentifier: snapshot.DBClusterSnapshotIdentifier,
    DbClusterIdentifier: snapshot.DBClusterIdentifier,
    SnapshotCreateTime: iso(snapshot.SnapshotCreateTime),
    ClusterCreateTime: iso(snapshot.ClusterCreateTime),
    SnapshotType: snapshot.SnapshotType,
    Status: snapshot.Status,
    Engine: snapshot.Engine,
    EngineVersion: snapshot.EngineVersion,
    AllocatedStorage: snapshot.AllocatedStorage,
    Port: snapshot.Port,
    VpcId: snapshot.VpcId,
    StorageEncrypted: snapshot.StorageEncrypted,
    KmsKeyId: snapshot.KmsKeyId,
    IamDatabaseAuthenticationEnabled: snapshot.IAMDatabaseAuthenticationEnabled,
    DbClusterSnapshotAttributes: restore?.ok ? [{ AttributeName: 'restore', AttributeValues: restore.value }] : undefined,
  });
}
