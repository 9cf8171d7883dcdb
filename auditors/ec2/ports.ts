/** What ports a security group rule opens, and to whom. Shared by the EC2 checks and remediations. */
import type { Fetched } from '../../src/core/collector.js';
import { isPublicCidr, isWorldOpen } from '../../src/util/cidr.js';
import type { PrefixListRecord, SecurityGroupRule } from './collect.js';

export type OpenStatus = 'open_completely' | 'open_partly';

/** The protocols AWS names in IpProtocol, by number (and the IANA keyword of ICMPv6), and "all". */
const CANONICAL: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', 'ipv6-icmp': 'icmpv6', all: '-1' };

/** IANA keywords of other protocols seen in security group rules, to name them in evidence. */
const KEYWORDS: Record<string, string> = { '4': 'ipv4', '33': 'dccp', '41': 'ipv6', '47': 'gre', '50': 'esp', '51': 'ah', '132': 'sctp', '136': 'udplite' };

/** IpProtocol as "tcp", "udp", "icmp", "icmpv6", "-1" (all), or, for any other protocol, its lower-case name or number. */
export function protocolName(protocol: string): string {
  const text = protocol.trim().toLowerCase();
  const canonical = /^\d+$/.test(text) ? String(Number(text)) : text;
  return CANONICAL[canonical] ?? canonical;
}

/** How evidence names a rule's protocol: "tcp", "udp", "all", or another protocol's keyword when known ("esp"), else its number. */
export function protocolLabel(protocol: string): string {
  const name = protocolName(protocol);
  if (name === '-1') return 'all';
  return KEYWORDS[name] ?? name;
}

/**
 * The inclusive port range a rule opens, or undefined for ICMP and ICMPv6,
 * which have types instead of ports. AWS: "-1 or a protocol other than tcp,
 * udp, icmp, or icmpv6 allows traffic on all ports, regardless of any port
 * range you specify".
 */
export function portRange(rule: SecurityGroupRule): { from: number; to: number } | undefined {
  const protocol = protocolName(rule.protocol);
  if (protocol === 'icmp' || protocol === 'icmpv6') return undefined;
  if (protocol !== 'tcp' && protocol !== 'udp') return { from: 0, to: 65535 };
  const from = rule.fromPort === undefined || rule.fromPort < 0 ? 0 : rule.fromPort;
  const to = rule.toPort === undefined || rule.toPort < 0 ? 65535 : rule.toPort;
  return { from, to };
}

export interface OpenRange {
  /** protocolLabel of the rule. */
  protocol: string;
  /** protocolName of the rule. */
  ipProtocol: string;
  fromPort: number;
  toPort: number;
  cidr: string;
  /** Set when the range is an entry of this managed prefix list. */
  prefixListId?: string;
  status: OpenStatus;
}

/** A prefix list an ingress rule with ports references but that could not be read. */
export interface UnreadablePrefixList {
  prefixListId: string;
  protocol: string;
  ipProtocol: string;
  fromPort: number;
  toPort: number;
  detail: Fetched<PrefixListRecord>;
}

/**
 * Every (rule, public range) pair of the ingress rules that carry ports. The
 * entries of a referenced prefix list count as ranges of the rule.
 */
export function publicIngress(
  rules: readonly SecurityGroupRule[],
  prefixLists: Readonly<Record<string, Fetched<PrefixListRecord>>> = {},
): { open: OpenRange[]; unreadable: UnreadablePrefixList[] } {
  const open: OpenRange[] = [];
  const unreadable: UnreadablePrefixList[] = [];
  for (const rule of rules) {
    const range = portRange(rule);
    if (!range) continue;
    const base = { protocol: protocolLabel(rule.protocol), ipProtocol: protocolName(rule.protocol), fromPort: range.from, toPort: range.to };
    const sources: Array<{ cidr: string; prefixListId?: string }> = [...rule.ipv4Ranges, ...rule.ipv6Ranges].map((cidr) => ({ cidr }));
    for (const prefixListId of rule.prefixListIds) {
      const detail = prefixLists[prefixListId] ?? { ok: false, error: 'it was not collected' };
      if (!detail.ok) unreadable.push({ ...base, prefixListId, detail });
      else sources.push(...detail.value.cidrs.map((cidr) => ({ cidr, prefixListId })));
    }
    for (const { cidr, prefixListId } of sources) {
      if (!isPublicCidr(cidr)) continue;
      open.push({ ...base, cidr, ...(prefixListId ? { prefixListId } : {}), status: isWorldOpen(cidr) ? 'open_completely' : 'open_partly' });
    }
  }
  return { open, unreadable };
}
