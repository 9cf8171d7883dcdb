import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateVolumeCommand, EC2Client, EnableEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import type { CheckResult } from '../../../src/core/result.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedEbs } from '../../../src/emulator/seeds/ebs.js';
import { ebsCollector } from '../../../auditors/ebs/collect.js';
import { ebsAuditor } from '../../../auditors/ebs/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

const statusesOf = (results: readonly CheckResult[], id: string): string[] =>
  results.filter((r) => r.resource.id === id).map((r) => `${r.checkId}=${r.status}`).sort();

describe('ebsCollector against the emulator', () => {
  it('the demo seed fails every check at least once, and its decoys fail none', async () => {
    // prepare
    const seed = await seedEbs(emulator.clients());

    // act
    const inventory = await ebsCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(ebsAuditor.checks), inventory);

    // assert
    for (const check of ebsAuditor.checks) {
      assert.ok(results.some((r) => r.checkId === check.meta.id && r.status === 'FAILED'), `${check.meta.id} has a FAILED result`);
    }
    for (const decoy of seed.compliant) {
      assert.ok(results.some((r) => r.resource.id === decoy), `${decoy} was judged`);
      assert.deepEqual(results.filter((r) => r.resource.id === decoy && r.status !== 'PASSED').map((r) => r.checkId), [], `the decoy ${decoy} only passes`);
    }
    assert.deepEqual(results.filter((r) => r.status === 'ERROR'), []);
    for (const insecure of seed.insecure.filter((id) => !id.startsWith('ami-'))) {
      assert.ok(results.some((r) => r.resource.id === insecure && r.status === 'FAILED'), `${insecure} has a FAILED result`);
    }
  });

  it('judges each seeded resource as expected', async () => {
    // prepare
    const seed = await seedEbs(emulator.clients());
    const [, , orphan, kept, publicSnapshot, unencryptedSnapshot] = seed.insecure;
    const [rootVolume, sharedSnapshot] = seed.compliant;

    // act
    const inventory = await ebsCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(ebsAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusesOf(results, orphan as string), ['ebs-volume-attached=FAILED', 'ebs-volume-encrypted=FAILED']);
    assert.deepEqual(statusesOf(results, kept as string), ['ebs-volume-attached=PASSED', 'ebs-volume-deleted-on-termination=FAILED', 'ebs-volume-encrypted=PASSED']);
    assert.deepEqual(statusesOf(results, rootVolume as string), ['ebs-volume-attached=PASSED', 'ebs-volume-deleted-on-termination=PASSED', 'ebs-volume-encrypted=PASSED']);
    assert.deepEqual(statusesOf(results, publicSnapshot as string), ['ebs-snapshot-encrypted=FAILED', 'ebs-snapshot-not-public=FAILED']);
    assert.deepEqual(statusesOf(results, unencryptedSnapshot as string), ['ebs-snapshot-encrypted=FAILED', 'ebs-snapshot-not-public=PASSED']);
    const shared = results.find((r) => r.resource.id === sharedSnapshot && r.checkId === 'ebs-snapshot-not-public');
    assert.deepEqual(shared?.evidence, { shared_with_accounts: ['111122223333'] });
    const account = results.find((r) => r.checkId === 'ebs-encryption-by-default-enabled');
    assert.deepEqual([account?.status, account?.resource.arn], ['FAILED', `AWS::::Account:${DEFAULT_ACCOUNT}`]);
  });

  it('fills DeleteOnTermination from the instance when the attachment omits it (the emulator does), and names volumes by ARN with ASFF details', async () => {
    // prepare
    const seed = await seedEbs(emulator.clients());
    const kept = seed.insecure[3] as string;

    // act
    const inventory = await ebsCollector.collect(emulator.collectContext());

    // assert
    const volume = inventory.volumes.find((v) => v.volumeId === kept);
    assert.equal(volume?.ref.arn, `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:volume/${kept}`);
    assert.deepEqual(volume?.ref.tags, { Name: 'demo-data-outlives-instance' });
    assert.deepEqual(volume?.attachments.map((a) => [a.device, a.deleteOnTermination]), [['/dev/sdf', { ok: true, value: false }]]);
    const details = volume?.ref.details?.AwsEc2Volume as Record<string, unknown>;
    assert.equal(details.Encrypted, true);
    assert.equal(details.Status, 'in-use');
    assert.deepEqual((details.Attachments as Array<Record<string, unknown>>).map((a) => a.DeleteOnTermination), [false]);
    const snapshot = inventory.snapshots.find((s) => s.snapshotId === seed.insecure[4]);
    assert.equal(snapshot?.ref.arn, `arn:aws:ec2:${REGION}::snapshot/${seed.insecure[4]}`);
    assert.equal((snapshot?.ref.details?.Other as Record<string, unknown>).Encrypted, 'false');
  });

  it('reads each detail once per resource', async () => {
    // prepare
    await seedEbs(emulator.clients());
    const counter = new RequestCounter();

    // act
    const inventory = await ebsCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.ok(inventory.snapshots.length >= 5);
    assert.deepEqual(counter.snapshot(), {
      'EC2:DescribeInstances': 1,
      'EC2:DescribeSnapshotAttribute': inventory.snapshots.length,
      'EC2:DescribeSnapshots': 1,
      'EC2:DescribeVolumes': 1,
      'EC2:GetEbsEncryptionByDefault': 1,
    });
  });

  it('an empty region is the account alone; encryption by default on passes, and an unattached volume needs no instance lookup', async () => {
    // prepare
    const ec2 = emulator.clients().get(EC2Client);
    await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
    await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 1, Encrypted: true }));
    const counter = new RequestCounter();

    // act
    const inventory = await ebsCollector.collect(emulator.collectContext({ counter }));
    const { results } = evaluateChecks(task(ebsAuditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.snapshots, []);
    assert.deepEqual(results.map((r) => `${r.checkId}=${r.status}`).sort(), [
      'ebs-encryption-by-default-enabled=PASSED',
      'ebs-volume-attached=FAILED',
      'ebs-volume-encrypted=PASSED',
    ]);
    assert.equal(counter.snapshot()['EC2:DescribeInstances'], undefined);
  });
});
