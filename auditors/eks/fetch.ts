/** Reads the EKS inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import { DescribeClusterCommand, EKSClient, ListClustersCommand, type Cluster } from '@aws-sdk/client-eks';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { describeAwsError } from '../../src/aws/errors.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import type { CollectContext, Fetched } from '../../src/core/collector.js';
import { mapLimited } from '../../src/util/limit.js';
import { redact } from '../../src/util/redact.js';
import type { EksClusterFacts, EksClusterItem, EksInventory } from './collect.js';

/** The largest page ListClusters returns. */
const PAGE_SIZE = 100;
/** A cluster deleted between the listing and DescribeCluster. */
const GONE_CODE = 'ResourceNotFoundException';

type JsonObject = { [key: string]: JsonValue };

function compact(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

/** ASFF AwsEksClusterDetails. */
function clusterDetails(cluster: Cluster): JsonObject {
  const vpc = cluster.resourcesVpcConfig;
  return compact({
    Arn: cluster.arn,
    Name: cluster.name,
    Version: cluster.version,
    ClusterStatus: cluster.status,
    Endpoint: cluster.endpoint,
    RoleArn: cluster.roleArn,
    ResourcesVpcConfig: vpc ? compact({ SubnetIds: vpc.subnetIds, SecurityGroupIds: vpc.securityGroupIds, EndpointPublicAccess: vpc.endpointPublicAccess }) : undefined,
  });
}

function facts(cluster: Cluster): EksClusterFacts {
  const vpc = cluster.resourcesVpcConfig;
  const out: EksClusterFacts = {};
  if (cluster.version !== undefined) out.version = cluster.version;
  if (cluster.status !== undefined) out.status = cluster.status;
  if (vpc?.endpointPublicAccess !== undefined) out.endpointPublicAccess = vpc.endpointPublicAccess;
  if (vpc?.endpointPrivateAccess !== undefined) out.endpointPrivateAccess = vpc.endpointPrivateAccess;
  if (vpc?.publicAccessCidrs !== undefined) out.publicAccessCidrs = vpc.publicAccessCidrs;
  return out;
}

async function describe(eks: EKSClient, name: string, ctx: CollectContext): Promise<EksClusterItem | undefined> {
  const arn = `arn:${ctx.partition}:eks:${ctx.region}:${ctx.accountId}:cluster/${name}`;
  const ref = { type: 'AwsEksCluster', arn, id: name, region: ctx.region, partition: ctx.partition, tags: {} };
  let cluster: Cluster | undefined;
  try {
    cluster = (await eks.send(new DescribeClusterCommand({ name }))).cluster;
  } catch (error) {
    const { code, message } = describeAwsError(error);
    if (code === GONE_CODE) return undefined;
    const failed: Fetched<EksClusterFacts> = { ok: false, error: redact(message) };
    return { ref: { ...ref, tagsError: failed.error }, name, cluster: failed };
  }
  if (!cluster) return { ref: { ...ref, tagsError: 'DescribeCluster returned no cluster' }, name, cluster: { ok: false, error: 'DescribeCluster returned no cluster' } };
  return {
    ref: { ...ref, arn: cluster.arn ?? arn, tags: { ...(cluster.tags ?? {}) }, details: { AwsEksCluster: clusterDetails(cluster) } },
    name,
    cluster: { ok: true, value: facts(cluster) },
  };
}

async function collect(ctx: CollectContext): Promise<EksInventory> {
  const eks = ctx.clients.get(EKSClient);
  const names = await collectPages(
    (nextToken) => eks.send(new ListClustersCommand({ maxResults: PAGE_SIZE, nextToken })),
    (page) => page.nextToken,
    (page) => page.clusters,
  );
  const described = await mapLimited(names, ctx.limit, (name) => describe(eks, name, ctx));
  return { collectedAt: new Date().toISOString(), clusters: described.filter((c): c is EksClusterItem => c !== undefined) };
}

/** Lists the clusters and describes each one. */
export function fetchEksInventory(ctx: CollectContext): Promise<EksInventory> {
  return unlessNotOffered(
    () => collect(ctx),
    () => ({ collectedAt: new Date().toISOString(), clusters: [] }),
    (why) => ctx.logger.debug(`eks: not offered in ${ctx.region}: ${why}`),
  );
}
