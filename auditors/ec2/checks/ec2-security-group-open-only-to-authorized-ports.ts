import { z } from 'zod';
import { defineCheck, fail, pass, type Evidence } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { ec2NetworkCollector, type Ec2NetworkInventory, type SecurityGroupItem } from '../collect.js';
import { publicIngress, type OpenRange } from '../ports.js';

const port = z.number().int().min(0).max(65535);

const parameters = z
  .object({
    /** FSBP EC2.18's authorizedTcpPorts and its default. */
    authorizedTcpPorts: z.array(port).default([80, 443]),
    /** FSBP EC2.18's authorizedUdpPorts: none by default. */
    authorizedUdpPorts: z.array(port).default([]),
  })
  .strict();

type Params = z.infer<typeof parameters>;

/** The ports of from..to that are not authorised, as inclusive ranges. */
function unauthorized(from: number, to: number, authorized: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = from;
  for (const allowed of [...new Set(authorized)].sort((a, b) => a - b)) {
    if (allowed < start || allowed > to) continue;
    if (allowed > start) out.push([start, allowed - 1]);
    start = allowed + 1;
  }
  if (start <= to) out.push([start, to]);
  return out;
}

/** The ports a rule opens beyond the lists; every port of a protocol other than TCP and UDP counts (none is authorised). */
function beyond(range: Pick<OpenRange, 'ipProtocol' | 'fromPort' | 'toPort'>, params: Params): Array<[number, number]> {
  if (range.ipProtocol === 'tcp') return unauthorized(range.fromPort, range.toPort, params.authorizedTcpPorts);
  if (range.ipProtocol === 'udp') return unauthorized(range.fromPort, range.toPort, params.authorizedUdpPorts);
  return [[range.fromPort, range.toPort]];
}

const portsText = (ranges: ReadonlyArray<[number, number]>): string => ranges.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(', ');

function reach(range: Pick<OpenRange, 'protocol' | 'ipProtocol'>, ports: ReadonlyArray<[number, number]>): string {
  if (range.ipProtocol === 'tcp' || range.ipProtocol === 'udp') return `${range.protocol}/${portsText(ports)}`;
  if (range.ipProtocol === '-1') return 'all protocols and ports';
  return `${/^\d+$/.test(range.protocol) ? `protocol ${range.protocol}` : range.protocol} on every port`;
}

export default defineCheck<Ec2NetworkInventory, SecurityGroupItem, Params>({
  meta: {
    id: 'ec2-security-group-open-only-to-authorized-ports',
    service: 'ec2',
    title: 'Security groups allow unrestricted ingress only to authorized ports',
    description:
      'FSBP EC2.18, the "any port open to the internet" question: fails a security group whose ingress rules open a port to 0.0.0.0/0 or ::/0 (directly or through a managed prefix list holding them) unless it is an authorized TCP (authorizedTcpPorts, default 80 and 443) or UDP port (authorizedUdpPorts, default none), whatever the port. All-protocol rules and protocols other than TCP, UDP, ICMP and ICMPv6 open every port and always fail; ICMP has no ports and is not judged. Narrower public ranges are the restricted-ports check\'s question.',
    severity: 'HIGH',
    resourceType: 'AwsEc2SecurityGroup',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Narrow the listed rules to the addresses that need the port (or put the service behind a load balancer that is the only thing open to the internet), or, if the port must be public, add it to authorizedTcpPorts or authorizedUdpPorts.',
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    },
    compliance: { fsbp: ['EC2.18'], nist: ['AC-4', 'SC-7'] },
  },
  collector: ec2NetworkCollector,
  parameters,
  select: (inventory) => inventory.securityGroups,
  evaluate(group, params, inventory) {
    const { open, unreadable } = publicIngress(group.ingress, inventory.prefixLists);
    const perms = open
      .filter((range) => range.status === 'open_completely')
      .flatMap((range) => {
        const ports = beyond(range, params);
        if (ports.length === 0) return [];
        return [{
          protocol: range.protocol,
          from_port: range.fromPort,
          to_port: range.toPort,
          cidr: range.cidr,
          ...(range.prefixListId ? { prefix_list_id: range.prefixListId } : {}),
          unauthorized_ports: portsText(ports),
          reach: reach(range, ports),
        }];
      });
    // A list that could not be read matters only on a rule that reaches an unauthorised port, and only while the group still passes.
    const unknown = unreadable.filter((list) => beyond(list, params).length > 0);
    if (perms.length === 0) {
      for (const list of unknown) need(list.detail, `prefix list ${list.prefixListId}, which opens ${reach(list, beyond(list, params))},`);
      const list = (ports: readonly number[]): string => (ports.length > 0 ? ports.join(', ') : 'none');
      return pass(`nothing is open to 0.0.0.0/0 or ::/0 beyond the authorized TCP ports (${list(params.authorizedTcpPorts)}) and UDP ports (${list(params.authorizedUdpPorts)})`);
    }
    const evidence: Evidence = {
      perms: perms.map(({ reach: _reach, ...perm }) => perm),
      authorized_tcp_ports: params.authorizedTcpPorts,
      authorized_udp_ports: params.authorizedUdpPorts,
      ...(unknown.length > 0 ? { unreadable_prefix_lists: unknown.map((list) => ({ prefix_list_id: list.prefixListId, error: list.detail.ok ? '' : list.detail.error })) } : {}),
    };
    const phrases = [...new Set(perms.map((perm) => `${perm.reach} from ${perm.prefix_list_id ? `prefix list ${perm.prefix_list_id} (${perm.cidr})` : perm.cidr}`))];
    const shown = phrases.length <= 4 ? phrases.join('; ') : `${phrases.slice(0, 4).join('; ')}; and ${phrases.length - 4} more`;
    return fail(`${group.groupId} (${group.groupName}) opens unauthorized ports to the internet: ${shown}`, evidence);
  },
});
