/**
 * VPC inventory of one account and region: every VPC with the flow logs
 * attached to it, for the default VPC the network interfaces in it (what is
 * using it), and every network ACL with its inbound entries.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

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

/** One inbound entry of a network ACL, as DescribeNetworkAcls gives it; a field the service left out is absent. */
export interface NetworkAclEntryRecord {
  /** Absent when the service did not say whether the entry is inbound (Egress). */
  direction?: 'ingress';
  ruleNumber?: number;
  /** "-1" (all) or a protocol number ("6" TCP, "17" UDP…). */
  protocol?: string;
  /** "allow" or "deny". */
  ruleAction?: string;
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  /** Inclusive; absent for the protocols that have no ports. */
  portRange?: { from?: number; to?: number };
}

export interface NetworkAclItem {
  ref: ResourceRef;
  networkAclId: string;
  vpcId?: string;
  isDefault: boolean;
  /** The owner account, when another account shares the network ACL with this one. */
  sharedBy?: string;
  subnetIds: string[];
  ingress: NetworkAclEntryRecord[];
}

export interface VpcInventory {
  vpcs: VpcItem[];
  networkAcls: NetworkAclItem[];
}

export const vpcCollector: Collector<VpcInventory> = {
  id: 'vpc',
  service: 'vpc',
  global: false,
  permissions: ['ec2:DescribeVpcs', 'ec2:DescribeFlowLogs', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeNetworkAcls'],
  async collect(ctx) {
    const { fetchVpcInventory } = await import('./fetch.js');
    return fetchVpcInventory(ctx);
  },
};
