/** The EBS fixes against moto: a public snapshot made private, encryption by default turned on; precise, idempotent, rolled back exactly. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  CreateSnapshotCommand, CreateVolumeCommand, DescribeSnapshotAttributeCommand, DescribeSnapshotsCommand, EC2Client, EnableEbsEncryptionByDefaultCommand,
  GetEbsEncryptionByDefaultCommand, ModifySnapshotAttributeCommand,
} from '@aws-sdk/client-ec2';
import { ebsCollector } from '../../../auditors/ebs/collect.js';
import encryptionCheck from '../../../auditors/ebs/checks/ebs-encryption-by-default-enabled.js';
import snapshotCheck from '../../../auditors/ebs/checks/ebs-snapshot-not-public.js';
import encryptionFix, { type EncryptionByDefaultSnapshot } from '../../../auditors/ebs/remediations/ebs-enable-encryption-by-default.js';
import snapshotFix, { type SnapshotPermissionsSnapshot } from '../../../auditors/ebs/remediations/ebs-snapshot-remove-public-permission.js';
import { toPermissionsJson } from '../../../auditors/ebs/remediations/apply.js';
import { accountRef, type ResourceRef } from '../../../src/core/resource.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { performAll, planFix, recheck, roundTrip, type FixSubject } from '../../helpers/remediation.js';

const emulator = useEmulator();

const PARTNERS = ['111122223333', '444455556666'];

const snapshotRef = (id: string): ResourceRef => ({ type: 'Other', arn: `arn:aws:ec2:${REGION}::snapshot/${id}`, id, region: REGION, partition: 'aws', tags: {} });

/** A snapshot of a new volume, shared with the given accounts, and public when asked. */
async function snapshotSharedWith(accounts: readonly string[], publicToo: boolean): Promise<ResourceRef> {
  const ec2 = emulator.clients().get(EC2Client);
  const { VolumeId } = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 4 }));
  const { SnapshotId } = await ec2.send(new CreateSnapshotCommand({ VolumeId, Description: 'data', TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'team', Value: 'data' }] }] }));
  const id = SnapshotId as string;
  if (accounts.length > 0) await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: id, Attribute: 'createVolumePermission', OperationType: 'add', UserIds: [...accounts] }));
  if (publicToo) await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: id, Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }));
  return snapshotRef(id);
}

const snapshotSubject = (resource: ResourceRef): FixSubject => ({ ctx: emulator.collectContext(), collector: ebsCollector, check: snapshotCheck, fix: snapshotFix, resource });
const encryptionSubject = (region = REGION): FixSubject => ({ ctx: emulator.collectContext({ region }), collector: ebsCollector, check: encryptionCheck, fix: encryptionFix, resource: accountRef(DEFAULT_ACCOUNT, region) });

