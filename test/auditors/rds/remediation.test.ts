/** The RDS snapshot fix against moto: "all" leaves the restore attribute, the named accounts stay, and the rollback puts it back. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  CreateDBClusterCommand, CreateDBClusterSnapshotCommand, CreateDBInstanceCommand, CreateDBSnapshotCommand, DescribeDBClusterSnapshotsCommand,
  DescribeDBSnapshotAttributesCommand, DescribeDBSnapshotsCommand, ModifyDBClusterSnapshotAttributeCommand, ModifyDBSnapshotAttributeCommand, RDSClient,
} from '@aws-sdk/client-rds';
import { rdsCollector } from '../../../auditors/rds/collect.js';
import check from '../../../auditors/rds/checks/rds-snapshot-not-public.js';
import fix, { type RdsSnapshotAttributesSnapshot } from '../../../auditors/rds/remediations/rds-snapshot-remove-public-restore.js';
import { toAttributesJson } from '../../../auditors/rds/remediations/apply.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { performAll, planFix, recheck, roundTrip, type FixSubject } from '../../helpers/remediation.js';

const emulator = useEmulator();

const PARTNERS = ['111122223333', '444455556666'];

const rds = (): RDSClient => emulator.clients().get(RDSClient);

const ref = (kind: 'snapshot' | 'cluster-snapshot', id: string): ResourceRef => ({
  type: kind === 'snapshot' ? 'AwsRdsDbSnapshot' : 'AwsRdsDbClusterSnapshot',
  arn: `arn:aws:rds:${REGION}:${DEFAULT_ACCOUNT}:${kind}:${id}`,
  id,
  region: REGION,
  partition: 'aws',
  tags: {},
});

/** A manual DB snapshot of a new PostgreSQL instance, with the given restore values. */
async function dbSnapshot(id: string, values: readonly string[]): Promise<ResourceRef> {
  await rds().send(new CreateDBInstanceCommand({ DBInstanceIdentifier: `${id}-db`, Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20, MasterUsername: 'admin', MasterUserPassword: 'password-123' }));
  await rds().send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: `${id}-db`, DBSnapshotIdentifier: id, Tags: [{ Key: 'team', Value: 'data' }] }));
  if (values.length > 0) await rds().send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: id, AttributeName: 'restore', ValuesToAdd: [...values] }));
  return ref('snapshot', id);
}

/** A manual DB cluster snapshot of a new cluster of the engine, with the given restore values. */
async function clusterSnapshot(id: string, values: readonly string[], engine = 'aurora-postgresql'): Promise<ResourceRef> {
  await rds().send(new CreateDBClusterCommand({ DBClusterIdentifier: `${id}-cluster`, Engine: engine, MasterUsername: 'admin', MasterUserPassword: 'password-123' }));
  await rds().send(new CreateDBClusterSnapshotCommand({ DBClusterIdentifier: `${id}-cluster`, DBClusterSnapshotIdentifier: id }));
  if (values.length > 0) await rds().send(new ModifyDBClusterSnapshotAttributeCommand({ DBClusterSnapshotIdentifier: id, AttributeName: 'restore', ValuesToAdd: [...values] }));
  return ref('cluster-snapshot', id);
}

const subject = (resource: ResourceRef): FixSubject => ({ ctx: emulator.collectContext(), collector: rdsCollector, check, fix, resource });

const restoreOf = (snapshot: unknown): string[] => {
  const s = snapshot as RdsSnapshotAttributesSnapshot;
  return ('DBClusterSnapshotAttributes' in s ? s.DBClusterSnapshotAttributes : s.DBSnapshotAttributes).find((a) => a.AttributeName === 'restore')?.AttributeValues ?? [];
};

