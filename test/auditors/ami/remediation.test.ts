/** The AMI fix against moto: the group "all" leaves the launch permission, every named share stays, and the rollback puts it back. */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  CreateImageCommand, DeregisterImageCommand, DescribeImageAttributeCommand, DescribeImagesCommand, EC2Client, EC2ServiceException, ModifyImageAttributeCommand,
  RegisterImageCommand, RunInstancesCommand, type LaunchPermission,
} from '@aws-sdk/client-ec2';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { amiCollector } from '../../../auditors/ami/collect.js';
import check from '../../../auditors/ami/checks/ami-not-public.js';
import fix, { type LaunchPermissionsSnapshot } from '../../../auditors/ami/remediations/ami-remove-public-launch-permission.js';
import { toLaunchPermissionsJson } from '../../../auditors/ami/remediations/apply.js';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { REGION, useEmulator } from '../../helpers/emulator.js';
import { performAll, planFix, recheck, roundTrip, type FixSubject } from '../../helpers/remediation.js';

const emulator = useEmulator();

const ORGANIZATION = 'arn:aws:organizations::123456789012:organization/o-abc123';
const OU = 'arn:aws:organizations::123456789012:ou/o-abc123/ou-ab12-cdef3456';
const SHARES: LaunchPermission[] = [{ UserId: '111122223333' }, { OrganizationArn: ORGANIZATION }, { OrganizationalUnitArn: OU }];

const imageRef = (id: string): ResourceRef => ({ type: 'Other', arn: `arn:aws:ec2:${REGION}::image/${id}`, id, region: REGION, partition: 'aws', tags: {} });

/** An image made from a running instance (moto loads no default AMIs: a registered one boots it), with the given launch permissions. */
async function imageWith(permissions: LaunchPermission[]): Promise<ResourceRef> {
  const ec2 = emulator.clients().get(EC2Client);
  const { ImageId: baseImage } = await ec2.send(new RegisterImageCommand({ Name: `base-${Math.random().toString(36).slice(2, 8)}`, RootDeviceName: '/dev/sda1' }));
  const { Instances } = await ec2.send(new RunInstancesCommand({ ImageId: baseImage, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }));
  const { ImageId } = await ec2.send(new CreateImageCommand({ InstanceId: Instances?.[0]?.InstanceId, Name: `app-${Math.random().toString(36).slice(2, 8)}`, Description: 'app image' }));
  const id = ImageId as string;
  if (permissions.length > 0) await ec2.send(new ModifyImageAttributeCommand({ ImageId: id, LaunchPermission: { Add: permissions } }));
  return imageRef(id);
}

const subject = (resource: ResourceRef): FixSubject => ({ ctx: emulator.collectContext(), collector: amiCollector, check, fix, resource });

