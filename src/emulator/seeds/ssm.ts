/**
 * Demo seed for the Systems Manager checks: a running instance without an
 * instance profile (no way for SSM Agent to register: unmanaged) and one with
 * a role that lets SSM Agent register, as a managed instance is launched.
 *
 * The emulator does not serve DescribeInstanceInformation or patch states, so
 * a scan of the emulator reports the SSM checks as ERROR for these instances;
 * they show their intended verdicts only where SSM answers.
 */
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const IMAGE_ID = 'ami-0abcdef1234567890';
const PROFILE = 'demo-ssm-managed-instance';

/**
 * What SSM Agent needs (the core of AmazonSSMManagedInstanceCore, which a real
 * account would attach; the emulator does not load AWS managed policies).
 */
const AGENT_ACTIONS = [
  'ssm:DescribeAssociation', 'ssm:GetDeployablePatchSnapshotForInstance', 'ssm:GetDocument', 'ssm:DescribeDocument',
  'ssm:GetManifest', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:ListAssociations', 'ssm:ListInstanceAssociations',
  'ssm:PutInventory', 'ssm:PutComplianceItems', 'ssm:PutConfigurePackageResult', 'ssm:UpdateAssociationStatus',
  'ssm:UpdateInstanceAssociationStatus', 'ssm:UpdateInstanceInformation',
  'ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel',
  'ec2messages:AcknowledgeMessage', 'ec2messages:DeleteMessage', 'ec2messages:FailMessage', 'ec2messages:GetEndpoint',
  'ec2messages:GetMessages', 'ec2messages:SendReply',
];

async function launch(ec2: EC2Client, name: string, profileName?: string): Promise<string> {
  const { Instances } = await ec2.send(
    new RunInstancesCommand({
      ImageId: IMAGE_ID,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      // Only the SSM settings differ between the two: IMDSv2 and an encrypted root volume keep other checks quiet.
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8, VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true } }],
      ...(profileName ? { IamInstanceProfile: { Name: profileName } } : {}),
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
    }),
  );
  const id = Instances?.[0]?.InstanceId;
  if (!id) throw new Error(`the emulator did not return an id for ${name}`);
  return id;
}

export async function seedSsm(clients: AwsClients): Promise<SeedResult> {
  const iam = clients.get(IAMClient);
  await iam.send(
    new CreateRoleCommand({
      RoleName: PROFILE,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: PROFILE,
      PolicyName: 'ssm-agent',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: AGENT_ACTIONS, Resource: '*' }] }),
    }),
  );
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: PROFILE }));
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: PROFILE, RoleName: PROFILE }));
  const ec2 = clients.get(EC2Client);
  const unmanaged = await launch(ec2, 'demo-ssm-unmanaged');
  const managed = await launch(ec2, 'demo-ssm-managed', PROFILE);
  return { insecure: [unmanaged], compliant: [managed] };
}
