/**
 * Demo seed for the AMI checks: a public image and a private one shared with a
 * named account. The emulator backs every registered image with an
 * unencrypted snapshot and cannot make an encrypted one, so both fail
 * ami-encrypted and there is no fully compliant AMI decoy.
 */
import { EC2Client, ModifyImageAttributeCommand, RegisterImageCommand } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

async function image(ec2: EC2Client, name: string): Promise<string> {
  const { ImageId } = await ec2.send(new RegisterImageCommand({ Name: name, Description: `rampart demo: ${name}`, RootDeviceName: '/dev/sda1' }));
  if (!ImageId) throw new Error(`the emulator did not return an id for ${name}`);
  return ImageId;
}

export async function seedAmi(clients: AwsClients): Promise<SeedResult> {
  const ec2 = clients.get(EC2Client);
  const publicImage = await image(ec2, 'demo-public-ami');
  await ec2.send(new ModifyImageAttributeCommand({ ImageId: publicImage, LaunchPermission: { Add: [{ Group: 'all' }] } }));
  const sharedImage = await image(ec2, 'demo-private-shared-ami');
  await ec2.send(new ModifyImageAttributeCommand({ ImageId: sharedImage, LaunchPermission: { Add: [{ UserId: '111122223333' }] } }));
  return { insecure: [publicImage, sharedImage], compliant: [] };
}
