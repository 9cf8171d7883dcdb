/**
 * Demo seed for the EBS checks: an orphaned unencrypted volume, a volume that
 * outlives its instance, public and unencrypted snapshots, and encrypted
 * decoys. Encryption by default stays off: that is the account-level finding.
 */
import {
  AttachVolumeCommand, CreateSnapshotCommand, CreateVolumeCommand, DescribeImagesCommand, EC2Client,
  ModifySnapshotAttributeCommand, RegisterImageCommand, RunInstancesCommand, type ResourceType,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const named = (ResourceType: ResourceType, name: string) => [{ ResourceType, Tags: [{ Key: 'Name', Value: name }] }];

function required(value: string | undefined, what: string): string {
  if (!value) throw new Error(`the emulator did not return ${what}`);
  return value;
}

export async function seedEbs(clients: AwsClients): Promise<SeedResult> {
  const ec2 = clients.get(EC2Client);
  const insecure: string[] = [];
  const compliant: string[] = [];

  // An instance needs an image; registering one also makes an (unencrypted) image snapshot.
  const imageId = required((await ec2.send(new RegisterImageCommand({ Name: 'demo-ebs-launch-image', RootDeviceName: '/dev/sda1' }))).ImageId, 'an image id');
  const image = (await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0];
  insecure.push(imageId, ...(image?.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [])));

  const run = await ec2.send(new RunInstancesCommand({
    ImageId: imageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro',
    BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { VolumeSize: 8, VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true } }],
    TagSpecifications: named('instance', 'demo-ebs-instance'),
  }));
  const instance = run.Instances?.[0];
  const instanceId = required(instance?.InstanceId, 'an instance id');
  const zone = required(instance?.Placement?.AvailabilityZone, 'the instance availability zone');
  const rootVolume = required(instance?.BlockDeviceMappings?.find((m) => m.DeviceName === '/dev/sda1')?.Ebs?.VolumeId, 'the root volume id');
  compliant.push(rootVolume);

  const volume = async (name: string, encrypted: boolean): Promise<string> =>
    required((await ec2.send(new CreateVolumeCommand({ AvailabilityZone: zone, Size: 4, VolumeType: 'gp3', Encrypted: encrypted, TagSpecifications: named('volume', name) }))).VolumeId, 'a volume id');
  const snapshot = async (volumeId: string, name: string): Promise<string> =>
    required((await ec2.send(new CreateSnapshotCommand({ VolumeId: volumeId, Description: name, TagSpecifications: named('snapshot', name) }))).SnapshotId, 'a snapshot id');

  const orphan = await volume('demo-orphaned-unencrypted', false);
  insecure.push(orphan);
  // Attached without DeleteOnTermination: it survives its instance.
  const kept = await volume('demo-data-outlives-instance', true);
  await ec2.send(new AttachVolumeCommand({ VolumeId: kept, InstanceId: instanceId, Device: '/dev/sdf' }));
  insecure.push(kept);

  const publicSnapshot = await snapshot(orphan, 'demo-public-snapshot');
  await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: publicSnapshot, Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }));
  insecure.push(publicSnapshot, await snapshot(orphan, 'demo-unencrypted-snapshot'));

  // Shared with one named account: passes, with the account in the evidence.
  const sharedSnapshot = await snapshot(rootVolume, 'demo-encrypted-shared-snapshot');
  await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: sharedSnapshot, Attribute: 'createVolumePermission', OperationType: 'add', UserIds: ['111122223333'] }));
  compliant.push(sharedSnapshot, await snapshot(rootVolume, 'demo-encrypted-private-snapshot'));

  return { insecure, compliant };
}
