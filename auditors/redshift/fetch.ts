/** Reads the Redshift inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import { DescribeClustersCommand, DescribeLoggingStatusCommand, RedshiftClient, type Cluster, type DescribeLoggingStatusCommandOutput } from '@aws-sdk/client-redshift';
import { collectPages } from '../../src/aws/paginate.js';
import { describeAwsError } from '../../src/aws/errors.js';
import type { JsonValue } from '../../src/core/check.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import type { RedshiftClusterItem, RedshiftInventory, RedshiftLogging } from './collect.js';

const PAGE_SIZE = 100;
/** A cluster deleted between DescribeClusters and DescribeLoggingStatus. */
const GONE_CODES = ['ClusterNotFound', 'ClusterNotFoundFault'];

/** Drops undefined and empty-string fields (the service answers "" for unset values). */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== '')) as Partial<T>;
}

const iso = (value: Date | undefined): string | undefined => value?.toISOString();

export function toLogging(answer: Omit<DescribeLoggingStatusCommandOutput, '$metadata'>): RedshiftLogging {
  return {
    enabled: answer.LoggingEnabled === true,
    logExports: answer.LogExports ?? [],
    ...defined({
      destination: answer.LogDestinationType,
      bucketName: answer.BucketName,
      s3KeyPrefix: answer.S3KeyPrefix,
      lastSuccessfulDeliveryTime: iso(answer.LastSuccessfulDeliveryTime),
      lastFailureTime: iso(answer.LastFailureTime),
      lastFailureMessage: answer.LastFailureMessage,
    }),
  };
}

function clusterDetails(cluster: Cluster, logging: Fetched<RedshiftLogging>): { [key: string]: JsonValue } {
  const status = logging.ok ? logging.value : undefined;
  return defined({
    ClusterIdentifier: cluster.ClusterIdentifier,
    ClusterStatus: cluster.ClusterStatus,
    ClusterCreateTime: iso(cluster.ClusterCreateTime),
    ClusterVersion: cluster.ClusterVersion,
    NodeType: cluster.NodeType,
    NumberOfNodes: cluster.NumberOfNodes,
    DBName: cluster.DBName,
    MasterUsername: cluster.MasterUsername,
    VpcId: cluster.VpcId,
    AvailabilityZone: cluster.AvailabilityZone,
    PubliclyAccessible: cluster.PubliclyAccessible,
    Encrypted: cluster.Encrypted,
    KmsKeyId: cluster.KmsKeyId,
    EnhancedVpcRouting: cluster.EnhancedVpcRouting,
    Endpoint: cluster.Endpoint ? defined({ Address: cluster.Endpoint.Address, Port: cluster.Endpoint.Port }) : undefined,
    LoggingStatus: status
      ? defined({
          LoggingEnabled: status.enabled,
          BucketName: status.bucketName,
          S3KeyPrefix: status.s3KeyPrefix,
          LastSuccessfulDeliveryTime: status.lastSuccessfulDeliveryTime,
          LastFailureTime: status.lastFailureTime,
          LastFailureMessage: status.lastFailureMessage,
        })
      : undefined,
  }) as { [key: string]: JsonValue };
}

function toItem(cluster: Cluster & { ClusterIdentifier: string }, logging: Fetched<RedshiftLogging>, ctx: CollectContext): RedshiftClusterItem {
  const identifier = cluster.ClusterIdentifier;
  return {
    ref: {
      type: 'AwsRedshiftCluster',
      arn: `arn:${ctx.partition}:redshift:${ctx.region}:${ctx.accountId}:cluster:${identifier}`,
      id: identifier,
      region: ctx.region,
      partition: ctx.partition,
      tags: tagsToRecord(cluster.Tags),
      details: { AwsRedshiftCluster: clusterDetails(cluster, logging) },
    },
    identifier,
    logging,
    ...defined({
      status: cluster.ClusterStatus,
      publiclyAccessible: cluster.PubliclyAccessible,
      encrypted: cluster.Encrypted,
      kmsKeyId: cluster.KmsKeyId,
      enhancedVpcRouting: cluster.EnhancedVpcRouting,
      vpcId: cluster.VpcId,
      endpoint: cluster.Endpoint ? defined({ address: cluster.Endpoint.Address, port: cluster.Endpoint.Port }) : undefined,
      elasticIp: cluster.ElasticIpStatus?.ElasticIp,
    }),
  };
}

type NamedCluster = Cluster & { ClusterIdentifier: string };

/** Reads each cluster's logging status; a cluster deleted meanwhile is dropped. */
async function inventoryOf(redshift: RedshiftClient, clusters: readonly NamedCluster[], ctx: CollectContext): Promise<RedshiftInventory> {
  const items = await mapLimited(clusters, ctx.limit, async (cluster) => {
    const { ClusterIdentifier } = cluster;
    const logging = await fetchDetail<RedshiftLogging | undefined>(
      async () => toLogging(await redshift.send(new DescribeLoggingStatusCommand({ ClusterIdentifier }))),
      GONE_CODES,
      undefined,
    );
    if (logging.ok && logging.value === undefined) return undefined;
    return toItem(cluster, logging as Fetched<RedshiftLogging>, ctx);
  });
  return { clusters: items.filter((item): item is RedshiftClusterItem => item !== undefined) };
}

const named = (clusters: readonly Cluster[] | undefined): NamedCluster[] => (clusters ?? []).filter((c): c is NamedCluster => c.ClusterIdentifier !== undefined);

/** Lists the clusters and reads each one's logging status. */
export async function fetchRedshiftInventory(ctx: CollectContext): Promise<RedshiftInventory> {
  const redshift = ctx.clients.get(RedshiftClient);
  const clusters = await collectPages(
    (Marker) => redshift.send(new DescribeClustersCommand({ MaxRecords: PAGE_SIZE, Marker })),
    (page) => page.Marker,
    (page) => named(page.Clusters),
  );
  return inventoryOf(redshift, clusters, ctx);
}

/** One cluster, read as the scan reads it; empty when it no longer exists. */
export async function fetchOneCluster(ctx: CollectContext, identifier: string): Promise<RedshiftInventory> {
  const redshift = ctx.clients.get(RedshiftClient);
  try {
    const { Clusters } = await redshift.send(new DescribeClustersCommand({ ClusterIdentifier: identifier }));
    return inventoryOf(redshift, named(Clusters).filter((c) => c.ClusterIdentifier === identifier), ctx);
  } catch (error) {
    if (GONE_CODES.includes(describeAwsError(error).code)) return { clusters: [] };
    throw error;
  }
}
