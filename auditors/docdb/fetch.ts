/** Reads the DocumentDB inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, DocDBClient, ListTagsForResourceCommand, type DBCluster, type DBInstance } from '@aws-sdk/client-docdb';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import type { DocDbClusterItem, DocDbInstanceItem, DocDbInventory } from './collect.js';
import { GONE_CODES, clusterDetails, defined, familyRef, instanceDetails } from './family.js';

/** The largest page the describe calls return. */
const PAGE_SIZE = 100;
export const ENGINE = 'docdb';
/** The describe calls return every engine of the RDS family unless asked for one. */
const ENGINE_FILTER = [{ Name: 'engine', Values: [ENGINE] }];

/** Kept: DocumentDB, or an entry whose engine is not reported (the engine filter asked for DocumentDB only). */
export const isDocDbEngine = (engine: string | undefined): boolean => engine === undefined || engine === ENGINE;

export function toCluster(cluster: DBCluster, ref: ResourceRef): DocDbClusterItem {
  return defined<DocDbClusterItem>({
    ref,
    identifier: cluster.DBClusterIdentifier ?? ref.id,
    engine: cluster.Engine,
    status: cluster.Status,
    storageEncrypted: cluster.StorageEncrypted,
    kmsKeyId: cluster.KmsKeyId,
    deletionProtection: cluster.DeletionProtection,
    multiAz: cluster.MultiAZ,
    memberIds: (cluster.DBClusterMembers ?? []).flatMap((m) => (m.DBInstanceIdentifier ? [m.DBInstanceIdentifier] : [])),
  });
}

export function toInstance(instance: DBInstance, ref: ResourceRef): DocDbInstanceItem {
  return defined<DocDbInstanceItem>({
    ref,
    identifier: instance.DBInstanceIdentifier ?? ref.id,
    clusterId: instance.DBClusterIdentifier,
    engine: instance.Engine,
    status: instance.DBInstanceStatus,
    availabilityZone: instance.AvailabilityZone,
    publiclyAccessible: instance.PubliclyAccessible,
  });
}

/** The resource's tags; undefined when it was deleted since the listing. */
async function readTags(docdb: DocDBClient, arn: string): Promise<Fetched<Record<string, string> | undefined>> {
  return fetchDetail(async () => tagsToRecord((await docdb.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList), GONE_CODES, undefined);
}

/** Lists the DocumentDB clusters and instances and reads each one's tags. */
export async function fetchDocDbInventory(ctx: CollectContext): Promise<DocDbInventory> {
  const docdb = ctx.clients.get(DocDBClient);
  const listed = await unlessNotOffered(
    () => Promise.all([
      collectPages(
        (Marker) => docdb.send(new DescribeDBClustersCommand({ Filters: ENGINE_FILTER, MaxRecords: PAGE_SIZE, Marker })),
        (page) => page.Marker,
        (page) => page.DBClusters,
      ),
      collectPages(
        (Marker) => docdb.send(new DescribeDBInstancesCommand({ Filters: ENGINE_FILTER, MaxRecords: PAGE_SIZE, Marker })),
        (page) => page.Marker,
        (page) => page.DBInstances,
      ),
    ]),
    () => [[], []] as [DBCluster[], DBInstance[]],
    (why) => ctx.logger.debug(`docdb: not offered in ${ctx.region}: ${why}`),
  );
  const [clusters, instances] = [listed[0].filter((c) => isDocDbEngine(c.Engine)), listed[1].filter((i) => isDocDbEngine(i.Engine))];
  const [clusterItems, instanceItems] = await Promise.all([
    mapLimited(clusters, ctx.limit, async (cluster): Promise<DocDbClusterItem | undefined> => {
      const id = cluster.DBClusterIdentifier ?? 'unknown';
      const arn = cluster.DBClusterArn ?? `arn:${ctx.partition}:rds:${ctx.region}:${ctx.accountId}:cluster:${id}`;
      const tags = await readTags(docdb, arn);
      if (tags.ok && tags.value === undefined) return undefined;
      return toCluster(cluster, familyRef('AwsRdsDbCluster', arn, id, tags as Fetched<Record<string, string>>, { AwsRdsDbCluster: clusterDetails(cluster) }, ctx));
    }),
    mapLimited(instances, ctx.limit, async (instance): Promise<DocDbInstanceItem | undefined> => {
      const id = instance.DBInstanceIdentifier ?? 'unknown';
      const arn = instance.DBInstanceArn ?? `arn:${ctx.partition}:rds:${ctx.region}:${ctx.accountId}:db:${id}`;
      const tags = await readTags(docdb, arn);
      if (tags.ok && tags.value === undefined) return undefined;
      return toInstance(instance, familyRef('AwsRdsDbInstance', arn, id, tags as Fetched<Record<string, string>>, { AwsRdsDbInstance: instanceDetails(instance) }, ctx));
    }),
  ]);
  const kept = { clusters: clusterItems.filter((c): c is DocDbClusterItem => c !== undefined), instances: instanceItems.filter((i): i is DocDbInstanceItem => i !== undefined) };
  const untagged = [...kept.clusters, ...kept.instances].flatMap((r) => (r.ref.tagsError ? [`${r.identifier}: ${r.ref.tagsError}`] : []));
  // No check reads tags, but owners are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`docdb: the tags of ${untagged.length} cluster(s) or instance(s) could not be read, e.g. ${untagged[0]}`);
  return kept;
}