describe('ebs-snapshot-remove-public-permission', () => {
  it('removes only the group "all", keeps every account it is shared with, and the rollback makes it public again', async () => {
    // prepare
    const resource = await snapshotSharedWith(PARTNERS, true);
    const describeSnapshot = () => emulator.clients().get(EC2Client).send(new DescribeSnapshotsCommand({ SnapshotIds: [resource.id] }));
    const before = (await describeSnapshot()).Snapshots?.[0];
    // act
    const { plan, fixed, before: backup } = await roundTrip(snapshotSubject(resource));
    // assert
    assert.deepEqual(plan.calls.map((c) => c.input), [{ SnapshotId: resource.id, Attribute: 'createVolumePermission', OperationType: 'remove', GroupNames: ['all'] }]);
    assert.deepEqual((backup as SnapshotPermissionsSnapshot).CreateVolumePermissions, [{ Group: 'all' }, ...PARTNERS.map((UserId) => ({ UserId }))]);
    assert.deepEqual((fixed as SnapshotPermissionsSnapshot).CreateVolumePermissions, PARTNERS.map((UserId) => ({ UserId })), 'the shares with named accounts stay');
    const after = (await describeSnapshot()).Snapshots?.[0];
    assert.deepEqual([after?.Description, after?.Tags, after?.Encrypted, after?.VolumeId], [before?.Description, before?.Tags, before?.Encrypted, before?.VolumeId], 'nothing else about the snapshot changes');
  });

  it('plans nothing for a snapshot shared with named accounts only', async () => {
    // prepare
    const resource = await snapshotSharedWith(PARTNERS, false);
    // act
    const verdict = await recheck(snapshotSubject(resource));
    const snapshot = await snapshotFix.snapshot(emulator.collectContext(), resource);
    const plan = snapshotFix.plan({ resource, snapshot, evidence: {}, params: {}, checkParams: {} });
    // assert
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(plan, { calls: [], left: [] });
  });

  it('a removal already made is not an error, and the re-check then passes', async () => {
    // prepare
    const resource = await snapshotSharedWith([], true);
    const { plan } = await planFix(snapshotSubject(resource));
    await performAll(snapshotSubject(resource), plan.calls);
    // act
    await performAll(snapshotSubject(resource), plan.calls);
    const verdict = await recheck(snapshotSubject(resource));
    // assert
    assert.equal(verdict.status, 'PASSED');
  });

  it('a snapshot deleted meanwhile is absent from the re-check, and the fix calls say it is gone', async () => {
    // prepare
    const resource = snapshotRef('snap-0123456789abcdef0');
    const call = snapshotFix.plan({ resource, snapshot: { SnapshotId: resource.id, CreateVolumePermissions: [{ Group: 'all' }] }, evidence: {}, params: {}, checkParams: {} }).calls[0];
    // act
    const verdict = await recheck(snapshotSubject(resource));
    // assert
    assert.equal(verdict.status, 'ABSENT');
    await assert.rejects(snapshotFix.snapshot(emulator.collectContext(), resource), { name: 'ResourceGoneError' });
    assert.ok(call);
    await assert.rejects(snapshotFix.perform(emulator.collectContext(), call), { name: 'ResourceGoneError' });
  });

  it('the rollback adds nothing when the snapshot is public again already, or was not public in the backup', () => {
    // prepare
    const resource = snapshotRef('snap-1');
    const open: SnapshotPermissionsSnapshot = { SnapshotId: 'snap-1', CreateVolumePermissions: [{ Group: 'all' }, { UserId: '111122223333' }] };
    const closed: SnapshotPermissionsSnapshot = { SnapshotId: 'snap-1', CreateVolumePermissions: [{ UserId: '111122223333' }] };
    const applied = snapshotFix.plan({ resource, snapshot: open, evidence: {}, params: {}, checkParams: {} }).calls;
    // act
    const reopened = snapshotFix.restore({ resource, backup: open, applied, current: open });
    const neverPublic = snapshotFix.restore({ resource, backup: closed, applied, current: closed });
    const nothingApplied = snapshotFix.restore({ resource, backup: open, applied: [], current: closed });
    const needed = snapshotFix.restore({ resource, backup: open, applied, current: closed });
    // assert
    assert.deepEqual([reopened, neverPublic, nothingApplied], [[], [], []]);
    assert.deepEqual(needed.map((c) => [c.action, c.input]), [['ec2:ModifySnapshotAttribute', { SnapshotId: 'snap-1', Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }]]);
  });

  it('the snapshot is what DescribeSnapshotAttribute says, in a stable order', async () => {
    // prepare
    const resource = await snapshotSharedWith([...PARTNERS].reverse(), true);
    // act
    const snapshot = await snapshotFix.snapshot(emulator.collectContext(), resource);
    const answer = await emulator.clients().get(EC2Client).send(new DescribeSnapshotAttributeCommand({ SnapshotId: resource.id, Attribute: 'createVolumePermission' }));
    // assert
    assert.deepEqual(snapshot.CreateVolumePermissions, toPermissionsJson(answer.CreateVolumePermissions));
    assert.deepEqual(snapshot, await snapshotFix.snapshot(emulator.collectContext(), resource));
  });
});

