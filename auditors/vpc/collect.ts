/**
 * VPC inventory of one account and region: every VPC with the flow logs
 * attached to it, and for the default VPC the network interfaces in it
 * (what is using it).
 */
import { DescribeFlowLogsCommand, DescribeNetworkInterfacesCommand, DescribeVpcsCommand, EC2Client, type FlowLog, type NetworkInterface, type Vpc } from '@aws-sdk/client-ec2';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import { fetchDetail, type CollectContext, type Collector, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';

export interface FlowLogRecord {
  flowLogId: string;
  /** ACTIVE when the flow log is running. */
  status?: string;
  /** ACCEPT, REJECT or ALL. */
  trafficType?: string;
  destinationType?: string;
  destination?: string;
  /** SUCCESS or FAILED. */
  deliverLogsStatus?: string;
  deliverLogsError?: string;
}

export interface NetworkInterfaceRecord {
  networkInterfaceId: string;
  interfaceType?: string;
  status?: string;
  description?: string;
  subnetId?: string;
  instanceId?: string;
  requesterId?: string;
}

export interface VpcItem {
  ref: ResourceRef;
  vpcId: string;
  isDefault: boolean;
  state?: string;
  cidrBlock?: string;
  /** The owner account, when another account shares the VPC with this one (its flow logs live in the owner account). */
  sharedBy?: string;
  /** The VPC-level flow logs (subnet and interface flow logs cover part of the VPC only). */
  flowLogs: FlowLogRecord[];
  /** Read for the default VPC only. */
  networkInterfaces?: Fetched<NetworkInterfaceRecord[]>;
}

export interface VpcInventory {
  vpcs: VpcItem[];
}

function toFlowLog(log: FlowLog): FlowLogRecord {
  const destination = log.LogDestination ?? log.LogGroupName;
  return {
    flowLogId: log.FlowLogId ?? 'unknown',
    ...(log.FlowLogStatus ? { status: log.FlowLogStatus } : {}),
    ...(log.TrafficType ? { trafficType: log.TrafficType } : {}),
    ...(log.LogDestinationType ? { destinationType: log.LogDestinationType } : {}),
    ...(destination ? { destination } : {}),
    ...(log.DeliverLogsStatus ? { deliverLogsStatus: log.DeliverLogsStatus } : {}),
    ...(log.DeliverLogsErrorMessage ? { deliverLogsError: log.DeliverLogsErrorMessage } : {}),
  };
}

function toInterface(eni: NetworkInterface): NetworkInterfaceRecord {
  return {
    networkInterfaceId: eni.NetworkInterfaceId ?? 'unknown',
    ...(eni.InterfaceType ? { interfaceType: eni.InterfaceType } : {}),
    ...(eni.Status ? { status: eni.Status } : {}),
    ...(eni.Description ? { description: eni.Description } : {}),
    ...(eni.SubnetId ? { subnetId: eni.SubnetId } : {}),
    ...(eni.Attachment?.InstanceId ? { instanceId: eni.Attachment.InstanceId } : {}),
    ...(eni.RequesterId ? { requesterId: eni.RequesterId } : {}),
  };
}

function vpcDetails(vpc: Vpc): Record<string, JsonValue> {
  const cidrs: JsonValue[] = (vpc.CidrBlockAssociationSet ?? []).map((a) => ({
    ...(a.AssociationId ? { AssociationId: a.AssociationId } : {}),
    ...(a.CidrBlock ? { CidrBlock: a.CidrBlock } : {}),
    ...(a.CidrBlockState?.State ? { CidrBlockState: a.CidrBlockState.State } : {}),
  }));
  const ipv6: JsonValue[] = (vpc.Ipv6CidrBlockAssociationSet ?? []).map((a) => ({
    ...(a.AssociationId ? { AssociationId: a.AssociationId } : {}),
    ...(a.Ipv6CidrBlock ? { Ipv6CidrBlock: a.Ipv6CidrBlock } : {}),
    ...(a.Ipv6CidrBlockState?.State ? { CidrBlockState: a.Ipv6CidrBlockState.State } : {}),
  }));
  return {
    AwsEc2Vpc: {
      ...(cidrs.length ? { CidrBlockAssociationSet: cidrs } : {}),
      ...(ipv6.length ? { Ipv6CidrBlockAssociationSet: ipv6 } : {}),
      ...(vpc.DhcpOptionsId ? { DhcpOptionsId: vpc.DhcpOptionsId } : {}),
      ...(vpc.State ? { State: vpc.State } : {}),
    },
  };
}

async function readInterfaces(ec2: EC2Client, vpcId: string): Promise<Fetched<NetworkInterfaceRecord[]>> {
  return fetchDetail(async () => {
    const interfaces = await collectPages(
      (NextToken) => ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }], MaxResults: 1000, NextToken })),
      (page) => page.NextToken,
      (page) => page.NetworkInterfaces,
    );
    return interfaces.map(toInterface);
  });
}

function toItem(vpc: Vpc, flowLogs: readonly FlowLog[], ctx: CollectContext, networkInterfaces: Fetched<NetworkInterfaceRecord[]> | undefined): VpcItem {
  const vpcId = vpc.VpcId as string;
  const ownerId = vpc.OwnerId ?? ctx.accountId;
  return {
    ref: {
      type: 'AwsEc2Vpc',
      arn: `arn:${ctx.partition}:ec2:${ctx.region}:${ownerId}:vpc/${vpcId}`,
      id: vpcId,
      region: ctx.region,
      partition: ctx.partition,
      tags: tagsToRecord(vpc.Tags),
      details: vpcDetails(vpc),
    },
    vpcId,
    isDefault: vpc.IsDefault === true,
    ...(vpc.State ? { state: vpc.State } : {}),
    ...(vpc.CidrBlock ? { cidrBlock: vpc.CidrBlock } : {}),
    ...(ownerId !== ctx.accountId ? { sharedBy: ownerId } : {}),
    flowLogs: flowLogs.filter((log) => log.ResourceId === vpcId).map(toFlowLog),
    ...(networkInterfaces ? { networkInterfaces } : {}),
  };
}

export const vpcCollector: Collector<VpcInventory> = {
  id: 'vpc',
  service: 'vpc',
  global: false,
  permissions: ['ec2:DescribeVpcs', 'ec2:DescribeFlowLogs', 'ec2:DescribeNetworkInterfaces'],
  async collect(ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const [vpcs, flowLogs] = await Promise.all([
      collectPages(
        (NextToken) => ec2.send(new DescribeVpcsCommand({ MaxResults: 1000, NextToken })),
        (page) => page.NextToken,
        (page) => page.Vpcs?.filter((vpc) => vpc.VpcId !== undefined),
      ),
      collectPages(
        (NextToken) => ec2.send(new DescribeFlowLogsCommand({ MaxResults: 1000, NextToken })),
        (page) => page.NextToken,
        (page) => page.FlowLogs,
      ),
    ]);
    const interfaces = await mapLimited(vpcs, ctx.limit, async (vpc) => (vpc.IsDefault === true ? readInterfaces(ec2, vpc.VpcId as string) : undefined));
    return { vpcs: vpcs.map((vpc, i) => toItem(vpc, flowLogs, ctx, interfaces[i])) };
  },
};
