/**
 * Fixes ec2-security-group-no-public-restricted-ports precisely: revokes only
 * the public IPv4 and IPv6 ranges of the ingress rules that open a restricted
 * port, leaving every other range, rule and description alone. Optionally
 * (replaceWithPrivateRanges, as Hammer does) authorises the RFC 1918 ranges
 * for the same protocol and ports instead. A public range that reaches the
 * group through a managed prefix list is left alone and named: the list may
 * be shared with other groups. Rollback re-authorises each revoked range with
 * its original description and revokes the private ranges the fix added.
 */
import { z } from 'zod';
import { defineRemediation, type PlannedCall } from '../../../src/core/remediation.js';
import type { JsonValue } from '../../../src/core/check.js';
import { isPublicCidr, RFC1918_RANGES } from '../../../src/util/cidr.js';
import check from '../checks/ec2-security-group-no-public-restricted-ports.js';
import { portRange, protocolLabel } from '../ports.js';

/** The parts of EC2's IpPermission the fix reads and writes (the API's own names). */
export type IpRangeJson = { CidrIp: string; Description?: string };
export type Ipv6RangeJson = { CidrIpv6: string; Description?: string };
export type IpPermissionJson = {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: IpRangeJson[];
  Ipv6Ranges?: Ipv6RangeJson[];
  PrefixListIds?: { PrefixListId: string; Description?: string }[];
  UserIdGroupPairs?: { [key: string]: JsonValue }[];
};

/** The group as DescribeSecurityGroups returns it (ingress and egress, with descriptions). */
export type SecurityGroupSnapshot = {
  GroupId: string;
  GroupName: string;
  VpcId?: string;
  OwnerId?: string;
  IpPermissions: IpPermissionJson[];
  IpPermissionsEgress: IpPermissionJson[];
};

const parameters = z
  .object({
    /** Authorise the RFC 1918 ranges for the same protocol and ports in place of the revoked IPv4 ranges. */
    replaceWithPrivateRanges: z.boolean().default(false),
  })
  .strict();

/** The rule's identity: what Revoke and Authorize match on, with no ranges. */
const ruleKey = (p: IpPermissionJson): IpPermissionJson => ({
  IpProtocol: p.IpProtocol,
  ...(p.FromPort !== undefined ? { FromPort: p.FromPort } : {}),
  ...(p.ToPort !== undefined ? { ToPort: p.ToPort } : {}),
});

const sameRule = (a: IpPermissionJson, b: IpPermissionJson): boolean => a.IpProtocol === b.IpProtocol && a.FromPort === b.FromPort && a.ToPort === b.ToPort;

const toRule = (p: IpPermissionJson) => ({ protocol: p.IpProtocol, ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}), ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}), ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], groupIds: [] });

/** Ranges without their descriptions: Revoke matches on the CIDR alone. */
const bare = (p: IpPermissionJson): IpPermissionJson => ({
  ...ruleKey(p),
  ...(p.IpRanges?.length ? { IpRanges: p.IpRanges.map(({ CidrIp }) => ({ CidrIp })) } : {}),
  ...(p.Ipv6Ranges?.length ? { Ipv6Ranges: p.Ipv6Ranges.map(({ CidrIpv6 }) => ({ CidrIpv6 })) } : {}),
});

const permissionsOf = (call: PlannedCall): IpPermissionJson[] => (call.input.IpPermissions ?? []) as IpPermissionJson[];