describe('ebs-enable-encryption-by-default', () => {
  it('turns the setting on in the region only, and the rollback turns it off again', async () => {
    // prepare
    const subject = encryptionSubject();
    // act
    const { plan, before, fixed } = await roundTrip(subject);
    // assert
    assert.deepEqual(plan.calls.map((c) => [c.action, c.input]), [['ec2:EnableEbsEncryptionByDefault', {}]]);
    assert.deepEqual([before, fixed], [{ EbsEncryptionByDefault: false }, { EbsEncryptionByDefault: true }]);
    const elsewhere = await emulator.clients('eu-west-1').get(EC2Client).send(new GetEbsEncryptionByDefaultCommand({}));
    assert.equal(elsewhere.EbsEncryptionByDefault, false, 'another region is left alone');
  });

  it('the re-check reads the setting alone: no volume, no snapshot', async () => {
    // prepare
    await snapshotSharedWith([], true);
    // act
    const inventory = await ebsCollector.collectOne?.(emulator.collectContext(), accountRef(DEFAULT_ACCOUNT, REGION));
    // assert
    assert.deepEqual([inventory?.volumes, inventory?.snapshots, inventory?.account?.encryptionByDefault], [[], [], { ok: true, value: false }]);
  });

  it('plans nothing where the setting is on already', async () => {
    // prepare
    await emulator.clients().get(EC2Client).send(new EnableEbsEncryptionByDefaultCommand({}));
    const subject = encryptionSubject();
    // act
    const verdict = await recheck(subject);
    const snapshot = await encryptionFix.snapshot(subject.ctx, subject.resource);
    const plan = encryptionFix.plan({ resource: subject.resource, snapshot, evidence: {}, params: {}, checkParams: {} });
    // assert
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(plan, { calls: [], left: [] });
  });

  it('the rollback never turns off a setting that was on before, nor one turned off since', () => {
    // prepare
    const resource = accountRef(DEFAULT_ACCOUNT, REGION);
    const on: EncryptionByDefaultSnapshot = { EbsEncryptionByDefault: true };
    const off: EncryptionByDefaultSnapshot = { EbsEncryptionByDefault: false };
    const applied = encryptionFix.plan({ resource, snapshot: off, evidence: {}, params: {}, checkParams: {} }).calls;
    // act
    const wasOn = encryptionFix.restore({ resource, backup: on, applied, current: on });
    const offSince = encryptionFix.restore({ resource, backup: off, applied, current: off });
    const needed = encryptionFix.restore({ resource, backup: off, applied, current: on });
    // assert
    assert.deepEqual([wasOn, offSince], [[], []]);
    assert.deepEqual(needed.map((c) => [c.action, c.input]), [['ec2:DisableEbsEncryptionByDefault', {}]]);
  });
});

describe('ebsCollector.collectOne', () => {
  it('re-reads one snapshot and leaves the others and the account setting out', async () => {
    // prepare
    const resource = await snapshotSharedWith(['111122223333'], true);
    await snapshotSharedWith([], true);
    // act
    const inventory = await ebsCollector.collectOne?.(emulator.collectContext(), resource);
    // assert
    assert.deepEqual(inventory?.snapshots.map((s) => [s.ref.arn, s.createVolumePermission]), [[resource.arn, { ok: true, value: { public: true, accounts: ['111122223333'] } }]]);
    assert.deepEqual([inventory?.volumes, inventory?.account], [[], undefined]);
  });

  it('refuses a volume: no fix re-reads one yet', async () => {
    // prepare
    const volume: ResourceRef = { type: 'AwsEc2Volume', arn: `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:volume/vol-1`, id: 'vol-1', region: REGION, partition: 'aws', tags: {} };
    // act
    const reading = ebsCollector.collectOne?.(emulator.collectContext(), volume);
    // assert
    await assert.rejects(reading ?? Promise.resolve(), /not arn:aws:ec2:us-east-1:123456789012:volume\/vol-1/);
  });
});
