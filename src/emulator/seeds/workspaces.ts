/**
 * Demo seed for the WorkSpaces checks: a directory that gives new WorkSpaces a
 * public address and an unencrypted AlwaysOn WorkSpace, beside a directory
 * without internet access and an encrypted AutoStop WorkSpace (the decoys).
 */
import { CreateWorkspacesCommand, ModifyWorkspaceCreationPropertiesCommand, RegisterWorkspaceDirectoryCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

/**
 * A Simple AD directory, which WorkSpaces needs before it registers one. rampart
 * ships no Directory Service client, so this one call is made by hand; the
 * emulator routes it by the credential scope and does not check the signature.
 */
async function createDirectory(workspaces: WorkSpacesClient, region: string, name: string, vpcId: string, subnetIds: string[]): Promise<string> {
  const endpoint = await workspaces.config.endpoint?.();
  if (!endpoint) throw new Error('the WorkSpaces demo seed runs against the emulator only (no endpoint is set)');
  const { accessKeyId } = await workspaces.config.credentials();
  const url = `${endpoint.protocol}//${endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ''}${endpoint.path}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'DirectoryService_20150416.CreateDirectory',
      Authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20250101/${region}/ds/aws4_request, SignedHeaders=host, Signature=unsigned`,
    },
    body: JSON.stringify({ Name: name, Password: 'Demo-Passw0rd!', Size: 'Small', VpcSettings: { VpcId: vpcId, SubnetIds: subnetIds } }),
  });
  const answer = (await response.json()) as { DirectoryId?: string; message?: string };
  if (!response.ok || !answer.DirectoryId) throw new Error(`the emulator did not create the demo directory ${name}: HTTP ${response.status} ${answer.message ?? ''}`);
  return answer.DirectoryId;
}

/** Two subnets in different zones of the emulator's default VPC (a directory needs two). */
async function defaultSubnets(ec2: EC2Client): Promise<{ vpcId: string; subnetIds: string[] }> {
  const vpcId = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId;
  if (!vpcId) throw new Error('the emulator has no default VPC for the demo directories');
  const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Subnets ?? [];
  const byZone = new Map(subnets.flatMap((s) => (s.AvailabilityZone && s.SubnetId ? [[s.AvailabilityZone, s.SubnetId] as const] : [])));
  const subnetIds = [...byZone.values()].slice(0, 2);
  if (subnetIds.length < 2) throw new Error('the emulator\'s default VPC has no two subnets in different zones');
  return { vpcId, subnetIds };
}

export async function seedWorkSpaces(clients: AwsClients): Promise<SeedResult> {
  const workspaces = clients.get(WorkSpacesClient);
  const { vpcId, subnetIds } = await defaultSubnets(clients.get(EC2Client));
  const open = await createDirectory(workspaces, clients.region, 'open.demo.example.com', vpcId, subnetIds);
  const closed = await createDirectory(workspaces, clients.region, 'corp.demo.example.com', vpcId, subnetIds);
  for (const directoryId of [open, closed]) await workspaces.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: directoryId }));
  await workspaces.send(new ModifyWorkspaceCreationPropertiesCommand({ ResourceId: open, WorkspaceCreationProperties: { EnableInternetAccess: true } }));

  const created = await workspaces.send(new CreateWorkspacesCommand({
    Workspaces: [
      { DirectoryId: closed, UserName: 'demo-plain', BundleId: 'wsb-demo00001', WorkspaceProperties: { RunningMode: 'ALWAYS_ON' }, Tags: [{ Key: 'owner', Value: 'desktop-team' }] },
      {
        DirectoryId: closed, UserName: 'demo-hardened', BundleId: 'wsb-demo00001', VolumeEncryptionKey: 'alias/aws/workspaces',
        UserVolumeEncryptionEnabled: true, RootVolumeEncryptionEnabled: true, WorkspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 60 },
      },
    ],
  }));
  const idOf = (user: string): string => {
    const id = created.PendingRequests?.find((w) => w.UserName === user)?.WorkspaceId;
    if (!id) throw new Error(`the emulator did not create the demo WorkSpace of ${user}: ${JSON.stringify(created.FailedRequests)}`);
    return id;
  };
  return { insecure: [open, idOf('demo-plain')], compliant: [closed, idOf('demo-hardened')] };
}
