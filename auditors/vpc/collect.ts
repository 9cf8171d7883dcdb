/**
 * VPC inventory of one account and region: every VPC with the flow logs
 * attached to it, and for the default VPC the network interfaces in it
 * (what is using it).
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

export interface VpcInventory {
  vpcs: VpcItem[];
}

export const vpcCollector: Collector<VpcInventory> = {
  id: 'vpc',
  service: 'vpc',
  global: false,
  permissions: ['ec2:DescribeVpcs', 'ec2:DescribeFlowLogs', 'ec2:DescribeNetworkInterfaces'],
  async collect(ctx) {
    const { fetchVpcInventory } = await import('./fetch.js');
    return fetchVpcInventory(ctx);
  },
};
