/** The EC2 network inventory's AWS calls (see collect.ts). */
import {
  DescribeManagedPrefixListsCommand, DescribeSecurityGroupsCommand, EC2Client, GetManagedPrefixListEntriesCommand,
  type IpPermission, type ManagedPrefixList, type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import type { JsonValue } from '../../src/core/check.js';
import { tagsToRecord } from '../../src/core/resource.js';
import { describeAwsError } from '../../src/aws/errors.js';
import { collectPages } from '../../src/aws/paginate.js';
import { mapLimited } from '../../src/util/limit.js';
import type { Ec2NetworkInventory, PrefixListRecord, SecurityGroupItem, SecurityGroupRule } from './collect.js';

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

/**
 * The referenced lists' entries, one paginated read per list. The names and
 * owners come from one listing of every visible list (owned, shared and
 * AWS-managed); without it the entries alone still decide.
 */
async function readPrefixLists(ec2: EC2Client, ids: readonly string[], ctx: CollectContext): Promise<Record<string, Fetched<PrefixListRecord>>> {
  const described = await fetchDetail(() =>
    collectPages(
      (NextToken) => ec2.send(new DescribeManagedPrefixListsCommand({ MaxResults: 100, NextToken })),
      (page) => page.NextToken,
      (page) => page.PrefixLists,
    ),
  );
  if (!described.ok) ctx.logger.warn(`the managed prefix lists of ${ctx.accountId}/${ctx.region} could not be listed (${described.error}); their entries are read without names`);
  const byId = new Map<string, ManagedPrefixList>((described.ok ? described.value : []).flatMap((list) => (list.PrefixListId ? [[list.PrefixListId, list] as const] : [])));
  const entries = await mapLimited(ids, ctx.limit, (PrefixListId) =>
    fetchDetail(() =>
      collectPages(
        (NextToken) => ec2.send(new GetManagedPrefixListEntriesCommand({ PrefixListId, MaxResults: 100, NextToken })),
        (page) => page.NextToken,
        (page) => page.Entries,
      ),
    ),
  );
  return Object.fromEntries(
    ids.map((prefixListId, i): [string, Fetched<PrefixListRecord>] => {
      const read = entries[i] ?? { ok: false, error: 'it was not read' };
      if (!read.ok) return [prefixListId, read];
      const list = byId.get(prefixListId);
      // Some endpoints answer an unknown id with no entries instead of an error: never read that as an empty list.
      if (described.ok && !list && read.value.length === 0) return [prefixListId, { ok: false, error: 'it is not among the prefix lists this account can see' }];
      return [prefixListId, {
        ok: true,
        value: {
          prefixListId,
          ...(list?.PrefixListName ? { name: list.PrefixListName } : {}),
          ...(list?.OwnerId ? { ownerId: list.OwnerId } : {}),
          ...(list?.AddressFamily ? { addressFamily: list.AddressFamily } : {}),
          cidrs: read.value.flatMap((entry) => (entry.Cidr ? [entry.Cidr] : [])),
        },
      }];
    }),
  );
}

export async function fetchEc2NetworkInventory(ctx: CollectContext): Promise<Ec2NetworkInventory> {
  const ec2 = ctx.clients.get(EC2Client);
  const groups = await collectPages(
    (NextToken) => ec2.send(new DescribeSecurityGroupsCommand({ NextToken, MaxResults: 1000 })),
    (page) => page.NextToken,
    (page) => page.SecurityGroups,
  );
  return inventoryOf(ec2, groups, ctx);
}

/** One security group (and the prefix lists its rules reference); a group that is gone is absent. */
export async function fetchOneSecurityGroup(ctx: CollectContext, groupId: string): Promise<Ec2NetworkInventory> {
  const ec2 = ctx.clients.get(EC2Client);
  try {
    const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    return inventoryOf(ec2, (SecurityGroups ?? []).filter((g) => g.GroupId === groupId), ctx);
  } catch (error) {
    if (describeAwsError(error).code === 'InvalidGroup.NotFound') return { securityGroups: [], prefixLists: {} };
    throw error;
  }
}

async function inventoryOf(ec2: EC2Client, groups: readonly SecurityGroup[], ctx: CollectContext): Promise<Ec2NetworkInventory> {
  const securityGroups = groups.map((g) => toItem(g, ctx.accountId, ctx.region, ctx.partition));
  const referenced = [...new Set(securityGroups.flatMap((g) => g.ingress.flatMap((rule) => rule.prefixListIds)))].sort();
  return { securityGroups, prefixLists: referenced.length > 0 ? await readPrefixLists(ec2, referenced, ctx) : {} };
}
