/** Reads the ElastiCache inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  DescribeCacheClustersCommand, DescribeReplicationGroupsCommand, ElastiCacheClient, ListTagsForResourceCommand, type CacheCluster, type ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import type { ElastiCacheInventory, ElastiCacheItem } from './collect.js';

/** The largest page the describe calls return. */
const PAGE_SIZE = 100;
/** A cache deleted between the listing and its tag read. */
export const GONE_CODES = ['CacheClusterNotFound', 'CacheClusterNotFoundFault', 'ReplicationGroupNotFoundFault'];

type Facts = Omit<ElastiCacheItem, 'ref' | 'tags'>;

/** ASFF has no details type for these caches: Other, with string values. */
function otherDetails(facts: Facts): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = { Id: facts.id, Kind: facts.kind };
  const add = (key: string, value: string | boolean | undefined): void => {
    if (value !== undefined) out[key] = String(value);
  };
  add('Engine', facts.engine);
  add('EngineVersion', facts.engineVersion);
  add('AuthTokenEnabled', facts.authTokenEnabled);
  if (facts.userGroupIds.length > 0) out.UserGroupIds = facts.userGroupIds.join(',');
  add('TransitEncryptionEnabled', facts.transitEncryptionEnabled);
  add('TransitEncryptionMode', facts.transitEncryptionMode);
  add('AtRestEncryptionEnabled', facts.atRestEncryptionEnabled);
  return out;
}

function defined<T extends object>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as T;
}

function groupFacts(group: ReplicationGroup & { ReplicationGroupId: string }): Facts {
  return defined<Facts>({
    kind: 'replication-group',
    id: group.ReplicationGroupId,
    engine: group.Engine,
    authTokenEnabled: group.AuthTokenEnabled,
    userGroupIds: group.UserGroupIds ?? [],
    transitEncryptionEnabled: group.TransitEncryptionEnabled,
    transitEncryptionMode: group.TransitEncryptionMode,
    atRestEncryptionEnabled: group.AtRestEncryptionEnabled,
  });
}

function clusterFacts(cluster: CacheCluster & { CacheClusterId: string }): Facts {
  return defined<Facts>({
    kind: 'cache-cluster',
    id: cluster.CacheClusterId,
    engine: cluster.Engine,
    engineVersion: cluster.EngineVersion,
    authTokenEnabled: cluster.AuthTokenEnabled,
    userGroupIds: [],
    transitEncryptionEnabled: cluster.TransitEncryptionEnabled,
    transitEncryptionMode: cluster.TransitEncryptionMode,
    atRestEncryptionEnabled: cluster.AtRestEncryptionEnabled,
  });
}

async function withTags(client: ElastiCacheClient, facts: Facts, reportedArn: string | undefined, ctx: CollectContext): Promise<ElastiCacheItem | undefined> {
  const kind = facts.kind === 'replication-group' ? 'replicationgroup' : 'cluster';
  const arn = reportedArn ?? `arn:${ctx.partition}:elasticache:${ctx.region}:${ctx.accountId}:${kind}:${facts.id}`;
  const tags = await ctx.limit(() =>
    fetchDetail<Record<string, string> | undefined>(async () => tagsToRecord((await client.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList), GONE_CODES, undefined),
  );
  if (tags.ok && tags.value === undefined) return undefined;
  const cacheTags = tags as Fetched<Record<string, string>>;
  const ref: ResourceRef = {
    type: facts.kind === 'replication-group' ? 'Other' : 'AwsElastiCacheCacheCluster',
    arn,
    id: facts.id,
    region: ctx.region,
    partition: ctx.partition,
    tags: cacheTags.ok ? cacheTags.value : {},
    ...(cacheTags.ok ? {} : { tagsError: cacheTags.error }),
    details: { Other: otherDetails(facts) },
  };
  return { ref, ...facts, tags: cacheTags };
}

async function collect(ctx: CollectContext): Promise<ElastiCacheInventory> {
  const client = ctx.clients.get(ElastiCacheClient);
  const [groups, clusters] = await Promise.all([
    collectPages(
      (Marker) => client.send(new DescribeReplicationGroupsCommand({ MaxRecords: PAGE_SIZE, Marker })),
      (page) => page.Marker,
      (page) => page.ReplicationGroups,
    ),
    collectPages(
      (Marker) => client.send(new DescribeCacheClustersCommand({ MaxRecords: PAGE_SIZE, Marker, ShowCacheClustersNotInReplicationGroups: true })),
      (page) => page.Marker,
      (page) => page.CacheClusters,
    ),
  ]);
  // A replication group's member clusters are judged through the group.
  const standalone = clusters.filter((c): c is CacheCluster & { CacheClusterId: string } => c.CacheClusterId !== undefined && !c.ReplicationGroupId);
  const named = groups.filter((g): g is ReplicationGroup & { ReplicationGroupId: string } => g.ReplicationGroupId !== undefined);
  const items = await Promise.all([
    ...named.map((group) => withTags(client, groupFacts(group), group.ARN, ctx)),
    ...standalone.map((cluster) => withTags(client, clusterFacts(cluster), cluster.ARN, ctx)),
  ]);
  const caches = items.filter((c): c is ElastiCacheItem => c !== undefined);
  const untagged = caches.flatMap((c) => (c.tags.ok ? [] : [`${c.id}: ${c.tags.error}`]));
  // No check reads tags, but owners are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`elasticache: the tags of ${untagged.length} cache(s) could not be read, e.g. ${untagged[0]}`);
  return { caches };
}

/** Lists the replication groups and the cache clusters outside them, and reads each one's tags. */
export function fetchElastiCacheInventory(ctx: CollectContext): Promise<ElastiCacheInventory> {
  return unlessNotOffered(
    () => collect(ctx),
    () => ({ caches: [] }),
    (why) => ctx.logger.debug(`elasticache: not offered in ${ctx.region}: ${why}`),
  );
}
