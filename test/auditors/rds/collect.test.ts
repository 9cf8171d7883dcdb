import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  CreateDBClusterCommand,
  CreateDBClusterSnapshotCommand,
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  ModifyDBClusterSnapshotAttributeCommand,
  ModifyDBSnapshotAttributeCommand,
  RDSClient,
  type CreateDBInstanceCommandInput,
} from '@aws-sdk/client-rds';
import { iamActionFor } from '../../../src/aws/iam-actions.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedRds } from '../../../src/emulator/seeds/rds.js';
import { rdsCollector } from '../../../auditors/rds/collect.js';
import { rdsAuditor } from '../../../auditors/rds/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';
import { statusTable } from '../../helpers/status-table.js';

const emulator = useEmulator();

const INSTANCE_CHECKS = [
  'rds-instance-not-publicly-accessible',
  'rds-instance-storage-encrypted',
  'rds-instance-multi-az',
  'rds-instance-deletion-protection-enabled',
  'rds-instance-iam-authentication-enabled',
  'rds-instance-domain-joined',
  'rds-instance-performance-insights-enabled',
] as const;
const SNAPSHOT_CHECKS = ['rds-snapshot-not-public', 'rds-snapshot-encrypted'] as const;

const rds = (): RDSClient => emulator.clients().get(RDSClient);

const BASE = { DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20, MasterUsername: 'admin', MasterUserPassword: 'password-123' } as const;

async function createInstance(input: Omit<CreateDBInstanceCommandInput, keyof typeof BASE>): Promise<void> {
  await rds().send(new CreateDBInstanceCommand({ ...BASE, ...input }));
}

/** A varied account: a public MySQL, a hardened PostgreSQL, an Oracle, an Aurora member, Neptune, and snapshots. */
async function seedVaried(): Promise<void> {
  const client = rds();
  await createInstance({ DBInstanceIdentifier: 'open-mysql', Engine: 'mysql', PubliclyAccessible: true, Tags: [{ Key: 'owner', Value: 'alice' }] });
  await createInstance({
    DBInstanceIdentifier: 'hardened-pg', Engine: 'postgres', PubliclyAccessible: false, StorageEncrypted: true, MultiAZ: true, DeletionProtection: true,
    EnableIAMDatabaseAuthentication: true, Domain: 'd-1234567890', DomainIAMRoleName: 'rds-directory',
  });
  await createInstance({ DBInstanceIdentifier: 'oracle', Engine: 'oracle-ee', PubliclyAccessible: false, StorageEncrypted: true, MultiAZ: true, DeletionProtection: true });
  await client.send(new CreateDBClusterCommand({ DBClusterIdentifier: 'aurora', Engine: 'aurora-mysql', MasterUsername: 'admin', MasterUserPassword: 'password-123' }));
  await client.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'aurora-1', Engine: 'aurora-mysql', DBInstanceClass: 'db.r6g.large', DBClusterIdentifier: 'aurora' }));
  await client.send(new CreateDBClusterCommand({ DBClusterIdentifier: 'graph', Engine: 'neptune' }));
  await client.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'graph-1', Engine: 'neptune', DBInstanceClass: 'db.r5.large', DBClusterIdentifier: 'graph' }));

  await client.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'open-mysql', DBSnapshotIdentifier: 'public-snap', Tags: [{ Key: 'owner', Value: 'bob' }] }));
  await client.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: 'public-snap', AttributeName: 'restore', ValuesToAdd: ['all'] }));
  await client.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'hardened-pg', DBSnapshotIdentifier: 'shared-snap' }));
  await client.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: 'shared-snap', AttributeName: 'restore', ValuesToAdd: ['111122223333'] }));
  await client.send(new CreateDBClusterSnapshotCommand({ DBClusterIdentifier: 'aurora', DBClusterSnapshotIdentifier: 'aurora-public' }));
  await client.send(new ModifyDBClusterSnapshotAttributeCommand({ DBClusterSnapshotIdentifier: 'aurora-public', AttributeName: 'restore', ValuesToAdd: ['all'] }));
  await client.send(new CreateDBClusterSnapshotCommand({ DBClusterIdentifier: 'graph', DBClusterSnapshotIdentifier: 'graph-manual' }));
}

