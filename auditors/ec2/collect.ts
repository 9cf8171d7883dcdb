/** EC2 network inventory: security groups, fetched once per account and region. */
import { DescribeSecurityGroupsCommand, EC2Client, type IpPermission, type SecurityGroup } from '@aws-sdk/client-ec2';
import type { Collector } from '../../src/core/collector.js';
import type { JsonValue } from '../../src/core/check.js';
import { tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import { collectPages } from '../../src/aws/paginate.js';

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

export interface Ec2NetworkInventory {
  securityGroups: SecurityGroupItem[];
}

function toRule(permission: IpPermission): SecurityGroupRule {
  return {
    protocol: (permission.IpProtocol ?? '-1').toLowerCase(),
    ...(permission.FromPort !== undefined ? { fromPort: permission.FromPort } : {}),
    ...(permission.ToPort !== undefined ? { toPort: permission.ToPort } : {}),
    ipv4Ranges: (permission.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [r.CidrIp] : [])),
    ipv6Ranges: (permission.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 ? [r.CidrIpv6] : [])),
    prefixListIds: (permission.PrefixListIds ?? []).flatMap((p) => (p.PrefixListId ? [p.PrefixListId] : [])),
    groupIds: (permission.UserIdGroupPairs ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
  };
}

function permissionDetails(rules: readonly SecurityGroupRule[]): JsonValue[] {
  return rules.map((rule) => ({
    IpProtocol: rule.protocol,
    ...(rule.fromPort !== undefined ? { FromPort: rule.fromPort } : {}),
    ...(rule.toPort !== undefined ? { ToPort: rule.toPort } : {}),
    ...(rule.ipv4Ranges.length ? { IpRanges: rule.ipv4Ranges.map((CidrIp) => ({ CidrIp })) } : {}),
    ...(rule.ipv6Ranges.length ? { Ipv6Ranges: rule.ipv6Ranges.map((CidrIpv6) => ({ CidrIpv6 })) } : {}),
    ...(rule.prefixListIds.length ? { PrefixListIds: rule.prefixListIds.map((PrefixListId) => ({ PrefixListId })) } : {}),
    ...(rule.groupIds.length ? { UserIdGroupPairs: rule.groupIds.map((GroupId) => ({ GroupId })) } : {}),
  }));
}

function toItem(group: SecurityGroup, accountId: string, region: string, partition: string): SecurityGroupItem {
  const groupId = group.GroupId ?? 'unknown';
  const ingress = (group.IpPermissions ?? []).map(toRule);
  const egress = (group.IpPermissionsEgress ?? []).map(toRule);
  const ownerId = group.OwnerId ?? accountId;
  return {
    ref: {
      type: 'AwsEc2SecurityGroup',
      arn: group.SecurityGroupArn ?? `arn:${partition}:ec2:${region}:${ownerId}:security-group/${groupId}`,
      id: groupId,
      region,
      partition,
      tags: tagsToRecord(group.Tags),
      details: {
        AwsEc2SecurityGroup: {
          GroupName: group.GroupName ?? '',
          GroupId: groupId,
          OwnerId: ownerId,
          ...(group.VpcId ? { VpcId: group.VpcId } : {}),
          IpPermissions: permissionDetails(ingress),
          IpPermissionsEgress: permissionDetails(egress),
        },
      },
    },
    groupId,
    groupName: group.GroupName ?? '',
    ...(group.VpcId ? { vpcId: group.VpcId } : {}),
    ownerId,
    ingress,
    egress,
  };
}

export const ec2NetworkCollector: Collector<Ec2NetworkInventory> = {
  id: 'ec2-network',
  service: 'ec2',
  global: false,
  permissions: ['ec2:DescribeSecurityGroups'],
  async collect(ctx) {
    const ec2 = ctx.clients.get(EC2Client);
    const groups = await collectPages(
      (NextToken) => ec2.send(new DescribeSecurityGroupsCommand({ NextToken, MaxResults: 1000 })),
      (page) => page.NextToken,
      (page) => page.SecurityGroups,
    );
    return { securityGroups: groups.map((g) => toItem(g, ctx.accountId, ctx.region, ctx.partition)) };
  },
};
