import { z } from 'zod';
import { defineCheck, fail, MissingInputError, notApplicable, pass, reported, type JsonValue } from '../../../src/core/check.js';
import { isWorldOpen, parseCidr } from '../../../src/util/cidr.js';
import { vpcCollector, type NetworkAclEntryRecord, type NetworkAclItem, type VpcInventory } from '../collect.js';

const parameters = z
  .object({
    /** CIS 5.1's remote administration ports: SSH and RDP. */
    ports: z.array(z.number().int().min(0).max(65535)).min(1).default([22, 3389]),
  })
  .strict();

/** The IANA numbers of the two protocols that carry ports, as network ACL entries name them. */
const PROTOCOLS = [
  { name: 'tcp', number: '6' },
  { name: 'udp', number: '17' },
] as const;

const FAMILIES = [
  { version: 4, world: '0.0.0.0/0', size: 1n << 32n },
  { version: 6, world: '::/0', size: 1n << 128n },
] as const;

type Protocol = (typeof PROTOCOLS)[number];
type Family = (typeof FAMILIES)[number];

interface Judged {
  entry: NetworkAclEntryRecord;
  ruleNumber: number;
  action: string;
  protocol: string;
  cidr: string;
}

const describeAcl = (acl: NetworkAclItem): string => `${acl.networkAclId}${acl.vpcId ? ` (${acl.vpcId})` : ''}`;

/** The entry's fields every decision needs, or an ERROR naming the one the service left out. */
function judged(entry: NetworkAclEntryRecord, acl: NetworkAclItem): Judged {
  const at = `an inbound entry of network ACL ${acl.networkAclId}`;
  reported(entry.direction, 'whether the entry is inbound (Egress)', at);
  const ruleNumber = reported(entry.ruleNumber, 'RuleNumber', at);
  const where = `rule ${ruleNumber} of network ACL ${acl.networkAclId}`;
  const cidr = reported(entry.cidrBlock ?? entry.ipv6CidrBlock, 'CidrBlock or Ipv6CidrBlock', where);
  return { entry, ruleNumber, action: reported(entry.ruleAction, 'RuleAction', where).toLowerCase(), protocol: reported(entry.protocol, 'Protocol', where).trim().toLowerCase(), cidr };
}

/** Whether the entry applies to the protocol and port. Entries of other protocols (ICMP, ESP…) never carry TCP or UDP. */
function applies(rule: Judged, protocol: Protocol, port: number): boolean {
  const named = rule.protocol === 'all' ? '-1' : rule.protocol;
  if (named === '-1') return true;
  if (named !== protocol.number && named !== protocol.name) return false;
  const from = rule.entry.portRange?.from ?? 0;
  const to = rule.entry.portRange?.to ?? 65535;
  return port >= from && port <= to;
}

