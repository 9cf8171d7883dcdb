import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateReplicationGroupCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedElastiCache } from '../../../src/emulator/seeds/elasticache.js';
import { elastiCacheCollector } from '../../../auditors/elasticache/collect.js';
import { elasticacheAuditor } from '../../../auditors/elasticache/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

const CHECK_ORDER = ['elasticache-cache-authentication-enabled', 'elasticache-cache-encrypted-at-rest', 'elasticache-cache-encrypted-in-transit'] as const;

describe('elastiCacheCollector against the emulator', () => {
  it('collects the replication groups and the clusters outside them, and the checks judge each one', async () => {
    // prepare
    await seedElastiCache(emulator.clients());
    await emulator.clients().get(ElastiCacheClient).send(new CreateReplicationGroupCommand({
      ReplicationGroupId: 'rbac-migrating', ReplicationGroupDescription: 'RBAC, TLS being rolled out', Engine: 'valkey', CacheNodeType: 'cache.t4g.micro', NumCacheClusters: 1,
      UserGroupIds: ['app-users'], TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred', AtRestEncryptionEnabled: true,
    }));

    // act
    const inventory = await elastiCacheCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(elasticacheAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //                      auth    at rest  in transit
      'demo-cache-open':      ['FAIL', 'FAIL', 'FAIL'],
      'demo-cache-secure':    ['PASS', 'PASS', 'PASS'],
      'rbac-migrating':       ['PASS', 'PASS', 'FAIL'],
      'demo-memcached-plain': ['-',    '-',    'FAIL'],
      'demo-memcached-tls':   ['-',    '-',    'PASS'],
    });
  });

  it('names each cache by ARN, with its tags and details', async () => {
    // prepare
    await seedElastiCache(emulator.clients());

    // act
    const inventory = await elastiCacheCollector.collect(emulator.collectContext());

    // assert
    const open = inventory.caches.find((c) => c.id === 'demo-cache-open');
    assert.deepEqual([open?.ref.type, open?.ref.arn, open?.ref.tags], ['Other', `arn:aws:elasticache:${REGION}:${DEFAULT_ACCOUNT}:replicationgroup:demo-cache-open`, { owner: 'web-team' }]);
    assert.deepEqual(open?.ref.details?.Other, { Id: 'demo-cache-open', Kind: 'replication-group', Engine: 'redis', AuthTokenEnabled: 'false', TransitEncryptionEnabled: 'false', AtRestEncryptionEnabled: 'false' });
    const memcached = inventory.caches.find((c) => c.id === 'demo-memcached-tls');
    assert.deepEqual([memcached?.ref.type, memcached?.kind, memcached?.engine], ['AwsElastiCacheCacheCluster', 'cache-cluster', 'memcached']);
  });

  it('reads each cache\'s tags once', async () => {
    // prepare
    await seedElastiCache(emulator.clients());
    const counter = new RequestCounter();

    // act
    await elastiCacheCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(counter.snapshot(), { 'ElastiCache:DescribeCacheClusters': 1, 'ElastiCache:DescribeReplicationGroups': 1, 'ElastiCache:ListTagsForResource': 4 });
  });

  it('a region without caches is an empty inventory', async () => {
    assert.deepEqual(await elastiCacheCollector.collect(emulator.collectContext()), { caches: [] });
  });
});