/** Automated snapshot ids carry the creation date: name them by their source. */
const stableId = (id: string): string => id.replace(/^rds:(.+)-\d{4}-\d\d-\d\d-\d\d-\d\d$/, 'rds:$1-<date>');

describe('rdsCollector against the emulator', () => {
  it('collects instances and snapshots, leaves Neptune out, and the checks judge each one', async () => {
    // prepare
    await seedVaried();

    // act
    const inventory = await rdsCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(rdsAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, INSTANCE_CHECKS), {
      //             public  encrypt multiAZ delete  iamAuth domain  perfIns
      'open-mysql':  ['FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL', 'ERRO'],
      'hardened-pg': ['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'ERRO'],
      'oracle':      ['PASS', 'PASS', 'PASS', 'PASS', '-',    'FAIL', 'ERRO'],
      // moto leaves out PubliclyAccessible for cluster members: unknown, so ERROR.
      'aurora-1':    ['ERRO', 'FAIL', '-',    '-',    'FAIL', '-',    'ERRO'],
    });
    const snapshots = Object.fromEntries(Object.entries(statusTable(results, SNAPSHOT_CHECKS)).map(([id, row]) => [stableId(id), row]));
    assert.deepEqual(snapshots, {
      //                              public  encrypt
      'public-snap':                  ['FAIL', 'FAIL'],
      'shared-snap':                  ['PASS', 'PASS'],
      'aurora-public':                ['FAIL', 'FAIL'],
      'rds:open-mysql-<date>':        ['-',    'FAIL'],
      'rds:hardened-pg-<date>':       ['-',    'PASS'],
      'rds:oracle-<date>':            ['-',    'PASS'],
      'rds:aurora-1-<date>':          ['-',    'PASS'],
      'rds:aurora-<date>':            ['-',    'FAIL'],
    });
    assert.equal(results.some((r) => /graph/.test(r.resource.id)), false);
    assert.deepEqual(inventory.excluded, { instances: 1, snapshots: 3 });
    const shared = results.find((r) => r.checkId === 'rds-snapshot-not-public' && r.resource.id === 'shared-snap');
    assert.deepEqual(shared?.evidence, { sharedWithAccounts: ['111122223333'] });
    const insights = results.find((r) => r.checkId === 'rds-instance-performance-insights-enabled');
    assert.match(insights?.summary ?? '', /the service did not report PerformanceInsightsEnabled/);
  });

  it('names each resource by ARN with its tags and ASFF details', async () => {
    // prepare
    await seedVaried();

    // act
    const inventory = await rdsCollector.collect(emulator.collectContext());

    // assert
    const open = inventory.instances.find((i) => i.identifier === 'open-mysql');
    assert.equal(open?.ref.arn, `arn:aws:rds:${REGION}:${DEFAULT_ACCOUNT}:db:open-mysql`);
    assert.equal(open?.ref.type, 'AwsRdsDbInstance');
    assert.deepEqual(open?.ref.tags, { owner: 'alice' });
    const details = open?.ref.details?.AwsRdsDbInstance as Record<string, unknown>;
    assert.equal(details.DBInstanceIdentifier, 'open-mysql');
    assert.equal(details.Engine, 'mysql');
    assert.equal(details.PubliclyAccessible, true);
    assert.equal(details.StorageEncrypted, false);
    assert.equal(details.MultiAz, false);
    assert.equal('PerformanceInsightsEnabled' in details, false);
    const hardened = inventory.instances.find((i) => i.identifier === 'hardened-pg')?.ref.details?.AwsRdsDbInstance as Record<string, unknown>;
    assert.deepEqual(hardened.DomainMemberships, [{ Domain: 'd-1234567890', Status: 'active', Fqdn: 'd-1234567890', IamRoleName: 'rds-directory' }]);

    const publicSnap = inventory.snapshots.find((s) => s.identifier === 'public-snap');
    assert.equal(publicSnap?.ref.type, 'AwsRdsDbSnapshot');
    assert.equal(publicSnap?.ref.arn, `arn:aws:rds:${REGION}:${DEFAULT_ACCOUNT}:snapshot:public-snap`);
    assert.deepEqual(publicSnap?.ref.tags, { owner: 'bob' });
    assert.equal((publicSnap?.ref.details?.AwsRdsDbSnapshot as Record<string, unknown>).Encrypted, false);
    const clusterSnap = inventory.snapshots.find((s) => s.identifier === 'aurora-public');
    assert.equal(clusterSnap?.ref.type, 'AwsRdsDbClusterSnapshot');
    assert.equal(clusterSnap?.ref.arn, `arn:aws:rds:${REGION}:${DEFAULT_ACCOUNT}:cluster-snapshot:aurora-public`);
    assert.deepEqual((clusterSnap?.ref.details?.AwsRdsDbClusterSnapshot as Record<string, unknown>).DbClusterSnapshotAttributes, [
      { AttributeName: 'restore', AttributeValues: ['all'] },
    ]);
  });

  it('reads the restore attribute once per manual snapshot, never for automated ones, and calls only what it declares', async () => {
    // prepare
    await seedVaried();
    const counter = new RequestCounter();

    // act
    const inventory = await rdsCollector.collect(emulator.collectContext({ counter }));

    // assert
    const manual = (kind: string): number => inventory.snapshots.filter((s) => s.kind === kind && s.snapshotType === 'manual').length;
    assert.equal(manual('instance'), 2);
    assert.equal(manual('cluster'), 1);
    assert.deepEqual(counter.snapshot(), {
      'RDS:DescribeDBClusterSnapshotAttributes': 1,
      'RDS:DescribeDBClusterSnapshots': 1,
      'RDS:DescribeDBInstances': 1,
      'RDS:DescribeDBSnapshotAttributes': 2,
      'RDS:DescribeDBSnapshots': 1,
    });
    assert.deepEqual(Object.keys(counter.snapshot()).map(iamActionFor).sort(), [...rdsCollector.permissions].sort());
  });

  it('follows DescribeDBInstances pages', async () => {
    // prepare
    for (let i = 0; i < 102; i += 1) await createInstance({ DBInstanceIdentifier: `db-${String(i).padStart(3, '0')}`, Engine: 'postgres' });
    const counter = new RequestCounter();

    // act
    const inventory = await rdsCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.equal(inventory.instances.length, 102);
    assert.equal(new Set(inventory.instances.map((i) => i.identifier)).size, 102);
    assert.equal(counter.snapshot()['RDS:DescribeDBInstances'], 2);
  });

  it('an empty account is an empty inventory', async () => {
    const inventory = await rdsCollector.collect(emulator.collectContext());
    assert.deepEqual(inventory, { instances: [], snapshots: [], excluded: { instances: 0, snapshots: 0 } });
  });
});