describe('ami-remove-public-launch-permission', () => {
  it('removes only the group "all", keeps the account, organization and OU shares, and the rollback makes it public again', async () => {
    // prepare
    const resource = await imageWith([{ Group: 'all' }, ...SHARES]);
    const describeImage = async () => (await emulator.clients().get(EC2Client).send(new DescribeImagesCommand({ ImageIds: [resource.id] }))).Images?.[0];
    const before = await describeImage();
    // act
    const { plan, before: backup, fixed } = await roundTrip(subject(resource));
    // assert
    assert.deepEqual(plan.calls.map((c) => [c.action, c.input]), [['ec2:ModifyImageAttribute', { ImageId: resource.id, LaunchPermission: { Remove: [{ Group: 'all' }] } }]]);
    assert.equal((backup as LaunchPermissionsSnapshot).LaunchPermissions.length, 4);
    assert.deepEqual((fixed as LaunchPermissionsSnapshot).LaunchPermissions, toLaunchPermissionsJson(SHARES), 'the named shares stay');
    const after = await describeImage();
    assert.deepEqual([after?.Public, after?.Name, after?.Description, after?.BlockDeviceMappings], [true, before?.Name, before?.Description, before?.BlockDeviceMappings], 'public again after the rollback, and nothing else changed');
  });

  it('after the fix DescribeImages no longer reports the image public', async () => {
    // prepare
    const resource = await imageWith([{ Group: 'all' }]);
    const { plan } = await planFix(subject(resource));
    // act
    await performAll(subject(resource), plan.calls);
    await performAll(subject(resource), plan.calls);
    // assert
    const { Images } = await emulator.clients().get(EC2Client).send(new DescribeImagesCommand({ ImageIds: [resource.id] }));
    assert.equal(Images?.[0]?.Public, false);
    assert.equal((await recheck(subject(resource))).status, 'PASSED');
  });

  it('plans nothing for an image shared with named principals only', async () => {
    // prepare
    const resource = await imageWith(SHARES);
    // act
    const verdict = await recheck(subject(resource));
    const snapshot = await fix.snapshot(emulator.collectContext(), resource);
    const plan = fix.plan({ resource, snapshot, evidence: {}, params: {}, checkParams: {} });
    // assert
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(plan, { calls: [], left: [] });
  });

  it('a deregistered image is absent from the re-check, and the re-check reads that image only', async () => {
    // prepare
    const deregistered = await imageWith([{ Group: 'all' }]);
    const kept = await imageWith([{ Group: 'all' }]);
    await emulator.clients().get(EC2Client).send(new DeregisterImageCommand({ ImageId: deregistered.id }));
    // act
    const verdict = await recheck(subject(deregistered));
    const unknown = await recheck(subject(imageRef('ami-0123456789abcdef0')));
    const inventory = await amiCollector.collectOne?.(emulator.collectContext(), kept);
    // assert
    assert.deepEqual([verdict.status, unknown.status], ['ABSENT', 'ABSENT']);
    assert.deepEqual(inventory?.images.map((i) => [i.imageId, i.launchPermission.ok && i.launchPermission.value.public]), [[kept.id, true]]);
  });

  it('names an image reported public with no group "all" to remove, and plans no call', () => {
    // prepare
    const resource = imageRef('ami-1');
    const snapshot: LaunchPermissionsSnapshot = { ImageId: 'ami-1', LaunchPermissions: [{ UserId: '111122223333' }] };
    // act
    const plan = fix.plan({ resource, snapshot, evidence: { public: true }, params: {}, checkParams: {} });
    // assert
    assert.deepEqual(plan.calls, []);
    assert.match(plan.left[0] ?? '', /ami-1 is reported public but its launchPermission holds no group "all"/);
  });

  it('the rollback adds nothing when the image is public again already, or was not public in the backup', () => {
    // prepare
    const resource = imageRef('ami-1');
    const open: LaunchPermissionsSnapshot = { ImageId: 'ami-1', LaunchPermissions: [{ Group: 'all' }, { UserId: '111122223333' }] };
    const closed: LaunchPermissionsSnapshot = { ImageId: 'ami-1', LaunchPermissions: [{ UserId: '111122223333' }] };
    const applied = fix.plan({ resource, snapshot: open, evidence: {}, params: {}, checkParams: {} }).calls;
    // act
    const reopened = fix.restore({ resource, backup: open, applied, current: open });
    const neverPublic = fix.restore({ resource, backup: closed, applied, current: closed });
    const needed = fix.restore({ resource, backup: open, applied, current: closed });
    // assert
    assert.deepEqual([reopened, neverPublic], [[], []]);
    assert.deepEqual(needed.map((c) => [c.action, c.input]), [['ec2:ModifyImageAttribute', { ImageId: 'ami-1', LaunchPermission: { Add: [{ Group: 'all' }] } }]]);
  });

  it('the snapshot is what DescribeImageAttribute says, in a stable order', async () => {
    // prepare
    const resource = await imageWith([...SHARES].reverse());
    // act
    const snapshot = await fix.snapshot(emulator.collectContext(), resource);
    const answer = await emulator.clients().get(EC2Client).send(new DescribeImageAttributeCommand({ ImageId: resource.id, Attribute: 'launchPermission' }));
    // assert
    assert.deepEqual(snapshot, { ImageId: resource.id, LaunchPermissions: toLaunchPermissionsJson(answer.LaunchPermissions) });
    assert.deepEqual(snapshot, { ImageId: resource.id, LaunchPermissions: toLaunchPermissionsJson(SHARES) });
  });
});

// moto answers DescribeImageAttribute and ModifyImageAttribute on a deregistered image with an HTTP 500 (a KeyError), not InvalidAMIID.
describe('ami-remove-public-launch-permission on an image deregistered meanwhile (injected answers)', () => {
  let clients: AwsClients;
  let ec2: AwsClientStub<EC2Client>;

  beforeEach(() => {
    clients = createAwsClients('123456789012', REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    ec2 = mockClient(clients.get(EC2Client));
  });

  afterEach(() => {
    ec2.restore();
    clients.destroy();
  });

  it('the snapshot and the calls say the image is gone', async () => {
    // prepare
    const notFound = new EC2ServiceException({ name: 'InvalidAMIID.NotFound', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'The image id does not exist (injected)' });
    const unavailable = new EC2ServiceException({ name: 'InvalidAMIID.Unavailable', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'The image is no longer available (injected)' });
    ec2.on(DescribeImageAttributeCommand).rejects(notFound);
    ec2.on(ModifyImageAttributeCommand).rejects(unavailable);
    const resource = imageRef('ami-0123456789abcdef0');
    const call = fix.plan({ resource, snapshot: { ImageId: resource.id, LaunchPermissions: [{ Group: 'all' }] }, evidence: {}, params: {}, checkParams: {} }).calls[0];
    assert.ok(call);
    // act
    const reading = fix.snapshot(mockedContext(clients), resource);
    const performing = fix.perform(mockedContext(clients), call);
    // assert
    await assert.rejects(reading, { name: 'ResourceGoneError' });
    await assert.rejects(performing, { name: 'ResourceGoneError' });
  });
});
