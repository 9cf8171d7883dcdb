/**
 * Demo seed for the Systems Manager checks: a running instance without an
 * instance profile (no way for SSM Agent to register: unmanaged), one with a
 * role that lets SSM Agent register and that is kept well (online, latest
 * agent, associations succeeded, patched), and one registered but neglected
 * (an outdated agent, a failed association, missing patches).
 *
 * moto serves no instance information; the emulator's front does, from what
 * is registered through its seeding route, as SSM Agent would report it.
 */
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';
import { SSM_REGISTER_PATH, type ManagedInstanceSeed } from '../securityhub-front/ssm.js';

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
  const neglected = await launch(ec2, 'demo-ssm-neglected', PROFILE);
  const now = Date.now();
  const at = (hoursAgo: number): string => new Date(now - hoursAgo * 3_600_000).toISOString();
  const agent = (instanceId: string, version: string, latest: boolean): ManagedInstanceSeed => ({
    InstanceId: instanceId, PingStatus: 'Online', LastPingDateTime: at(0), AgentVersion: version, IsLatestVersion: latest,
    PlatformType: 'Linux', PlatformName: 'Amazon Linux',
  });
  await registerManagedInstances(clients, [
    {
      ...agent(managed, '3.3.1142.0', true),
      AssociationStatus: 'Success', AssociationCounts: { Success: 2 }, LastAssociationExecutionDate: at(2), LastSuccessfulAssociationExecutionDate: at(2),
      PatchState: { BaselineId: 'pb-0123456789abcdef0', Operation: 'Install', OperationStartTime: at(25), OperationEndTime: at(24), InstalledCount: 120, MissingCount: 0, FailedCount: 0 },
    },
    {
      ...agent(neglected, '3.1.501.0', false),
      AssociationStatus: 'Failed', AssociationCounts: { Failed: 1, Success: 1 }, LastAssociationExecutionDate: at(3), LastSuccessfulAssociationExecutionDate: at(24 * 40),
      PatchState: { BaselineId: 'pb-0123456789abcdef0', Operation: 'Scan', OperationStartTime: at(25), OperationEndTime: at(24), InstalledCount: 80, MissingCount: 14, FailedCount: 2, CriticalNonCompliantCount: 3, SecurityNonCompliantCount: 9 },
    },
  ]);
  return { insecure: [unmanaged, neglected], compliant: [managed] };
}

/** What SSM Agent on these instances would have reported: the emulator front's own seeding route (not an AWS API). */
async function registerManagedInstances(clients: AwsClients, instances: readonly ManagedInstanceSeed[]): Promise<void> {
  const endpoint = await clients.get(SSMClient).config.endpoint?.();
  if (!endpoint) throw new Error('the SSM seed registers its instances with the local emulator, and the clients name no endpoint');
  const url = `${endpoint.protocol}//${endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ''}${SSM_REGISTER_PATH}`;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId: clients.accountId, region: clients.region, instances }) });
  if (!response.ok) throw new Error(`the local emulator refused the SSM instance information: HTTP ${response.status} ${await response.text()}`);
}
