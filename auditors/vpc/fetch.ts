/** Reads the VPC inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  DescribeFlowLogsCommand, DescribeNetworkAclsCommand, DescribeNetworkInterfacesCommand, DescribeVpcsCommand, EC2Client,
  type FlowLog, type NetworkAcl, type NetworkAclEntry, type NetworkInterface, type Vpc,
} from '@aws-sdk/client-ec2';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import type { FlowLogRecord, NetworkAclEntryRecord, NetworkAclItem, NetworkInterfaceRecord, VpcInventory, VpcItem } from './collect.js';

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

function toEntry(entry: NetworkAclEntry): NetworkAclEntryRecord {
  const ports = entry.PortRange;
  return {
    ...(entry.RuleNumber !== undefined ? { ruleNumber: entry.RuleNumber } : {}),
    ...(entry.Protocol !== undefined ? { protocol: entry.Protocol } : {}),
    ...(entry.RuleAction !== undefined ? { ruleAction: entry.RuleAction } : {}),
    ...(entry.CidrBlock ? { cidrBlock: entry.CidrBlock } : {}),
    ...(entry.Ipv6CidrBlock ? { ipv6CidrBlock: entry.Ipv6CidrBlock } : {}),
    ...(ports ? { portRange: { ...(ports.From !== undefined ? { from: ports.From } : {}), ...(ports.To !== undefined ? { to: ports.To } : {}) } } : {}),
  };
}

function entryDetails(entry: NetworkAclEntry): JsonValue {
  return {
    ...(entry.CidrBlock ? { CidrBlock: entry.CidrBlock } : {}),
    ...(entry.Egress !== undefined ? { Egress: entry.Egress } : {}),
    ...(entry.Ipv6CidrBlock ? { Ipv6CidrBlock: entry.Ipv6CidrBlock } : {}),
    ...(entry.PortRange ? { PortRange: { ...(entry.PortRange.From !== undefined ? { From: entry.PortRange.From } : {}), ...(entry.PortRange.To !== undefined ? { To: entry.PortRange.To } : {}) } } : {}),
    ...(entry.Protocol !== undefined ? { Protocol: entry.Protocol } : {}),
    ...(entry.RuleAction !== undefined ? { RuleAction: entry.RuleAction } : {}),
    ...(entry.RuleNumber !== undefined ? { RuleNumber: entry.RuleNumber } : {}),
  };
}

function toNetworkAcl(acl: NetworkAcl, ctx: CollectContext): NetworkAclItem {
  const networkAclId = acl.NetworkAclId as string;
  const ownerId = acl.OwnerId ?? ctx.accountId;
  const associations = acl.Associations ?? [];
  const entries = acl.Entries ?? [];
  return {
    ref: {
      type: 'AwsEc2NetworkAcl',
      arn: `arn:${ctx.partition}:ec2:${ctx.region}:${ownerId}:network-acl/${networkAclId}`,
      id: networkAclId,
      region: ctx.region,
      partition: ctx.partition,
      tags: tagsToRecord(acl.Tags),
      details: {
        AwsEc2NetworkAcl: {
          NetworkAclId: networkAclId,
          OwnerId: ownerId,
          ...(acl.VpcId ? { VpcId: acl.VpcId } : {}),
          ...(acl.IsDefault !== undefined ? { IsDefault: acl.IsDefault } : {}),
          Associations: associations.map((a) => ({
            ...(a.NetworkAclAssociationId ? { NetworkAclAssociationId: a.NetworkAclAssociationId } : {}),
            ...(a.NetworkAclId ? { NetworkAclId: a.NetworkAclId } : {}),
            ...(a.SubnetId ? { SubnetId: a.SubnetId } : {}),
          })),
          Entries: entries.map(entryDetails),
        },
      },
    },
    networkAclId,
    ...(acl.VpcId ? { vpcId: acl.VpcId } : {}),
    isDefault: acl.IsDefault === true,
    ...(ownerId !== ctx.accountId ? { sharedBy: ownerId } : {}),
    subnetIds: associations.flatMap((a) => (a.SubnetId ? [a.SubnetId] : [])),
    // Egress is judged by no check; an entry whose direction is not reported is kept, and judged unknown.
    ingress: entries.filter((entry) => entry.Egress !== true).map((entry) => ({ ...toEntry(entry), ...(entry.Egress === false ? { direction: 'ingress' as const } : {}) })),
  };
}

/** Lists the VPCs, flow logs and network ACLs, and the network interfaces in the default VPC. */
export async function fetchVpcInventory(ctx: CollectContext): Promise<VpcInventory> {
  const ec2 = ctx.clients.get(EC2Client);
  const [vpcs, flowLogs, networkAcls] = await Promise.all([
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
    collectPages(
      (NextToken) => ec2.send(new DescribeNetworkAclsCommand({ MaxResults: 1000, NextToken })),
      (page) => page.NextToken,
      (page) => page.NetworkAcls?.filter((acl) => acl.NetworkAclId !== undefined),
    ),
  ]);
  const interfaces = await mapLimited(vpcs, ctx.limit, async (vpc) => (vpc.IsDefault === true ? readInterfaces(ec2, vpc.VpcId as string) : undefined));
  return { vpcs: vpcs.map((vpc, i) => toItem(vpc, flowLogs, ctx, interfaces[i])), networkAcls: networkAcls.map((acl) => toNetworkAcl(acl, ctx)) };
}
