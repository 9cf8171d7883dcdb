/**
 * Demo seed for the VPC checks: a VPC without flow logs, the emulator's
 * default VPC put to use by a network interface, and a flow-logged decoy.
 */
import { CreateFlowLogsCommand, CreateNetworkInterfaceCommand, CreateVpcCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

async function vpc(ec2: EC2Client, cidr: string, name: string): Promise<string> {
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }] }));
  if (!Vpc?.VpcId) throw new Error(`the emulator did not return an id for ${name}`);
  return Vpc.VpcId;
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
  return { insecure, compliant: [logged] };
}
