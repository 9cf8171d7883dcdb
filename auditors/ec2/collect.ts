/**
 * EC2 network inventory of one account and region: the security groups, and
 * the managed prefix lists their ingress rules reference, each read once.
 * The AWS calls are in fetch.ts, loaded on the first collect() (the pattern is
 * described in auditors/sqs/collect.ts).
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface SecurityGroupRule {
  /** "-1" (all), "tcp", "udp", "icmp", "icmpv6" or a protocol number. */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges: string[];
  ipv6Ranges: string[];
  prefixListIds: string[];
  groupIds: string[];
}

export interface SecurityGroupItem {
  ref: ResourceRef;
  groupId: string;
  groupName: string;
  vpcId?: string;
  ownerId: string;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
}

/** A managed prefix list, customer-managed or AWS-managed: a rule that references it applies to each of its CIDRs. */
export interface PrefixListRecord {
  prefixListId: string;
  name?: string;
  /** "AWS" for an AWS-managed list. */
  ownerId?: string;
  addressFamily?: string;
  cidrs: string[];
}

export interface Ec2NetworkInventory {
  securityGroups: SecurityGroupItem[];
  /**
   * By id, every prefix list an ingress rule references (egress rules are
   * judged by no check). A list that could not be read is a failed detail.
   */
  prefixLists: Record<string, Fetched<PrefixListRecord>>;
}

export const ec2NetworkCollector: Collector<Ec2NetworkInventory> = {
  id: 'ec2-network',
  service: 'ec2',
  global: false,
  permissions: ['ec2:DescribeSecurityGroups', 'ec2:DescribeManagedPrefixLists', 'ec2:GetManagedPrefixListEntries'],
  async collect(ctx) {
    const { fetchEc2NetworkInventory } = await import('./fetch.js');
    return fetchEc2NetworkInventory(ctx);
  },
  async collectOne(ctx, resource) {
    const { fetchOneSecurityGroup } = await import('./fetch.js');
    return fetchOneSecurityGroup(ctx, resource.id);
  },
};
