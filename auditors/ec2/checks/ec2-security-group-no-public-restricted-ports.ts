import { z } from 'zod';
import { defineCheck, fail, failBelow, pass, type Evidence } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { ec2NetworkCollector, type Ec2NetworkInventory, type SecurityGroupItem } from '../collect.js';
import { publicIngress, type OpenStatus } from '../ports.js';

/** Hammer's default restricted ports. */
export const DEFAULT_RESTRICTED_PORTS = [21, 22, 23, 3389, 1433, 1521, 3306, 5432, 27017];

const parameters = z
  .object({
    restrictedPorts: z.array(z.number().int().min(0).max(65535)).min(1).default(DEFAULT_RESTRICTED_PORTS),
    /** How many severity levels below the check's an open_partly-only finding is (0 = the same severity). */
    openPartlyLevelsBelow: z.number().int().min(0).max(3).default(1),
  })
  .strict();

interface Perm {
  protocol: string;
  /** The protocol as AWS numbers or names it, when that differs from `protocol` (other protocols only). */
  ip_protocol?: string;
  from_port: number;
  to_port: number;
  cidr: string;
  /** The managed prefix list the range is an entry of. */
  prefix_list_id?: string;
  status: OpenStatus;
  restricted_ports: number[];
}

/** "tcp/22", "all protocols and ports", "esp (protocol 50) on every port". */
function reach(perm: Pick<Perm, 'protocol' | 'ip_protocol' | 'restricted_ports'>): string {
  if (perm.protocol === 'tcp' || perm.protocol === 'udp') return `${perm.protocol}/${perm.restricted_ports.join(',')}`;
  if (perm.protocol === 'all') return 'all protocols and ports';
  const name = /^\d+$/.test(perm.protocol) ? `protocol ${perm.protocol}` : perm.ip_protocol !== undefined && /^\d+$/.test(perm.ip_protocol) ? `${perm.protocol} (protocol ${perm.ip_protocol})` : perm.protocol;
  return `${name} on every port`;
}

const some = (items: readonly string[], shown: number, separator: string): string =>
  items.length <= shown ? items.join(separator) : `${items.slice(0, shown).join(separator)}${separator}and ${items.length - shown} more`;

/**
 * One phrase per protocol, ports and prefix list, naming the public ranges:
 * "udp/161 from 0.0.0.0/0, 8.8.8.0/24", "tcp/22 from prefix list pl-1 (partners): 8.8.8.0/24".
 */
function describe(perms: readonly Perm[], prefixListName: (id: string) => string | undefined): string {
  const phrases = new Map<string, string[]>();
  for (const perm of perms) {
    const list = perm.prefix_list_id;
    const name = list === undefined ? undefined : prefixListName(list);
    const head = list === undefined ? `${reach(perm)} from` : `${reach(perm)} from prefix list ${list}${name ? ` (${name})` : ''}:`;
    const cidrs = phrases.get(head) ?? [];
    if (!cidrs.includes(perm.cidr)) cidrs.push(perm.cidr);
    phrases.set(head, cidrs);
  }
  return some([...phrases].map(([head, cidrs]) => `${head} ${some(cidrs, 3, ', ')}`), 5, '; ');
}

/** How evidence names a rule's protocol: the label, and AWS's own value when it says more ("esp" and "50"). */
function protocolOf(rule: { protocol: string; ipProtocol: string }): Pick<Perm, 'protocol' | 'ip_protocol'> {
  const other = !['tcp', 'udp', 'all'].includes(rule.protocol) && rule.ipProtocol !== rule.protocol;
  return { protocol: rule.protocol, ...(other ? { ip_protocol: rule.ipProtocol } : {}) };
}

export default defineCheck<Ec2NetworkInventory, SecurityGroupItem, z.infer<typeof parameters>>({
  meta: {
    id: 'ec2-security-group-no-public-restricted-ports',
    service: 'ec2',
    title: 'Security groups do not allow ingress from public addresses to restricted ports',
    description:
      'Flags security group ingress rules that open a restricted port (SSH, RDP, databases…) to a public IPv4 or IPv6 range, directly or through a managed prefix list. All-port rules, all-protocol rules and protocols other than TCP, UDP, ICMP and ICMPv6 (which AWS opens on every port) count; ICMP does not. open_completely means 0.0.0.0/0 or ::/0; open_partly means other public ranges only, and is reported openPartlyLevelsBelow severity levels lower.',
    severity: 'HIGH',
    resourceType: 'AwsEc2SecurityGroup',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Remove the public ranges from the listed rules, or replace them with the private ranges (RFC 1918) or the specific addresses that need access; reach hosts through Session Manager or a VPN instead of opening admin ports.',
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    },
    compliance: { fsbp: ['EC2.19', 'EC2.53', 'EC2.54'], cis: ['5.2', '5.3'], nist: ['AC-4', 'SC-7', 'CM-7'] },
  },
  collector: ec2NetworkCollector,
  parameters,
  select: (inventory) => inventory.securityGroups,
  evaluate(group, params, inventory) {
    const restricted = [...new Set(params.restrictedPorts)].sort((a, b) => a - b);
    const hits = (from: number, to: number): number[] => restricted.filter((port) => port >= from && port <= to);
    const { open, unreadable } = publicIngress(group.ingress, inventory.prefixLists);
    const perms: Perm[] = open.flatMap((range) => {
      const ports = hits(range.fromPort, range.toPort);
      if (ports.length === 0) return [];
      return [{
        ...protocolOf(range),
        from_port: range.fromPort,
        to_port: range.toPort,
        cidr: range.cidr,
        ...(range.prefixListId ? { prefix_list_id: range.prefixListId } : {}),
        status: range.status,
        restricted_ports: ports,
      }];
    });
    const status: OpenStatus | undefined = perms.some((p) => p.status === 'open_completely') ? 'open_completely' : perms.length > 0 ? 'open_partly' : undefined;
    // An unreadable list matters only on a rule that reaches a restricted port, and
    // only while it could still change the verdict or its severity.
    const unknown = unreadable.filter((list) => hits(list.fromPort, list.toPort).length > 0);
    if (status !== 'open_completely') {
      for (const list of unknown) need(list.detail, `prefix list ${list.prefixListId}, which opens ${reach({ ...protocolOf(list), restricted_ports: hits(list.fromPort, list.toPort) })},`);
    }
    if (status === undefined) return pass(`no restricted port of ${restricted.join(', ')} is open to a public range`);
    const evidence: Evidence = {
      status,
      perms: perms.map((perm) => ({ ...perm })),
      ...(unknown.length > 0 ? { unreadable_prefix_lists: unknown.map((list) => ({ prefix_list_id: list.prefixListId, error: list.detail.ok ? '' : list.detail.error })) } : {}),
    };
    const name = (id: string): string | undefined => {
      const list = inventory.prefixLists[id];
      return list?.ok ? list.value.name : undefined;
    };
    const summary = `${group.groupId} (${group.groupName}) is ${status}: ${describe(perms, name)}`;
    return status === 'open_partly' && params.openPartlyLevelsBelow > 0 ? failBelow(params.openPartlyLevelsBelow, summary, evidence) : fail(summary, evidence);
  },
});
