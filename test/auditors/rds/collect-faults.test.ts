/**
 * What moto cannot show: DocumentDB resources in the RDS answers, paginated
 * snapshot listings, a refused attribute read, a snapshot deleted mid-scan,
 * a refused listing, and real answers that report PerformanceInsightsEnabled.
 * Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  DBClusterSnapshotNotFoundFault,
  DBSnapshotNotFoundFault,
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
  RDSServiceException,
  type DBInstance,
} from '@aws-sdk/client-rds';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { rdsCollector } from '../../../auditors/rds/collect.js';
import { rdsAuditor } from '../../../auditors/rds/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function denied(operation: string): RDSServiceException {
  return new RDSServiceException({
    name: 'AccessDenied',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
    message: `User is not authorized to perform: rds:${operation} (injected)`,
  });
}

const metadata = { httpStatusCode: 404 };

/** A hardened PostgreSQL instance as real RDS describes it, PerformanceInsightsEnabled included. */
function db(id: string, overrides: Partial<DBInstance> = {}): DBInstance {
  return {
    DBInstanceIdentifier: id,
    DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${id}`,
    Engine: 'postgres',
    EngineVersion: '16.3',
    DBInstanceStatus: 'available',
    PubliclyAccessible: false,
    StorageEncrypted: true,
    MultiAZ: true,
    DeletionProtection: true,
    IAMDatabaseAuthenticationEnabled: true,
    PerformanceInsightsEnabled: true,
    DomainMemberships: [{ Domain: 'd-1', Status: 'joined', FQDN: 'corp.example.com' }],
    TagList: [],
    ...overrides,
  };
}

describe('rdsCollector with injected answers', () => {
  let clients: AwsClients;
  let rds: AwsClientStub<RDSClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    rds = mockClient(clients.get(RDSClient));
    ctx = mockedContext(clients);
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [] });
    rds.on(DescribeDBSnapshotAttributesCommand).resolves({ DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }] } });
    rds.on(DescribeDBClusterSnapshotAttributesCommand).resolves({
      DBClusterSnapshotAttributesResult: { DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }] },
    });
  });

  afterEach(() => {
    rds.restore();
    clients.destroy();
  });

  it('never reports a DocumentDB instance or cluster snapshot as RDS (ElectricEye\'s known issue)', async () => {
    // prepare: DocumentDB as the RDS API returns it, public and unencrypted, beside a real RDS instance.
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [db('docs-1', { Engine: 'docdb', DBClusterIdentifier: 'docs', PubliclyAccessible: true, StorageEncrypted: false }), db('orders')],
    });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({
      DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'docs-snap', DBClusterIdentifier: 'docs', Engine: 'docdb', SnapshotType: 'manual', StorageEncrypted: false }],
    });
    rds.on(DescribeDBClusterSnapshotAttributesCommand).resolves({
      DBClusterSnapshotAttributesResult: { DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }] },
    });

    // act
    const inventory = await rdsCollector.collect(ctx);
    const { results } = evaluateChecks(task(rdsAuditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.instances.map((i) => i.identifier), ['orders']);
    assert.deepEqual(inventory.snapshots, []);
    assert.deepEqual(inventory.excluded, { instances: 1, snapshots: 1 });
    assert.equal(results.some((r) => r.resource.id.startsWith('docs')), false);
    assert.equal(rds.commandCalls(DescribeDBClusterSnapshotAttributesCommand).length, 0);
  });

  it('judges real answers that report PerformanceInsightsEnabled', async () => {
    // prepare
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [db('watched'), db('unwatched', { PerformanceInsightsEnabled: false })] });

    // act
    const inventory = await rdsCollector.collect(ctx);
    const { results } = evaluateChecks(task(rdsAuditor.checks), inventory);

    // assert
    const insights = results.filter((r) => r.checkId === 'rds-instance-performance-insights-enabled').map((r) => [r.resource.id, r.status]);
    assert.deepEqual(insights, [['watched', 'PASSED'], ['unwatched', 'FAILED']]);
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => r.checkId), ['rds-instance-performance-insights-enabled']);
  });

  it('follows the Marker of every listing', async () => {
    // prepare
    rds.on(DescribeDBInstancesCommand).resolvesOnce({ DBInstances: [db('a')], Marker: 'i2' }).resolvesOnce({ DBInstances: [db('b')] });
    rds.on(DescribeDBSnapshotsCommand)
      .resolvesOnce({ DBSnapshots: [{ DBSnapshotIdentifier: 's1', Engine: 'postgres', SnapshotType: 'automated', Encrypted: true }], Marker: 's2' })
      .resolvesOnce({ DBSnapshots: [{ DBSnapshotIdentifier: 's2', Engine: 'postgres', SnapshotType: 'manual', Encrypted: true }] });
    rds.on(DescribeDBClusterSnapshotsCommand)
      .resolvesOnce({ DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'c1', Engine: 'aurora-mysql', SnapshotType: 'manual', StorageEncrypted: true }], Marker: 'c2' })
      .resolvesOnce({ DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'c2', Engine: 'aurora-mysql', SnapshotType: 'automated', StorageEncrypted: true }] });

    // act
    const inventory = await rdsCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.instances.map((i) => i.identifier), ['a', 'b']);
    assert.deepEqual(inventory.snapshots.map((s) => [s.kind, s.identifier, s.restoreAttribute !== undefined]), [
      ['instance', 's1', false],
      ['instance', 's2', true],
      ['cluster', 'c1', true],
      ['cluster', 'c2', false],
    ]);
    assert.deepEqual(rds.commandCalls(DescribeDBInstancesCommand).map((c) => c.args[0].input), [{ MaxRecords: 100, Marker: undefined }, { MaxRecords: 100, Marker: 'i2' }]);
    assert.deepEqual(rds.commandCalls(DescribeDBSnapshotsCommand).map((c) => c.args[0].input.Marker), [undefined, 's2']);
    assert.deepEqual(rds.commandCalls(DescribeDBClusterSnapshotsCommand).map((c) => c.args[0].input.Marker), [undefined, 'c2']);
    assert.deepEqual(rds.commandCalls(DescribeDBSnapshotAttributesCommand).map((c) => c.args[0].input), [{ DBSnapshotIdentifier: 's2' }]);
    assert.deepEqual(rds.commandCalls(DescribeDBClusterSnapshotAttributesCommand).map((c) => c.args[0].input), [{ DBClusterSnapshotIdentifier: 'c1' }]);
  });

  it('a refused attribute read makes only that snapshot\'s public check ERROR', async () => {
    // prepare
    rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [
        { DBSnapshotIdentifier: 'refused', Engine: 'mysql', SnapshotType: 'manual', Encrypted: false },
        { DBSnapshotIdentifier: 'open', Engine: 'mysql', SnapshotType: 'manual', Encrypted: true },
      ],
    });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({
      DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'cluster-refused', Engine: 'aurora-postgresql', SnapshotType: 'manual', StorageEncrypted: true }],
    });
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'refused' }).rejects(denied('DescribeDBSnapshotAttributes'));
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'open' }).resolves({
      DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }] },
    });
    rds.on(DescribeDBClusterSnapshotAttributesCommand).rejects(denied('DescribeDBClusterSnapshotAttributes'));

    // act
    const inventory = await rdsCollector.collect(ctx);
    const { results } = evaluateChecks(task(rdsAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`).sort(), [
      'ERROR rds-snapshot-not-public cluster-refused',
      'ERROR rds-snapshot-not-public refused',
      'FAILED rds-snapshot-encrypted refused',
      'FAILED rds-snapshot-not-public open',
      'PASSED rds-snapshot-encrypted cluster-refused',
      'PASSED rds-snapshot-encrypted open',
    ]);
    const error = results.find((r) => r.status === 'ERROR' && r.resource.id === 'refused');
    assert.match(error?.summary ?? '', /the restore attribute of refused could not be read: AccessDenied/);
    const clusterDetails = inventory.snapshots.find((s) => s.identifier === 'cluster-refused')?.ref.details?.AwsRdsDbClusterSnapshot as Record<string, unknown>;
    assert.equal('DbClusterSnapshotAttributes' in clusterDetails, false);
  });

  it('drops a snapshot deleted between the listing and the attribute read', async () => {
    // prepare
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ DBSnapshotIdentifier: 'gone', Engine: 'mysql', SnapshotType: 'manual', Encrypted: true }] });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({
      DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'gone-too', Engine: 'aurora-mysql', SnapshotType: 'manual', StorageEncrypted: true }],
    });
    rds.on(DescribeDBSnapshotAttributesCommand).rejects(new DBSnapshotNotFoundFault({ message: 'DBSnapshot gone not found.', $metadata: metadata }));
    rds.on(DescribeDBClusterSnapshotAttributesCommand).rejects(new DBClusterSnapshotNotFoundFault({ message: 'DBClusterSnapshot gone-too not found.', $metadata: metadata }));

    // act
    const inventory = await rdsCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.snapshots, []);
  });

  it('a describe answer missing a field gives ERROR for the checks that need it, not a crash or a pass', async () => {
    // prepare
    const partial = db('partial');
    delete partial.StorageEncrypted;
    delete partial.PubliclyAccessible;
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [partial] });
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ DBSnapshotIdentifier: 'vague', Engine: 'mysql', SnapshotType: 'automated' }] });

    // act
    const inventory = await rdsCollector.collect(ctx);
    const { results } = evaluateChecks(task(rdsAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`).sort(), [
      'ERROR rds-instance-not-publicly-accessible partial',
      'ERROR rds-instance-storage-encrypted partial',
      'ERROR rds-snapshot-encrypted vague',
    ]);
    assert.equal(inventory.snapshots[0]?.ref.arn, `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:vague`);
  });

  for (const [name, command] of [
    ['DescribeDBInstances', DescribeDBInstancesCommand],
    ['DescribeDBSnapshots', DescribeDBSnapshotsCommand],
    ['DescribeDBClusterSnapshots', DescribeDBClusterSnapshotsCommand],
  ] as const) {
    it(`a refused ${name} fails the whole collection`, async () => {
      // prepare
      rds.on(command).rejects(denied(name));

      // act and assert
      await assert.rejects(() => rdsCollector.collect(ctx), /AccessDenied|not authorized/);
    });
  }
});
