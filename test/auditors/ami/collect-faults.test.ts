/**
 * What moto cannot show: paginated DescribeImages, mappings that report their
 * encryption, refused and vanished detail calls. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DescribeImageAttributeCommand, DescribeImagesCommand, DescribeSnapshotsCommand, EC2Client, EC2ServiceException, type Image } from '@aws-sdk/client-ec2';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { amiCollector } from '../../../auditors/ami/collect.js';
import { toLaunchPermissions } from '../../../auditors/ami/fetch.js';
import { amiAuditor } from '../../../auditors/ami/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): EC2ServiceException {
  return new EC2ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const ebsImage = (id: string, encrypted?: boolean, extra: Partial<Image> = {}): Image => ({
  ImageId: id, Public: false, State: 'available', RootDeviceType: 'ebs',
  BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: `snap-${id}`, ...(encrypted === undefined ? {} : { Encrypted: encrypted }) } }],
  ...extra,
});

describe('amiCollector with injected answers', () => {
  let clients: AwsClients;
  let ec2: AwsClientStub<EC2Client>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    ec2 = mockClient(clients.get(EC2Client));
    ctx = mockedContext(clients);
    ec2.on(DescribeImageAttributeCommand).resolves({ LaunchPermissions: [] });
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
  });

  afterEach(() => {
    ec2.restore();
    clients.destroy();
  });

  it('follows DescribeImages pages with deprecated and disabled images, and trusts mappings that report encryption', async () => {
    // prepare
    ec2.on(DescribeImagesCommand)
      .resolvesOnce({ Images: [ebsImage('ami-1', true)], NextToken: 'p2' })
      .resolvesOnce({ Images: [ebsImage('ami-2', false, { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-2', Encrypted: false } }, { DeviceName: '/dev/sdb', Ebs: { VolumeSize: 10 } }, { DeviceName: '/dev/sdc', VirtualName: 'ephemeral0' }] })] });

    // act
    const inventory = await amiCollector.collect(ctx);
    const { results } = evaluateChecks(task(amiAuditor.checks), inventory);

    // assert
    assert.deepEqual(ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input), [
      { Owners: ['self'], IncludeDeprecated: true, IncludeDisabled: true, MaxResults: 1000, NextToken: undefined },
      { Owners: ['self'], IncludeDeprecated: true, IncludeDisabled: true, MaxResults: 1000, NextToken: 'p2' },
    ]);
    // A blank volume mapping holds no image data; instance store is not EBS.
    assert.deepEqual(inventory.images[1]?.ebsDevices.map((d) => d.deviceName), ['/dev/xvda']);
    assert.equal(ec2.commandCalls(DescribeSnapshotsCommand).length, 0);
    assert.deepEqual(results.filter((r) => r.checkId === 'ami-encrypted').map((r) => `${r.resource.id}=${r.status}`), ['ami-1=PASSED', 'ami-2=FAILED']);
  });

  it('a refused launch-permission read makes only that image\'s public check ERROR; a deregistered image is dropped', async () => {
    // prepare
    ec2.on(DescribeImagesCommand).resolves({ Images: [ebsImage('ami-refused', true), ebsImage('ami-gone', true), ebsImage('ami-public', true, { Public: true })] });
    ec2.on(DescribeImageAttributeCommand, { ImageId: 'ami-refused' }).rejects(awsError('UnauthorizedOperation', 403));
    ec2.on(DescribeImageAttributeCommand, { ImageId: 'ami-gone' }).rejects(awsError('InvalidAMIID.NotFound', 400));
    ec2.on(DescribeImageAttributeCommand, { ImageId: 'ami-public' }).resolves({ LaunchPermissions: [{ Group: 'all' }] });

    // act
    const inventory = await amiCollector.collect(ctx);
    const { results } = evaluateChecks(task(amiAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`).sort(), [
      'ERROR ami-not-public ami-refused',
      'FAILED ami-not-public ami-public',
      'PASSED ami-encrypted ami-public',
      'PASSED ami-encrypted ami-refused',
    ]);
  });

  it('a refused snapshot lookup (needed when a mapping omits Encrypted) is an ERROR for ami-encrypted only', async () => {
    // prepare
    ec2.on(DescribeImagesCommand).resolves({ Images: [ebsImage('ami-1')] });
    ec2.on(DescribeSnapshotsCommand).rejects(awsError('UnauthorizedOperation', 403));

    // act
    const inventory = await amiCollector.collect(ctx);
    const { results } = evaluateChecks(task(amiAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId}`).sort(), ['ERROR ami-encrypted', 'PASSED ami-not-public']);
    assert.deepEqual(ec2.commandCalls(DescribeSnapshotsCommand)[0]?.args[0].input.Filters, [{ Name: 'snapshot-id', Values: ['snap-ami-1'] }]);
  });

  it('a snapshot the lookup does not return leaves the encryption unknown', async () => {
    // prepare
    ec2.on(DescribeImagesCommand).resolves({ Images: [ebsImage('ami-1')] });

    // act
    const inventory = await amiCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.images[0]?.ebsDevices[0]?.encrypted, { ok: false, error: 'neither the image nor its snapshot snap-ami-1 reported the encryption' });
  });

  it('a refused DescribeImages fails the whole collection', async () => {
    // prepare
    ec2.on(DescribeImagesCommand).rejects(awsError('UnauthorizedOperation', 403));

    // act and assert
    await assert.rejects(() => amiCollector.collect(ctx), /UnauthorizedOperation/);
  });
});

describe('toLaunchPermissions', () => {
  it('separates the public group, accounts, organizations and OUs, sorted and deduplicated', () => {
    assert.deepEqual(
      toLaunchPermissions([{ UserId: '2' }, { Group: 'all' }, { UserId: '1' }, { UserId: '2' }, { OrganizationArn: 'o' }, { OrganizationalUnitArn: 'ou' }]),
      { public: true, accounts: ['1', '2'], organizations: ['o'], organizationalUnits: ['ou'] },
    );
    assert.deepEqual(toLaunchPermissions(undefined), { public: false, accounts: [], organizations: [], organizationalUnits: [] });
  });
});
