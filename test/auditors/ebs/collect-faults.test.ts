/**
 * What moto cannot show: paginated answers, a detail call refused for one
 * snapshot, a snapshot deleted mid-scan, refused list and account calls.
 * Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  DescribeInstancesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  EC2ServiceException,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { ebsCollector } from '../../../auditors/ebs/collect.js';
import { ebsAuditor } from '../../../auditors/ebs/index.js';
import deletedOnTermination from '../../../auditors/ebs/checks/ebs-volume-deleted-on-termination.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): EC2ServiceException {
  return new EC2ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const attachedVolume = (id: string, instanceId: string, deleteOnTermination?: boolean) => ({
  VolumeId: id, State: 'in-use' as const, Encrypted: true, Size: 8,
  Attachments: [{ VolumeId: id, InstanceId: instanceId, Device: '/dev/sdf', State: 'attached' as const, ...(deleteOnTermination === undefined ? {} : { DeleteOnTermination: deleteOnTermination }) }],
});

describe('ebsCollector with injected answers', () => {
  let clients: AwsClients;
  let ec2: AwsClientStub<EC2Client>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    ec2 = mockClient(clients.get(EC2Client));
    ctx = mockedContext(clients);
    ec2.on(DescribeVolumesCommand).resolves({ Volumes: [] });
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
    ec2.on(DescribeSnapshotAttributeCommand).resolves({ CreateVolumePermissions: [] });
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true });
  });

  afterEach(() => {
    ec2.restore();
    clients.destroy();
  });

  it('follows DescribeVolumes and DescribeSnapshots pages, asking only for owned snapshots', async () => {
    // prepare
    ec2.on(DescribeVolumesCommand)
      .resolvesOnce({ Volumes: [attachedVolume('vol-1', 'i-1', true)], NextToken: 'v2' })
      .resolvesOnce({ Volumes: [attachedVolume('vol-2', 'i-2', true)] });
    ec2.on(DescribeSnapshotsCommand)
      .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-1', Encrypted: true }], NextToken: 's2' })
      .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-2', Encrypted: false }] });

    // act
    const inventory = await ebsCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.volumes.map((v) => v.volumeId), ['vol-1', 'vol-2']);
    assert.deepEqual(inventory.snapshots.map((s) => s.snapshotId), ['snap-1', 'snap-2']);
    assert.deepEqual(ec2.commandCalls(DescribeSnapshotsCommand).map((c) => c.args[0].input), [
      { OwnerIds: ['self'], MaxResults: 1000, NextToken: undefined },
      { OwnerIds: ['self'], MaxResults: 1000, NextToken: 's2' },
    ]);
    assert.equal(ec2.commandCalls(DescribeVolumesCommand)[1]?.args[0].input.NextToken, 'v2');
    // Every attachment reported its flag: no instance lookup.
    assert.equal(ec2.commandCalls(DescribeInstancesCommand).length, 0);
  });

  it('a createVolumePermission read refused for one snapshot makes only its public check ERROR; a snapshot deleted mid-scan is dropped', async () => {
    // prepare
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-refused', Encrypted: true }, { SnapshotId: 'snap-gone', Encrypted: true }, { SnapshotId: 'snap-public', Encrypted: false }] });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-refused' }).rejects(awsError('UnauthorizedOperation', 403));
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-gone' }).rejects(awsError('InvalidSnapshot.NotFound', 400));
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-public' }).resolves({ CreateVolumePermissions: [{ Group: 'all' }, { UserId: '111122223333' }] });

    // act
    const inventory = await ebsCollector.collect(ctx);
    const { results } = evaluateChecks(task(ebsAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.filter((r) => r.resource.type === 'Other').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`).sort(), [
      'ERROR ebs-snapshot-not-public snap-refused',
      'FAILED ebs-snapshot-encrypted snap-public',
      'FAILED ebs-snapshot-not-public snap-public',
      'PASSED ebs-snapshot-encrypted snap-refused',
    ]);
    assert.match(results.find((r) => r.status === 'ERROR')?.summary ?? '', /createVolumePermission could not be read: UnauthorizedOperation/);
    assert.deepEqual(results.find((r) => r.resource.id === 'snap-public' && r.checkId === 'ebs-snapshot-not-public')?.evidence, { group: 'all', shared_with_accounts: ['111122223333'] });
  });

  it('looks up DeleteOnTermination from the instances only when an attachment omits it; a refused lookup is an ERROR for those volumes only', async () => {
    // prepare
    ec2.on(DescribeVolumesCommand).resolves({ Volumes: [attachedVolume('vol-known', 'i-1', false), attachedVolume('vol-unknown', 'i-2')] });
    ec2.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 403));

    // act
    const inventory = await ebsCollector.collect(ctx);
    const { results } = evaluateChecks(task([deletedOnTermination]), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.resource.id}`), ['FAILED vol-known', 'ERROR vol-unknown']);
    assert.deepEqual(ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input.Filters), [[{ Name: 'instance-id', Values: ['i-2'] }]]);
  });

  it('an instance that no longer reports the volume leaves the flag unknown: ERROR, not a pass', async () => {
    // prepare
    ec2.on(DescribeVolumesCommand).resolves({ Volumes: [attachedVolume('vol-unknown', 'i-2')] });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-2', BlockDeviceMappings: [] }] }] });

    // act
    const inventory = await ebsCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.volumes[0]?.attachments[0]?.deleteOnTermination, { ok: false, error: 'the API did not report DeleteOnTermination for vol-unknown on i-2' });
  });

  it('a refused encryption-by-default read is an ERROR for the account check only', async () => {
    // prepare
    ec2.on(GetEbsEncryptionByDefaultCommand).rejects(awsError('UnauthorizedOperation', 403));

    // act
    const inventory = await ebsCollector.collect(ctx);
    const { results } = evaluateChecks(task(ebsAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => [r.checkId, r.status]), [['ebs-encryption-by-default-enabled', 'ERROR']]);
  });

  it('a refused DescribeVolumes or DescribeSnapshots fails the whole collection', async () => {
    // prepare
    ec2.on(DescribeVolumesCommand).rejects(awsError('UnauthorizedOperation', 403));

    // act and assert
    await assert.rejects(() => ebsCollector.collect(ctx), /UnauthorizedOperation/);
    ec2.on(DescribeVolumesCommand).resolves({ Volumes: [] });
    ec2.on(DescribeSnapshotsCommand).rejects(awsError('RequestLimitExceeded', 503));
    await assert.rejects(() => ebsCollector.collect(ctx), /RequestLimitExceeded/);
  });
});
