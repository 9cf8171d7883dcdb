/**
 * What the emulator cannot show: IAM authentication turned on, answers that
 * ignore the engine filter, pages, refused and failing calls, a cluster
 * deleted mid-scan, and answers that leave a field out. Injected with
 * aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  DBClusterNotFoundFault, DescribeDBClustersCommand, DescribeDBInstancesCommand, ListTagsForResourceCommand, NeptuneClient, NeptuneServiceException, type DBCluster, type DBInstance,
} from '@aws-sdk/client-neptune';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { neptuneCollector } from '../../../auditors/neptune/collect.js';
import { neptuneAuditor } from '../../../auditors/neptune/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { statusTable } from '../../helpers/status-table.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

const CHECKS = ['neptune-cluster-storage-encrypted', 'neptune-cluster-iam-authentication-enabled', 'neptune-cluster-multi-az'] as const;

function denied(operation: string): NeptuneServiceException {
  return new NeptuneServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: `User is not authorized to perform: rds:${operation} (injected)` });
}

function dbCluster(id: string, members: string[], overrides: Partial<DBCluster> = {}): DBCluster {
  return {
    DBClusterIdentifier: id,
    DBClusterArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:${id}`,
    Engine: 'neptune',
    Status: 'available',
    StorageEncrypted: true,
    IAMDatabaseAuthenticationEnabled: true,
    DeletionProtection: true,
    MultiAZ: members.length > 1,
    DBClusterMembers: members.map((m, i) => ({ DBInstanceIdentifier: m, IsClusterWriter: i === 0 })),
    ...overrides,
  };
}

const dbInstance = (id: string, clusterId: string, zone: string, overrides: Partial<DBInstance> = {}): DBInstance => ({
  DBInstanceIdentifier: id, DBClusterIdentifier: clusterId, Engine: 'neptune', AvailabilityZone: zone, ...overrides,
});

describe('neptuneCollector with injected answers', () => {
  let clients: AwsClients;
  let neptune: AwsClientStub<NeptuneClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    neptune = mockClient(clients.get(NeptuneClient));
    ctx = mockedContext(clients);
    neptune.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    neptune.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    neptune.on(ListTagsForResourceCommand).resolves({ TagList: [] });
  });

  afterEach(() => {
    neptune.restore();
    clients.destroy();
  });

  it('judges clusters across pages, asks for the neptune engine, and keeps nothing else the API returns', async () => {
    // prepare
    neptune.on(DescribeDBClustersCommand)
      .resolvesOnce({ DBClusters: [dbCluster('hardened', ['h-1', 'h-2'])], Marker: 'c2' })
      .resolvesOnce({ DBClusters: [dbCluster('open', ['o-1'], { IAMDatabaseAuthenticationEnabled: false, StorageEncrypted: false }), dbCluster('docs', ['d-1'], { Engine: 'docdb' })] });
    neptune.on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [dbInstance('h-1', 'hardened', 'us-east-1a'), dbInstance('h-2', 'hardened', 'us-east-1b')], Marker: 'i2' })
      .resolvesOnce({ DBInstances: [dbInstance('o-1', 'open', 'us-east-1a'), dbInstance('d-1', 'docs', 'us-east-1a', { Engine: 'docdb' })] });

    // act
    const inventory = await neptuneCollector.collect(ctx);
    const { results } = evaluateChecks(task(neptuneAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECKS), {
      //           encrypt iamAuth multiAZ
      'hardened': ['PASS', 'PASS', 'PASS'],
      'open':     ['FAIL', 'FAIL', 'FAIL'],
    });
    assert.deepEqual(inventory.instances.map((i) => i.identifier), ['h-1', 'h-2', 'o-1']);
    for (const command of [DescribeDBClustersCommand, DescribeDBInstancesCommand]) {
      assert.deepEqual(neptune.commandCalls(command).map((c) => [c.args[0].input.Filters, c.args[0].input.Marker]), [
        [[{ Name: 'engine', Values: ['neptune'] }], undefined],
        [[{ Name: 'engine', Values: ['neptune'] }], command === DescribeDBClustersCommand ? 'c2' : 'i2'],
      ]);
    }
    assert.deepEqual(neptune.commandCalls(ListTagsForResourceCommand).map((c) => c.args[0].input.ResourceName), [
      `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:hardened`,
      `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:open`,
    ]);
  });

  it('refused tags are recorded and the cluster judged anyway; a cluster deleted mid-scan is dropped; a missing field is an ERROR', async () => {
    // prepare
    const vague = dbCluster('vague', []);
    delete vague.IAMDatabaseAuthenticationEnabled;
    neptune.on(DescribeDBClustersCommand).resolves({ DBClusters: [vague, dbCluster('gone', [])] });
    neptune.on(ListTagsForResourceCommand, { ResourceName: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:vague` }).rejects(denied('ListTagsForResource'));
    neptune.on(ListTagsForResourceCommand, { ResourceName: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:gone` }).rejects(new DBClusterNotFoundFault({ message: 'DBCluster gone not found.', $metadata: { httpStatusCode: 404 } }));

    // act
    const inventory = await neptuneCollector.collect(ctx);
    const { results } = evaluateChecks(task(neptuneAuditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.clusters.map((c) => c.identifier), ['vague']);
    assert.match(inventory.clusters[0]?.ref.tagsError ?? '', /AccessDenied/);
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId}`), ['PASSED neptune-cluster-storage-encrypted', 'ERROR neptune-cluster-iam-authentication-enabled']);
  });

  it('a region where the endpoint does not resolve is an empty inventory; a refused listing fails the collection', async () => {
    // prepare
    neptune.on(DescribeDBInstancesCommand).rejectsOnce(Object.assign(new Error('getaddrinfo ENOTFOUND rds.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act
    const inventory = await neptuneCollector.collect(ctx);
    neptune.on(DescribeDBClustersCommand).rejects(denied('DescribeDBClusters'));

    // assert
    assert.deepEqual(inventory, { clusters: [], instances: [] });
    await assert.rejects(() => neptuneCollector.collect(ctx), /AccessDenied|not authorized/);
  });
});