/** Whether the ranges, joined, hold every address of the family. */
function coverAll(ranges: ReadonlyArray<{ start: bigint; end: bigint }>, family: Family): boolean {
  let next = 0n;
  for (const range of [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    if (range.start > next) return false;
    if (range.end + 1n > next) next = range.end + 1n;
  }
  return next >= family.size;
}

/**
 * The entry that decides whether the whole internet (0.0.0.0/0 or ::/0) reaches
 * the port: entries apply in rule-number order and the first that matches a
 * packet wins, so the first whole-internet entry decides, unless the narrower
 * entries before it already match every address (then none reaches it).
 */
function decidingRule(rules: readonly Judged[], family: Family, protocol: Protocol, port: number): Judged | undefined {
  const before: Array<{ start: bigint; end: bigint }> = [];
  for (const rule of rules) {
    const cidr = parseCidr(rule.cidr);
    if (!cidr) throw new MissingInputError(`rule ${rule.ruleNumber} names a source ${rule.cidr} that is not a CIDR block, so the rules after it cannot be judged`);
    if (cidr.version !== family.version || !applies(rule, protocol, port)) continue;
    if (isWorldOpen(rule.cidr)) return rule;
    before.push(cidr);
    if (coverAll(before, family)) return undefined;
  }
  return undefined;
}

const ruleText = (rule: Judged): string => `rule ${rule.ruleNumber} ${rule.action} ${rule.protocol === '-1' ? 'all traffic' : `protocol ${rule.protocol}${rule.entry.portRange ? ` ports ${rule.entry.portRange.from ?? 0}-${rule.entry.portRange.to ?? 65535}` : ''}`} from ${rule.cidr}`;

export default defineCheck<VpcInventory, NetworkAclItem, z.infer<typeof parameters>>({
  meta: {
    id: 'vpc-network-acl-no-unrestricted-admin-ports',
    service: 'vpc',
    title: 'Network ACLs do not allow ingress from 0.0.0.0/0 or ::/0 to remote administration ports',
    description:
      'FSBP EC2.21 and CIS 5.1: fails a network ACL whose inbound entries let 0.0.0.0/0 or ::/0 reach TCP or UDP port 22 or 3389 (parameter ports). Entries apply in rule-number order and the first match wins: a deny of the whole internet before a later allow protects the port, a deny of part of it does not. All-traffic entries count. A default network ACL keeps its allow-all entry unless changed, so it fails. An ACL shared by another account is judged there.',
    severity: 'MEDIUM',
    resourceType: 'AwsEc2NetworkAcl',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Add inbound deny entries for ports 22 and 3389 from 0.0.0.0/0 and ::/0 numbered below the allow entries (or narrow the allow entries to the ranges that need access), and reach hosts through Session Manager or a VPN instead.',
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html',
    },
    compliance: { fsbp: ['EC2.21'], cis: ['5.1'], nist: ['AC-4', 'SC-7', 'CM-7'] },
  },
  collector: vpcCollector,
  parameters,
  select: (inventory) => inventory.networkAcls,
  evaluate(acl, params) {
    if (acl.sharedBy) return notApplicable(`the network ACL is shared by account ${acl.sharedBy}, which owns its entries`);
    const rules = acl.ingress.map((entry) => judged(entry, acl)).sort((a, b) => a.ruleNumber - b.ruleNumber);
    const ports = [...new Set(params.ports)].sort((a, b) => a - b);
    const open: Array<{ [key: string]: JsonValue }> = [];
    const closed: Array<{ [key: string]: JsonValue }> = [];
    for (const port of ports) {
      for (const protocol of PROTOCOLS) {
        for (const family of FAMILIES) {
          const rule = decidingRule(rules, family, protocol, port);
          if (!rule) continue;
          const row = { port, protocol: protocol.name, source: family.world, rule_number: rule.ruleNumber, rule_action: rule.action, rule: ruleText(rule) };
          (rule.action === 'allow' ? open : closed).push(row);
        }
      }
    }
    const evidence = {
      network_acl_id: acl.networkAclId,
      vpc_id: acl.vpcId ?? null,
      is_default: acl.isDefault,
      associated_subnets: acl.subnetIds,
      open,
      ...(closed.length > 0 ? { denied_by: closed } : {}),
    };
    if (open.length === 0) return pass(`no inbound entry lets 0.0.0.0/0 or ::/0 reach port ${ports.join(' or ')}`, evidence);
    const byRule = new Map<string, string[]>();
    for (const row of open) byRule.set(String(row.rule), [...(byRule.get(String(row.rule)) ?? []), `${row.protocol}/${row.port}`]);
    const phrases = [...byRule].map(([rule, reached]) => `${rule} opens ${reached.join(', ')}`);
    const shown = phrases.length <= 3 ? phrases.join('; ') : `${phrases.slice(0, 3).join('; ')}; and ${phrases.length - 3} more rules`;
    return fail(`network ACL ${describeAcl(acl)}${acl.isDefault ? ', the default of its VPC,' : ''} lets the internet in: ${shown}`, evidence);
  },
});
