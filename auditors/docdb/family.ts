/**
 * What DocumentDB and Neptune share as members of the RDS family: the shape of
 * their describe answers (the same fields in two SDK packages), their ASFF
 * details (AwsRdsDbCluster, AwsRdsDbInstance), and how a cluster's
 * availability is judged. Pure; used by the DocumentDB and Neptune auditors.
 */
import { MissingInputError, fail, notApplicable, pass, type JsonValue, type Verdict } from '../../src/core/check.js';
import type { CollectContext, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

/** The fields of a DescribeDBClusters entry that rampart reads (DocDB's and Neptune's DBCluster both fit). */
export interface FamilyCluster {
  DBClusterIdentifier?: string;
  DBClusterArn?: string;
  DbClusterResourceId?: string;
  Engine?: string;
  EngineVersion?: string;
  Status?: string;
  StorageEncrypted?: boolean;
  KmsKeyId?: string;
  DeletionProtection?: boolean;
  MultiAZ?: boolean;
  IAMDatabaseAuthenticationEnabled?: boolean;
  AvailabilityZones?: string[];
  Endpoint?: string;
  ReaderEndpoint?: string;
  Port?: number;
  BackupRetentionPeriod?: number;
  ClusterCreateTime?: Date;
  EnabledCloudwatchLogsExports?: string[];
  DBSubnetGroup?: string;
  VpcSecurityGroups?: Array<{ VpcSecurityGroupId?: string; Status?: string }>;
  DBClusterMembers?: Array<{ DBInstanceIdentifier?: string; IsClusterWriter?: boolean; PromotionTier?: number }>;
}

/** The fields of a DescribeDBInstances entry that rampart reads. */
export interface FamilyInstance {
  DBInstanceIdentifier?: string;
  DBInstanceArn?: string;
  DbiResourceId?: string;
  DBInstanceClass?: string;
  DBClusterIdentifier?: string;
  Engine?: string;
  EngineVersion?: string;
  DBInstanceStatus?: string;
  AvailabilityZone?: string;
  PubliclyAccessible?: boolean;
  StorageEncrypted?: boolean;
  KmsKeyId?: string;
  Endpoint?: { Address?: string; Port?: number };
  VpcSecurityGroups?: Array<{ VpcSecurityGroupId?: string; Status?: string }>;
}

/** A cluster or instance deleted between the listing and the tag read (the SDK's names and the wire codes). */
export const GONE_CODES = ['DBClusterNotFoundFault', 'DBInstanceNotFound', 'DBInstanceNotFoundFault'];

type JsonObject = { [key: string]: JsonValue };

function compact(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

const groups = (list: FamilyCluster['VpcSecurityGroups']): JsonValue | undefined =>
  list?.length ? list.map((g) => compact({ VpcSecurityGroupId: g.VpcSecurityGroupId, Status: g.Status })) : undefined;

/** ASFF AwsRdsDbClusterDetails. */
export function clusterDetails(cluster: FamilyCluster): JsonObject {
  const members = cluster.DBClusterMembers ?? [];
  return compact({
    DbClusterIdentifier: cluster.DBClusterIdentifier,
    DbClusterResourceId: cluster.DbClusterResourceId,
    Engine: cluster.Engine,
    EngineVersion: cluster.EngineVersion,
    Status: cluster.Status,
    StorageEncrypted: cluster.StorageEncrypted,
    KmsKeyId: cluster.KmsKeyId,
    DeletionProtection: cluster.DeletionProtection,
    MultiAz: cluster.MultiAZ,
    IamDatabaseAuthenticationEnabled: cluster.IAMDatabaseAuthenticationEnabled,
    AvailabilityZones: cluster.AvailabilityZones?.length ? cluster.AvailabilityZones : undefined,
    Endpoint: cluster.Endpoint,
    ReaderEndpoint: cluster.ReaderEndpoint,
    Port: cluster.Port,
    BackupRetentionPeriod: cluster.BackupRetentionPeriod,
    ClusterCreateTime: cluster.ClusterCreateTime?.toISOString(),
    EnabledCloudWatchLogsExports: cluster.EnabledCloudwatchLogsExports?.length ? cluster.EnabledCloudwatchLogsExports : undefined,
    DbSubnetGroup: cluster.DBSubnetGroup,
    VpcSecurityGroups: groups(cluster.VpcSecurityGroups),
    DbClusterMembers: members.length
      ? members.map((m) => compact({ DbInstanceIdentifier: m.DBInstanceIdentifier, IsClusterWriter: m.IsClusterWriter, PromotionTier: m.PromotionTier }))
      : undefined,
  });
}

/** ASFF AwsRdsDbInstanceDetails. */
export function instanceDetails(instance: FamilyInstance): JsonObject {
  return compact({
    DBInstanceIdentifier: instance.DBInstanceIdentifier,
    DBInstanceClass: instance.DBInstanceClass,
    DbiResourceId: instance.DbiResourceId,
    DBClusterIdentifier: instance.DBClusterIdentifier,
    Engine: instance.Engine,
    EngineVersion: instance.EngineVersion,
    DbInstanceStatus: instance.DBInstanceStatus,
    AvailabilityZone: instance.AvailabilityZone,
    PubliclyAccessible: instance.PubliclyAccessible,
    StorageEncrypted: instance.StorageEncrypted,
    KmsKeyId: instance.KmsKeyId,
    Endpoint: instance.Endpoint ? compact({ Address: instance.Endpoint.Address, Port: instance.Endpoint.Port }) : undefined,
    VpcSecurityGroups: groups(instance.VpcSecurityGroups),
  });
}

/**
 * Whether a cluster survives the loss of an Availability Zone, judged from
 * where its member instances run: at least two instances in two different
 * zones pass, so that a replica in another zone can be promoted. (The
 * cluster's own MultiAZ flag says only that it has a replica somewhere.)
 */
export function judgeZones(engine: string, clusterId: string, memberIds: readonly string[], zoneOf: (instanceId: string) => string | undefined): Verdict {
  if (memberIds.length === 0) return notApplicable(`${engine} cluster ${clusterId} has no instances`);
  const byZone: Record<string, string[]> = {};
  const unknown: string[] = [];
  for (const id of memberIds) {
    const zone = zoneOf(id);
    if (zone === undefined) unknown.push(id);
    else (byZone[zone] ??= []).push(id);
  }
  const zones = Object.keys(byZone).sort();
  const evidence = { availabilityZones: Object.fromEntries(zones.map((z) => [z, byZone[z] ?? []])), instanceCount: memberIds.length };
  if (zones.length >= 2) return pass(`the cluster's ${memberIds.length} instances run in ${zones.length} Availability Zones (${zones.join(', ')})`, evidence);
  if (unknown.length > 0) throw new MissingInputError(`the Availability Zone of instance(s) ${unknown.join(', ')} of cluster ${clusterId} was not reported, so the cluster's zones cannot be judged`);
  const why = memberIds.length === 1 ? 'its only instance runs' : `all ${memberIds.length} of its instances run`;
  return fail(`${engine} cluster ${clusterId} cannot fail over to another Availability Zone: ${why} in ${zones[0] ?? 'one zone'}`, evidence);
}

/** The fields the service reported: a field it left out stays absent (unknown), never undefined-valued. */
export function defined<T extends object>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as T;
}

/** A cluster's or instance's ResourceRef, with its tags or why they could not be read. */
export function familyRef(type: 'AwsRdsDbCluster' | 'AwsRdsDbInstance', arn: string, id: string, tags: Fetched<Record<string, string>>, details: ResourceRef['details'], ctx: Pick<CollectContext, 'region' | 'partition'>): ResourceRef {
  return {
    type,
    arn,
    id,
    region: ctx.region,
    partition: ctx.partition,
    tags: tags.ok ? tags.value : {},
    ...(tags.ok ? {} : { tagsError: tags.error }),
    ...(details ? { details } : {}),
  };
}
