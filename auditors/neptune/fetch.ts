/** Reads the Neptune inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, ListTagsForResourceCommand, NeptuneClient, type DBCluster, type DBInstance } from '@aws-sdk/client-neptune';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import { GONE_CODES, clusterDetails, defined, familyRef } from '../docdb/family.js';
import type { NeptuneClusterItem, NeptuneInstancePlacement, NeptuneInventory } from './collect.js';

/** The largest page the describe calls return. */
const PAGE_SIZE = 100;
export const ENGINE = 'neptune';
/** The describe calls return every engine of the RDS family unless asked for one. */
const ENGINE_FILTER = [{ Name: 'engine', Values: [ENGINE] }];

/** Kept: Neptune, or an entry whose engine is not reported (the engine filter asked for Neptune only). */
export const isNeptuneEngine = (engine: string | undefined): boolean => engine === undefined || engine === ENGINE;

export function toCluster(cluster: DBCluster, ref: ResourceRef): NeptuneClusterItem {
  return defined<NeptuneClusterItem>({
    ref,
    identifier: cluster.DBClusterIdentifier ?? ref.id,
    engine: cluster.Engine,
    status: cluster.Status,
    storageEncrypted: cluster.StorageEncrypted,
    kmsKeyId: cluster.KmsKeyId,
    iamAuthentication: cluster.IAMDatabaseAuthenticationEnabled,
    deletionProtection: cluster.DeletionProtection,
    multiAz: cluster.MultiAZ,
    memberIds: (cluster.DBClusterMembers ?? []).flatMap((m) => (m.DBInstanceIdentifier ? [m.DBInstanceIdentifier] : [])),
  });
}

const toPlacement = (instance: DBInstance): NeptuneInstancePlacement =>
  defined<NeptuneInstancePlacement>({ identifier: instance.DBInstanceIdentifier ?? 'unknown', clusterId: instance.DBClusterIdentifier, availabilityZone: instance.AvailabilityZone });

/** Lists the Neptune clusters and instances and reads each cluster's tags. */
export async function fetchNeptuneInventory(ctx: CollectContext): Promise<NeptuneInventory> {
  const neptune = ctx.clients.get(NeptuneClient);
  const listed = await unlessNotOffered(
    () => Promise.all([
      collectPages(
        (Marker) => neptune.send(new DescribeDBClustersCommand({ Filters: ENGINE_FILTER, MaxRecords: PAGE_SIZE, Marker })),
        (page) => page.Marker,
        (page) => page.DBClusters,
      ),
      collectPages(
        (Marker) => neptune.send(new DescribeDBInstancesCommand({ Filters: ENGINE_FILTER, MaxRecords: PAGE_SIZE, Marker })),
        (page) => page.Marker,
        (page) => page.DBInstances,
      ),
    ]),
    () => [[], []] as [DBCluster[], DBInstance[]],
    (why) => ctx.logger.debug(`neptune: not offered in ${ctx.region}: ${why}`),
  );
  const clusters = listed[0].filter((c) => isNeptuneEngine(c.Engine));
  const instances = listed[1].filter((i) => isNeptuneEngine(i.Engine)).map(toPlacement);
  const items = await mapLimited(clusters, ctx.limit, async (cluster): Promise<NeptuneClusterItem | undefined> => {
    const id = cluster.DBClusterIdentifier ?? 'unknown';
    const arn = cluster.DBClusterArn ?? `arn:${ctx.partition}:rds:${ctx.region}:${ctx.accountId}:cluster:${id}`;
    const tags = await fetchDetail<Record<string, string> | undefined>(
      async () => tagsToRecord((await neptune.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList),
      GONE_CODES,
      undefined,
    );
    // Deleted since the listing.
    if (tags.ok && tags.value === undefined) return undefined;
    return toCluster(cluster, familyRef('AwsRdsDbCluster', arn, id, tags as Fetched<Record<string, string>>, { AwsRdsDbCluster: clusterDetails(cluster) }, ctx));
  });
  const kept = items.filter((c): c is NeptuneClusterItem => c !== undefined);
  const untagged = kept.flatMap((c) => (c.ref.tagsError ? [`${c.identifier}: ${c.ref.tagsError}`] : []));
  // No check reads tags, but owners are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`neptune: the tags of ${untagged.length} cluster(s) could not be read, e.g. ${untagged[0]}`);
  return { clusters: kept, instances };
}
