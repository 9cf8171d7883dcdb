/** What ports a security group rule opens, and to whom. Shared by the EC2 checks and remediations. */
import { isPublicCidr, isWorldOpen } from '../../src/util/cidr.js';
import type { SecurityGroupRule } from './collect.js';

export type OpenStatus = 'open_completely' | 'open_partly';

const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' };

export function protocolName(protocol: string): string {
  return PROTOCOL_NAMES[protocol] ?? protocol;
}

/** The inclusive port range a rule opens, or undefined when its protocol has no ports (ICMP, ESP…). */
export function portRange(rule: SecurityGroupRule): { from: number; to: number } | undefined {
  const protocol = protocolName(rule.protocol);
  if (protocol === '-1') return { from: 0, to: 65535 };
  if (protocol !== 'tcp' && protocol !== 'udp') return undefined;
  const from = rule.fromPort === undefined || rule.fromPort < 0 ? 0 : rule.fromPort;
  const to = rule.toPort === undefined || rule.toPort < 0 ? 65535 : rule.toPort;
  return { from, to };
}

export interface OpenRange {
  protocol: string;
  fromPort: number;
  toPort: number;
  cidr: string;
  status: OpenStatus;
}

/** Every (rule, public CIDR) pair of the ingress rules that carry ports. */
export function publicIngress(rules: readonly SecurityGroupRule[]): OpenRange[] {
  const out: OpenRange[] = [];
  for (const rule of rules) {
    const range = portRange(rule);
    if (!range) continue;
    for (const cidr of [...rule.ipv4Ranges, ...rule.ipv6Ranges]) {
      if (!isPublicCidr(cidr)) continue;
      out.push({
        protocol: protocolName(rule.protocol) === '-1' ? 'all' : protocolName(rule.protocol),
        fromPort: range.from,
        toPort: range.to,
        cidr,
        status: isWorldOpen(cidr) ? 'open_completely' : 'open_partly',
      });
    }
  }
  return out;
}