describe('rds-snapshot-remove-public-restore', () => {
  it('removes "all" from a DB snapshot, keeps the named accounts, and the rollback makes it public again', async () => {
    // prepare
    const resource = await dbSnapshot('public-db-snap', ['all', ...PARTNERS]);
    const describeSnapshot = async () => (await rds().send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: resource.id }))).DBSnapshots?.[0];
    const before = await describeSnapshot();
    // act
    const { plan, before: backup, fixed } = await roundTrip(subject(resource));
    // assert
    assert.deepEqual(plan.calls.map((c) => [c.action, c.input]), [['rds:ModifyDBSnapshotAttribute', { DBSnapshotIdentifier: resource.id, AttributeName: 'restore', ValuesToRemove: ['all'] }]]);
    assert.deepEqual(restoreOf(backup), [...PARTNERS, 'all']);
    assert.deepEqual(restoreOf(fixed), PARTNERS, 'the shares with named accounts stay');
    const after = await describeSnapshot();
    assert.deepEqual([after?.TagList, after?.Encrypted, after?.DBInstanceIdentifier, after?.Status], [before?.TagList, before?.Encrypted, before?.DBInstanceIdentifier, before?.Status], 'nothing else about the snapshot changes');
  });

  it('removes "all" from a DB cluster snapshot, and the rollback puts it back', async () => {
    // prepare
    const resource = await clusterSnapshot('public-cluster-snap', ['all', '111122223333']);
    // act
    const { plan, fixed } = await roundTrip(subject(resource));
    // assert
    assert.deepEqual(plan.calls.map((c) => [c.action, c.input]), [['rds:ModifyDBClusterSnapshotAttribute', { DBClusterSnapshotIdentifier: resource.id, AttributeName: 'restore', ValuesToRemove: ['all'] }]]);
    assert.deepEqual(fixed, { DBClusterSnapshotIdentifier: resource.id, DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['111122223333'] }] });
    const cluster = (await rds().send(new DescribeDBClusterSnapshotsCommand({ DBClusterSnapshotIdentifier: resource.id }))).DBClusterSnapshots?.[0];
    assert.equal(cluster?.DBClusterIdentifier, 'public-cluster-snap-cluster');
  });

  it('plans nothing for a snapshot shared with named accounts only', async () => {
    // prepare
    const resource = await dbSnapshot('shared-db-snap', PARTNERS);
    // act
    const verdict = await recheck(subject(resource));
    const snapshot = await fix.snapshot(emulator.collectContext(), resource);
    const plan = fix.plan({ resource, snapshot, evidence: {}, params: {}, checkParams: {} });
    // assert
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(plan, { calls: [], left: [] });
  });

  it('a removal already made is not an error, and the re-check then passes', async () => {
    // prepare
    const resource = await dbSnapshot('only-public', ['all']);
    const { plan } = await planFix(subject(resource));
    await performAll(subject(resource), plan.calls);
    // act
    await performAll(subject(resource), plan.calls);
    const verdict = await recheck(subject(resource));
    // assert
    assert.equal(verdict.status, 'PASSED');
  });

  it('adding "all" back twice lists it once (moto would list it twice)', async () => {
    // prepare
    const resource = await dbSnapshot('readd', ['111122223333']);
    const backup: RdsSnapshotAttributesSnapshot = { DBSnapshotIdentifier: resource.id, DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['111122223333', 'all'] }] };
    const applied = fix.plan({ resource, snapshot: backup, evidence: {}, params: {}, checkParams: {} }).calls;
    const current = await fix.snapshot(emulator.collectContext(), resource);
    const calls = fix.restore({ resource, backup, applied, current });
    // act
    await performAll(subject(resource), calls);
    await performAll(subject(resource), calls);
    // assert
    const answer = await rds().send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: resource.id }));
    assert.deepEqual(answer.DBSnapshotAttributesResult?.DBSnapshotAttributes?.find((a) => a.AttributeName === 'restore')?.AttributeValues, ['111122223333', 'all']);
  });

  it('a DB snapshot or DB cluster snapshot deleted meanwhile is absent from the re-check, and the fix says it is gone', async () => {
    // prepare
    const gone = [ref('snapshot', 'deleted-snap'), ref('cluster-snapshot', 'deleted-cluster-snap')];
    for (const resource of gone) {
      const call = fix.plan({ resource, snapshot: fakePublic(resource), evidence: {}, params: {}, checkParams: {} }).calls[0];
      // act
      const verdict = await recheck(subject(resource));
      // assert
      assert.equal(verdict.status, 'ABSENT', resource.arn);
      await assert.rejects(fix.snapshot(emulator.collectContext(), resource), { name: 'ResourceGoneError' });
      assert.ok(call);
      await assert.rejects(fix.perform(emulator.collectContext(), call), { name: 'ResourceGoneError' });
    }
  });

  it('the re-check leaves out a public Neptune cluster snapshot, as the scan does', async () => {
    // prepare
    const resource = await clusterSnapshot('graph-snap', ['all'], 'neptune');
    // act
    const inventory = await rdsCollector.collectOne?.(emulator.collectContext(), resource);
    const verdict = await recheck(subject(resource));
    // assert
    assert.deepEqual([inventory?.snapshots, inventory?.excluded], [[], { instances: 0, snapshots: 1 }]);
    assert.equal(verdict.status, 'ABSENT');
  });

  it('the re-check reads one snapshot only, and refuses a DB instance', async () => {
    // prepare
    const resource = await dbSnapshot('one', ['all']);
    await dbSnapshot('other', ['all']);
    const instance: ResourceRef = { ...ref('snapshot', 'one-db'), type: 'AwsRdsDbInstance', arn: `arn:aws:rds:${REGION}:${DEFAULT_ACCOUNT}:db:one-db` };
    // act
    const inventory = await rdsCollector.collectOne?.(emulator.collectContext(), resource);
    const reading = rdsCollector.collectOne?.(emulator.collectContext(), instance);
    // assert
    assert.deepEqual(inventory?.snapshots.map((s) => [s.ref.arn, s.restoreAttribute]), [[resource.arn, { ok: true, value: ['all'] }]]);
    assert.deepEqual(inventory?.instances, []);
    await assert.rejects(reading ?? Promise.resolve(), /not arn:aws:rds:us-east-1:123456789012:db:one-db/);
  });

  it('the rollback adds nothing when "all" is back already, or was not in the backup', () => {
    // prepare
    const resource = ref('cluster-snapshot', 'c1');
    const open: RdsSnapshotAttributesSnapshot = { DBClusterSnapshotIdentifier: 'c1', DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['111122223333', 'all'] }] };
    const closed: RdsSnapshotAttributesSnapshot = { DBClusterSnapshotIdentifier: 'c1', DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['111122223333'] }] };
    const applied = fix.plan({ resource, snapshot: open, evidence: {}, params: {}, checkParams: {} }).calls;
    // act
    const reopened = fix.restore({ resource, backup: open, applied, current: open });
    const neverPublic = fix.restore({ resource, backup: closed, applied, current: closed });
    const nothingApplied = fix.restore({ resource, backup: open, applied: [], current: closed });
    const needed = fix.restore({ resource, backup: open, applied, current: closed });
    // assert
    assert.deepEqual([reopened, neverPublic, nothingApplied], [[], [], []]);
    assert.deepEqual(needed.map((c) => [c.action, c.input]), [['rds:ModifyDBClusterSnapshotAttribute', { DBClusterSnapshotIdentifier: 'c1', AttributeName: 'restore', ValuesToAdd: ['all'] }]]);
  });

  it('the snapshot is what DescribeDBSnapshotAttributes says, in a stable order', async () => {
    // prepare
    const resource = await dbSnapshot('ordered', [...PARTNERS].reverse());
    // act
    const snapshot = await fix.snapshot(emulator.collectContext(), resource);
    const answer = await rds().send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: resource.id }));
    // assert
    assert.deepEqual(snapshot, { DBSnapshotIdentifier: resource.id, DBSnapshotAttributes: toAttributesJson(answer.DBSnapshotAttributesResult?.DBSnapshotAttributes) });
    assert.deepEqual(restoreOf(snapshot), PARTNERS);
  });
});

/** The snapshot a public DB snapshot or DB cluster snapshot of that name would have. */
function fakePublic(resource: ResourceRef): RdsSnapshotAttributesSnapshot {
  const attributes = [{ AttributeName: 'restore', AttributeValues: ['all'] }];
  return resource.type === 'AwsRdsDbClusterSnapshot'
    ? { DBClusterSnapshotIdentifier: resource.id, DBClusterSnapshotAttributes: attributes }
    : { DBSnapshotIdentifier: resource.id, DBSnapshotAttributes: attributes };
}