function describeRanges(permissions: readonly IpPermissionJson[]): string {
  return permissions
    .map((p) => {
      const range = portRange(toRule(p));
      const ports = range ? (range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`) : 'icmp';
      const cidrs = [...(p.IpRanges ?? []).map((r) => r.CidrIp), ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6)];
      return `${protocolLabel(p.IpProtocol)}/${ports} from ${cidrs.join(', ')}`;
    })
    .join('; ');
}

export default defineRemediation<SecurityGroupSnapshot, z.infer<typeof parameters>>({
  id: 'ec2-revoke-public-restricted-port-ranges',
  checkId: check.meta.id,
  title: 'Revoke the public ranges that open restricted ports',
  description:
    'Revokes only the public IPv4 and IPv6 ranges of ingress rules that open a restricted port; every other range, rule and description stays. With replaceWithPrivateRanges, authorises the RFC 1918 ranges for the same ports instead. Prefix lists are never edited. Rollback re-authorises the revoked ranges with their descriptions.',
  permissions: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupIngress'],
  parameters,
  async snapshot(ctx, resource) {
    const { readSecurityGroup } = await import('./apply.js');
    return readSecurityGroup(ctx, resource.id);
  },
  plan({ snapshot, params, checkParams }) {
    const restricted = check.parameters?.parse(checkParams ?? {}).restrictedPorts ?? [];
    const opensRestricted = (p: IpPermissionJson): boolean => {
      const range = portRange(toRule(p));
      return range !== undefined && restricted.some((port) => port >= range.from && port <= range.to);
    };
    const revoke: IpPermissionJson[] = [];
    const authorize: IpPermissionJson[] = [];
    const left: string[] = [];
    for (const permission of snapshot.IpPermissions) {
      if (!opensRestricted(permission)) continue;
      const ipv4 = (permission.IpRanges ?? []).filter((r) => isPublicCidr(r.CidrIp));
      const ipv6 = (permission.Ipv6Ranges ?? []).filter((r) => isPublicCidr(r.CidrIpv6));
      if (ipv4.length > 0 || ipv6.length > 0) {
        revoke.push({ ...ruleKey(permission), ...(ipv4.length ? { IpRanges: ipv4.map(({ CidrIp }) => ({ CidrIp })) } : {}), ...(ipv6.length ? { Ipv6Ranges: ipv6.map(({ CidrIpv6 }) => ({ CidrIpv6 })) } : {}) });
      }
      if (params.replaceWithPrivateRanges && ipv4.length > 0) {
        const present = new Set((permission.IpRanges ?? []).map((r) => r.CidrIp));
        const missing = RFC1918_RANGES.filter((cidr) => !present.has(cidr));
        if (missing.length > 0) authorize.push({ ...ruleKey(permission), IpRanges: missing.map((CidrIp) => ({ CidrIp, Description: `rampart: in place of ${ipv4.map((r) => r.CidrIp).join(', ')}`.slice(0, 255) })) });
      }
      for (const list of permission.PrefixListIds ?? []) {
        left.push(`prefix list ${list.PrefixListId} on ${describeRanges([ruleKey(permission)]).replace(/ from $/, '')} is not edited (it may be shared): remove its public entries or the list from the rule`);
      }
    }
    const calls: PlannedCall[] = [];
    if (authorize.length > 0) {
      calls.push({ action: 'ec2:AuthorizeSecurityGroupIngress', input: { GroupId: snapshot.GroupId, IpPermissions: authorize }, description: `authorise ${describeRanges(authorize)} on ${snapshot.GroupId}` });
    }
    if (revoke.length > 0) {
      calls.push({ action: 'ec2:RevokeSecurityGroupIngress', input: { GroupId: snapshot.GroupId, IpPermissions: revoke }, description: `revoke ${describeRanges(revoke)} on ${snapshot.GroupId}` });
    }
    // Only prefix lists left, and they may not even hold the public range: say so only when nothing else is planned.
    return { calls, left: calls.length > 0 ? [] : left };
  },
  restore({ backup, applied, current }) {
    const has = (permissions: readonly IpPermissionJson[], rule: IpPermissionJson, cidr: string): boolean =>
      permissions.some((p) => sameRule(p, rule) && [...(p.IpRanges ?? []).map((r) => r.CidrIp), ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6)].includes(cidr));
    const reauthorize: IpPermissionJson[] = [];
    const withdraw: IpPermissionJson[] = [];
    for (const call of applied) {
      for (const rule of permissionsOf(call)) {
        const original = backup.IpPermissions.find((p) => sameRule(p, rule));
        if (call.action === 'ec2:RevokeSecurityGroupIngress') {
          const ipv4 = (original?.IpRanges ?? []).filter((r) => rule.IpRanges?.some((x) => x.CidrIp === r.CidrIp) && !has(current.IpPermissions, rule, r.CidrIp));
          const ipv6 = (original?.Ipv6Ranges ?? []).filter((r) => rule.Ipv6Ranges?.some((x) => x.CidrIpv6 === r.CidrIpv6) && !has(current.IpPermissions, rule, r.CidrIpv6));
          if (ipv4.length || ipv6.length) reauthorize.push({ ...ruleKey(rule), ...(ipv4.length ? { IpRanges: ipv4 } : {}), ...(ipv6.length ? { Ipv6Ranges: ipv6 } : {}) });
        } else if (call.action === 'ec2:AuthorizeSecurityGroupIngress') {
          const added = (rule.IpRanges ?? []).filter((r) => has(current.IpPermissions, rule, r.CidrIp) && !has(backup.IpPermissions, rule, r.CidrIp));
          if (added.length) withdraw.push(bare({ ...ruleKey(rule), IpRanges: added }));
        }
      }
    }
    const calls: PlannedCall[] = [];
    if (reauthorize.length > 0) calls.push({ action: 'ec2:AuthorizeSecurityGroupIngress', input: { GroupId: backup.GroupId, IpPermissions: reauthorize }, description: `re-authorise ${describeRanges(reauthorize)} on ${backup.GroupId}` });
    if (withdraw.length > 0) calls.push({ action: 'ec2:RevokeSecurityGroupIngress', input: { GroupId: backup.GroupId, IpPermissions: withdraw }, description: `revoke the added ${describeRanges(withdraw)} on ${backup.GroupId}` });
    return calls;
  },
  async perform(ctx, call) {
    const { performSecurityGroupCall } = await import('./apply.js');
    await performSecurityGroupCall(ctx, call);
  },
});