describe('the RDS demo seed', () => {
  it('fails every check it can on the insecure resources and nothing on the decoys', async () => {
    // prepare
    const seeded = await seedRds(emulator.clients());

    // act
    const inventory = await rdsCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(rdsAuditor.checks), inventory);

    // assert
    for (const check of rdsAuditor.checks) {
      const id = check.meta.id;
      const outcomes = results.filter((r) => r.checkId === id);
      if (id === 'rds-instance-performance-insights-enabled') {
        // moto never reports PerformanceInsightsEnabled: unknown everywhere, so ERROR rather than a guessed FAILED.
        assert.ok(outcomes.length > 0 && outcomes.every((r) => r.status === 'ERROR'), id);
        continue;
      }
      assert.ok(outcomes.some((r) => r.status === 'FAILED' && seeded.insecure.includes(r.resource.id)), `${id} fails an insecure resource`);
    }
    const decoyFailures = results.filter((r) => seeded.compliant.includes(r.resource.id) && r.status === 'FAILED').map((r) => `${r.checkId} ${r.resource.id}`);
    assert.deepEqual(decoyFailures, []);
    for (const decoy of seeded.compliant) assert.ok(results.some((r) => r.resource.id === decoy && r.status === 'PASSED'), `${decoy} is judged`);
    assert.equal(results.some((r) => r.resource.id.includes('neptune')), false);
  });
});
