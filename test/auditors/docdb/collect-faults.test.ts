/**
 * DocumentDB as AWS answers, which the emulator cannot hold (it refuses the
 * docdb engine): clusters and instances judged end to end, the engine filter,
 * pages, refused and failing calls, resources deleted mid-scan, answers that
 * leave a field out. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  DBClusterNotFoundFault, DescribeDBClustersCommand, DescribeDBInstancesCommand, DocDBClient, DocDBServiceException, ListTagsForResourceCommand, type DBCluster, type DBInstance,
} from '@aws-sdk/client-docdb';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { docdbCollector } from '../../../auditors/docdb/collect.js';
import { docdbAuditor } from '../../../auditors/docdb/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { statusTable } from '../../helpers/status-table.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

const CLUSTER_CHECKS = ['docdb-cluster-storage-encrypted', 'docdb-cluster-multi-az', 'docdb-cluster-deletion-protection-enabled'] as const;

function denied(operation: string): DocDBServiceException {
  return new DocDBServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: `User is not authorized to perform: rds:${operation} (injected)` });
}

function dbCluster(id: string, members: string[], overrides: Partial<DBCluster> = {}): DBCluster {
  return {
    DBClusterIdentifier: id,
    DBClusterArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:${id}`,
    Engine: 'docdb',
    EngineVersion: '5.0.0',
    Status: 'available',
    StorageEncrypted: true,
    KmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k1`,
    DeletionProtection: true,
    MultiAZ: members.length > 1,
    DBClusterMembers: members.map((m, i) => ({ DBInstanceIdentifier: m, IsClusterWriter: i === 0, PromotionTier: 1 })),
    ...overrides,
  };
}

function dbInstance(id: string, clusterId: string, zone: string, overrides: Partial<DBInstance> = {}): DBInstance {
  return {
    DBInstanceIdentifier: id,
    DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${id}`,
    DBClusterIdentifier: clusterId,
    Engine: 'docdb',
    DBInstanceClass: 'db.r6g.large',
    DBInstanceStatus: 'available',
    AvailabilityZone: zone,
    PubliclyAccessible: false,
    ...overrides,
  };
}

describe('docdbCollector with injected answers', () => {
  let clients: AwsClients;
  let docdb: AwsClientStub<DocDBClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    docdb = mockClient(clients.get(DocDBClient));
    ctx = mockedContext(clients);
    docdb.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    docdb.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    docdb.on(ListTagsForResourceCommand).resolves({ TagList: [] });
  });

  afterEach(() => {
    docdb.restore();
    clients.destroy();
  });

  it('judges DocumentDB clusters and instances, asks for the docdb engine, and keeps nothing else the API returns', async () => {
    // prepare
    docdb.on(DescribeDBClustersCommand).resolves({
      DBClusters: [
        dbCluster('catalog', ['catalog-1', 'catalog-2']),
        dbCluster('sessions', ['sessions-1', 'sessions-2'], { StorageEncrypted: false, KmsKeyId: undefined, DeletionProtection: false }),
        // An answer that ignored the filter: a Neptune cluster must not be judged as DocumentDB.
        dbCluster('graph', ['graph-1'], { Engine: 'neptune', StorageEncrypted: false }),
      ],
    });
    docdb.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        dbInstance('catalog-1', 'catalog', 'us-east-1a'),
        dbInstance('catalog-2', 'catalog', 'us-east-1b'),
        dbInstance('sessions-1', 'sessions', 'us-east-1a', { PubliclyAccessible: true }),
        dbInstance('sessions-2', 'sessions', 'us-east-1a'),
        dbInstance('graph-1', 'graph', 'us-east-1a', { Engine: 'neptune' }),
      ],
    });
    docdb.on(ListTagsForResourceCommand, { ResourceName: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:catalog` }).resolves({ TagList: [{ Key: 'owner', Value: 'catalog-team' }] });

    // act
    const inventory = await docdbCollector.collect(ctx);
    const { results } = evaluateChecks(task(docdbAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CLUSTER_CHECKS), {
      //           encrypt multiAZ delete
      'catalog':  ['PASS', 'PASS', 'PASS'],
      'sessions': ['FAIL', 'FAIL', 'FAIL'],
    });
    assert.deepEqual(statusTable(results, ['docdb-instance-not-publicly-accessible']), {
      'catalog-1': ['PASS'], 'catalog-2': ['PASS'], 'sessions-1': ['FAIL'], 'sessions-2': ['PASS'],
    });
    assert.equal(results.some((r) => r.resource.id.startsWith('graph')), false);
    for (const command of [DescribeDBClustersCommand, DescribeDBInstancesCommand]) {
      assert.deepEqual(docdb.commandCalls(command)[0]?.args[0].input.Filters, [{ Name: 'engine', Values: ['docdb'] }]);
    }
    const catalog = inventory.clusters.find((c) => c.identifier === 'catalog');
    assert.deepEqual(catalog?.ref.tags, { owner: 'catalog-team' });
    assert.equal(catalog?.ref.type, 'AwsRdsDbCluster');
    assert.deepEqual((catalog?.ref.details?.AwsRdsDbCluster as Record<string, unknown>).DbClusterMembers, [
      { DbInstanceIdentifier: 'catalog-1', IsClusterWriter: true, PromotionTier: 1 },
      { DbInstanceIdentifier: 'catalog-2', IsClusterWriter: false, PromotionTier: 1 },
    ]);
    assert.equal((inventory.instances[0]?.ref.details?.AwsRdsDbInstance as Record<string, unknown>).AvailabilityZone, 'us-east-1a');
    assert.equal(docdb.commandCalls(ListTagsForResourceCommand).length, 6);
  });

  it('follows the Marker of both listings', async () => {
    // prepare
    docdb.on(DescribeDBClustersCommand).resolvesOnce({ DBClusters: [dbCluster('a', [])], Marker: 'c2' }).resolvesOnce({ DBClusters: [dbCluster('b', [])] });
    docdb.on(DescribeDBInstancesCommand).resolvesOnce({ DBInstances: [dbInstance('a-1', 'a', 'us-east-1a')], Marker: 'i2' }).resolvesOnce({ DBInstances: [dbInstance('b-1', 'b', 'us-east-1a')] });

    // act
    const inventory = await docdbCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.clusters.map((c) => c.identifier), ['a', 'b']);
    assert.deepEqual(inventory.instances.map((i) => i.identifier), ['a-1', 'b-1']);
    assert.deepEqual(docdb.commandCalls(DescribeDBClustersCommand).map((c) => [c.args[0].input.MaxRecords, c.args[0].input.Marker]), [[100, undefined], [100, 'c2']]);
    assert.deepEqual(docdb.commandCalls(DescribeDBInstancesCommand).map((c) => c.args[0].input.Marker), [undefined, 'i2']);
  });

  it('refused tags are recorded on the resource and judged anyway; a cluster deleted mid-scan is dropped', async () => {
    // prepare
    docdb.on(DescribeDBClustersCommand).resolves({ DBClusters: [dbCluster('kept', []), dbCluster('gone', [])] });
    docdb.on(ListTagsForResourceCommand, { ResourceName: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:kept` }).rejects(denied('ListTagsForResource'));
    docdb.on(ListTagsForResourceCommand, { ResourceName: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:gone` }).rejects(new DBClusterNotFoundFault({ message: 'DBCluster gone not found.', $metadata: { httpStatusCode: 404 } }));

    // act
    const inventory = await docdbCollector.collect(ctx);
    const { results } = evaluateChecks(task(docdbAuditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.clusters.map((c) => c.identifier), ['kept']);
    assert.match(inventory.clusters[0]?.ref.tagsError ?? '', /AccessDenied/);
    // A cluster without instances is not applicable to the multi-AZ check: no result.
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId}`), ['PASSED docdb-cluster-storage-encrypted', 'PASSED docdb-cluster-deletion-protection-enabled']);
  });

  it('an answer missing a field gives ERROR for the checks that need it, not a pass', async () => {
    // prepare
    const vague = dbCluster('vague', ['vague-1', 'vague-2']);
    delete vague.StorageEncrypted;
    docdb.on(DescribeDBClustersCommand).resolves({ DBClusters: [vague] });
    const first = dbInstance('vague-1', 'vague', 'us-east-1a');
    delete first.PubliclyAccessible;
    const second = dbInstance('vague-2', 'vague', 'us-east-1a');
    delete second.AvailabilityZone;
    docdb.on(DescribeDBInstancesCommand).resolves({ DBInstances: [first, second] });

    // act
    const { results } = evaluateChecks(task(docdbAuditor.checks), await docdbCollector.collect(ctx));

    // assert
    assert.deepEqual(results.filter((r) => r.status === 'ERROR').map((r) => `${r.checkId} ${r.resource.id}`), [
      'docdb-instance-not-publicly-accessible vague-1',
      'docdb-cluster-storage-encrypted vague',
      'docdb-cluster-multi-az vague',
    ]);
  });

  it('a region where the endpoint does not resolve is an empty inventory; a refused listing fails the collection', async () => {
    // prepare
    docdb.on(DescribeDBClustersCommand).rejectsOnce(Object.assign(new Error('getaddrinfo ENOTFOUND rds.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act
    const inventory = await docdbCollector.collect(ctx);
    docdb.on(DescribeDBInstancesCommand).rejects(denied('DescribeDBInstances'));

    // assert
    assert.deepEqual(inventory, { clusters: [], instances: [] });
    await assert.rejects(() => docdbCollector.collect(ctx), /AccessDenied|not authorized/);
  });
});
