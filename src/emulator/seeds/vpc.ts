/**
 * Demo seed for the VPC checks: a VPC without flow logs, the emulator's
 * default VPC put to use by a network interface, and a flow-logged decoy; a
 * network ACL that opens SSH to the internet, and a decoy whose denies come
 * before its allow-all entry. (Every default network ACL allows all inbound
 * traffic, so those fail the network ACL check too, as they do in AWS.)
 */
import {
  CreateFlowLogsCommand, CreateNetworkAclCommand, CreateNetworkAclEntryCommand, CreateNetworkInterfaceCommand, CreateVpcCommand,
  DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

async function vpc(ec2: EC2Client, cidr: string, name: string): Promise<string> {
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }] }));
  if (!Vpc?.VpcId) throw new Error(`the emulator did not return an id for ${name}`);
  return Vpc.VpcId;
}

type AclEntry = { rule: number; action: 'allow' | 'deny'; protocol: string; ports?: [number, number] };

async function networkAcl(ec2: EC2Client, vpcId: string, name: string, entries: AclEntry[]): Promise<string> {
  const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId, TagSpecifications: [{ ResourceType: 'network-acl', Tags: [{ Key: 'Name', Value: name }] }] }));
  const NetworkAclId = NetworkAcl?.NetworkAclId;
  if (!NetworkAclId) throw new Error(`the emulator did not return an id for ${name}`);
  for (const entry of entries) {
    await ec2.send(new CreateNetworkAclEntryCommand({
      NetworkAclId, RuleNumber: entry.rule, RuleAction: entry.action, Protocol: entry.protocol, Egress: false, CidrBlock: '0.0.0.0/0',
      ...(entry.ports ? { PortRange: { From: entry.ports[0], To: entry.ports[1] } } : {}),
    }));
  }
  return NetworkAclId;
}

export async function seedVpc(clients: AwsClients): Promise<SeedResult> {
  const ec2 = clients.get(EC2Client);
  const insecure: string[] = [await vpc(ec2, '10.40.0.0/16', 'demo-vpc-no-flow-logs')];
  const logged = await vpc(ec2, '10.41.0.0/16', 'demo-vpc-flow-logged');
  // Firehose needs no other demo resource (an S3 or CloudWatch Logs destination would add findings of its own).
  const created = await ec2.send(new CreateFlowLogsCommand({
    ResourceType: 'VPC', ResourceIds: [logged], TrafficType: 'ALL',
    LogDestinationType: 'kinesis-data-firehose', LogDestination: `arn:aws:firehose:${clients.region}:${clients.accountId}:deliverystream/demo-vpc-flow-logs`,
  }));
  if ((created.Unsuccessful ?? []).length > 0) throw new Error(`the demo flow log was not created: ${JSON.stringify(created.Unsuccessful)}`);

  const defaults = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  const defaultVpc = defaults.Vpcs?.[0]?.VpcId;
  if (defaultVpc) {
    const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc] }] }));
    const subnetId = subnets.Subnets?.[0]?.SubnetId;
    if (subnetId) {
      await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId, Description: 'rampart demo: a workload in the default VPC' }));
      insecure.push(defaultVpc);
    }
  }
  insecure.push(await networkAcl(ec2, logged, 'demo-nacl-ssh-world', [
    { rule: 100, action: 'allow', protocol: '6', ports: [22, 22] },
    { rule: 110, action: 'allow', protocol: '6', ports: [443, 443] },
  ]));
  // The denies come first: rule order, not the allow-all entry, decides.
  const guarded = await networkAcl(ec2, logged, 'demo-nacl-admin-ports-denied', [
    { rule: 90, action: 'deny', protocol: '6', ports: [22, 22] },
    { rule: 91, action: 'deny', protocol: '17', ports: [22, 22] },
    { rule: 92, action: 'deny', protocol: '6', ports: [3389, 3389] },
    { rule: 93, action: 'deny', protocol: '17', ports: [3389, 3389] },
    { rule: 100, action: 'allow', protocol: '-1' },
  ]);
  return { insecure, compliant: [logged, guarded] };
}
