/**
 * The demo account: a small, deliberately insecure account with compliant
 * decoys beside every problem, seeded into the emulator with the AWS SDK.
 */
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, DescribeSecurityGroupsCommand,
  EC2Client, RevokeSecurityGroupEgressCommand, type IpPermission,
} from '@aws-sdk/client-ec2';
import {
  CreateBucketCommand, PutBucketAclCommand, PutBucketEncryptionCommand, PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand, PutBucketVersioningCommand, PutPublicAccessBlockCommand, S3Client,
} from '@aws-sdk/client-s3';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsClients } from '../aws/clients.js';

export interface DemoSeed {
  insecure: string[];
  compliant: string[];
}

async function securityGroup(ec2: EC2Client, vpcId: string, name: string, ingress: IpPermission[]): Promise<string> {
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `rampart demo: ${name}`, VpcId: vpcId }));
  if (!GroupId) throw new Error(`the emulator did not return an id for ${name}`);
  if (ingress.length > 0) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: ingress }));
  return GroupId;
}

const tcp = (port: number, cidrs: string[], cidrsV6: string[] = []): IpPermission => ({
  IpProtocol: 'tcp', FromPort: port, ToPort: port,
  IpRanges: cidrs.map((CidrIp) => ({ CidrIp })), Ipv6Ranges: cidrsV6.map((CidrIpv6) => ({ CidrIpv6 })),
});

export async function seedDemoAccount(clients: AwsClients): Promise<DemoSeed> {
  const ec2 = clients.get(EC2Client);
  const s3 = clients.get(S3Client);
  await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));

  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
  const vpcId = Vpc?.VpcId as string;
  const insecure: string[] = [];
  const compliant: string[] = [];
  insecure.push(await securityGroup(ec2, vpcId, 'demo-ssh-world', [tcp(22, ['0.0.0.0/0'])]));
  insecure.push(await securityGroup(ec2, vpcId, 'demo-mysql-partner', [tcp(3306, ['203.0.113.0/24'])]));
  insecure.push(await securityGroup(ec2, vpcId, 'demo-all-traffic-ipv6', [{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] }]));
  compliant.push(await securityGroup(ec2, vpcId, 'demo-ssh-private', [tcp(22, ['10.0.0.0/8', '192.168.10.0/24'])]));
  compliant.push(await securityGroup(ec2, vpcId, 'demo-https-world', [tcp(443, ['0.0.0.0/0'], ['::/0'])]));
  compliant.push(await securityGroup(ec2, vpcId, 'demo-ping-world', [{ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]));
  // The new VPC's default group is made compliant: its allow-all egress rule is removed.
  const defaults = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }] }));
  const defaultGroup = defaults.SecurityGroups?.[0];
  if (defaultGroup?.GroupId) {
    if ((defaultGroup.IpPermissionsEgress ?? []).length > 0) {
      await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: defaultGroup.GroupId, IpPermissions: defaultGroup.IpPermissionsEgress }));
    }
    compliant.push(defaultGroup.GroupId);
  }

  const bucket = async (name: string): Promise<string> => {
    await s3.send(new CreateBucketCommand({ Bucket: name }));
    return name;
  };
  insecure.push(await bucket('demo-public-acl'));
  await s3.send(new PutBucketAclCommand({ Bucket: 'demo-public-acl', ACL: 'public-read' }));
  insecure.push(await bucket('demo-public-policy'));
  await s3.send(new PutBucketPolicyCommand({
    Bucket: 'demo-public-policy',
    Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::demo-public-policy/*' }] }),
  }));
  const good = await bucket('demo-compliant');
  compliant.push(good);
  await s3.send(new PutPublicAccessBlockCommand({ Bucket: good, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: good, VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(new PutBucketEncryptionCommand({ Bucket: good, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/aws/s3' } }] } }));
  await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: good, LifecycleConfiguration: { Rules: [{ ID: 'expire-old-versions', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 90 } }] } }));
  await s3.send(new PutBucketPolicyCommand({
    Bucket: good,
    Policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${good}`, `arn:aws:s3:::${good}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Sid: 'VpcEndpointOnly', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${good}/*`, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } } },
      ],
    }),
  }));
  // The account-level Block Public Access stays off: that is a finding of its own.
  return { insecure, compliant };
}
