/**
 * What moto cannot show: pages of both listings, a replication group's member
 * clusters (moto does not list them), a single-node Redis OSS cluster with its
 * at-rest flag (moto never reports it), tags refused or a cache deleted
 * mid-scan, a region without ElastiCache. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  DescribeCacheClustersCommand, DescribeReplicationGroupsCommand, ElastiCacheClient, ElastiCacheServiceException, ListTagsForResourceCommand,
} from '@aws-sdk/client-elasticache';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { elastiCacheCollector } from '../../../auditors/elasticache/collect.js';
import { elasticacheAuditor } from '../../../auditors/elasticache/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): ElastiCacheServiceException {
  return new ElastiCacheServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const arn = (kind: string, id: string): string => `arn:aws:elasticache:${REGION}:${ACCOUNT}:${kind}:${id}`;
const secureGroup = (id: string) => ({
  ReplicationGroupId: id, ARN: arn('replicationgroup', id), Engine: 'valkey', AuthTokenEnabled: true, TransitEncryptionEnabled: true, AtRestEncryptionEnabled: true, MemberClusters: [`${id}-001`],
});

describe('elastiCacheCollector with injected answers', () => {
  let clients: AwsClients;
  let client: AwsClientStub<ElastiCacheClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    client = mockClient(clients.get(ElastiCacheClient));
    ctx = mockedContext(clients);
    client.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [] });
    client.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [] });
    client.on(ListTagsForResourceCommand).resolves({ TagList: [{ Key: 'owner', Value: 'team' }] });
  });

  afterEach(() => {
    client.restore();
    clients.destroy();
  });

  it('follows the pages of both listings and judges a group\'s member clusters through the group', async () => {
    // prepare
    client.on(DescribeReplicationGroupsCommand).resolvesOnce({ ReplicationGroups: [secureGroup('g1')], Marker: 'm2' }).resolvesOnce({ ReplicationGroups: [secureGroup('g2')] });
    client.on(DescribeCacheClustersCommand)
      .resolvesOnce({ CacheClusters: [{ CacheClusterId: 'g1-001', ReplicationGroupId: 'g1', Engine: 'valkey' }], Marker: 'c2' })
      .resolvesOnce({ CacheClusters: [{ CacheClusterId: 'mc', ARN: arn('cluster', 'mc'), Engine: 'memcached', TransitEncryptionEnabled: true }] });

    // act
    const inventory = await elastiCacheCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.caches.map((c) => [c.kind, c.id, c.ref.tags.owner]), [['replication-group', 'g1', 'team'], ['replication-group', 'g2', 'team'], ['cache-cluster', 'mc', 'team']]);
    assert.deepEqual(client.commandCalls(DescribeCacheClustersCommand).map((call) => call.args[0].input), [
      { MaxRecords: 100, Marker: undefined, ShowCacheClustersNotInReplicationGroups: true },
      { MaxRecords: 100, Marker: 'c2', ShowCacheClustersNotInReplicationGroups: true },
    ]);
  });

  it('a single-node Redis OSS cluster is judged on AUTH, at-rest and in-transit encryption', async () => {
    // prepare
    client.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [{
      CacheClusterId: 'single', ARN: arn('cluster', 'single'), Engine: 'redis', AuthTokenEnabled: false, TransitEncryptionEnabled: false, AtRestEncryptionEnabled: false,
    }] });

    // act
    const { results } = evaluateChecks(task(elasticacheAuditor.checks), await elastiCacheCollector.collect(ctx));

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.type}`), [
      'FAILED elasticache-cache-authentication-enabled AwsElastiCacheCacheCluster',
      'FAILED elasticache-cache-encrypted-at-rest AwsElastiCacheCacheCluster',
      'FAILED elasticache-cache-encrypted-in-transit AwsElastiCacheCacheCluster',
    ]);
  });

  it('refused tags keep the cache, untagged; a cache deleted mid-scan is dropped', async () => {
    // prepare
    client.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [secureGroup('secretive'), secureGroup('gone')] });
    client.on(ListTagsForResourceCommand, { ResourceName: arn('replicationgroup', 'secretive') }).rejects(awsError('AccessDenied', 403));
    client.on(ListTagsForResourceCommand, { ResourceName: arn('replicationgroup', 'gone') }).rejects(awsError('ReplicationGroupNotFoundFault', 404));

    // act
    const inventory = await elastiCacheCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.caches.map((c) => [c.id, c.ref.tags, c.tags.ok]), [['secretive', {}, false]]);
  });

  it('a refused listing fails the collection; a region without an ElastiCache endpoint is an empty inventory', async () => {
    // prepare
    client.on(DescribeReplicationGroupsCommand).rejectsOnce(awsError('AccessDenied', 403)).rejectsOnce(Object.assign(new Error('getaddrinfo ENOTFOUND elasticache.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act and assert
    await assert.rejects(() => elastiCacheCollector.collect(ctx), /AccessDenied/);
    assert.deepEqual(await elastiCacheCollector.collect(ctx), { caches: [] });
  });
});
