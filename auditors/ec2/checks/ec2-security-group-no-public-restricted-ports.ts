import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { ec2NetworkCollector, type Ec2NetworkInventory, type SecurityGroupItem } from '../collect.js';
import { publicIngress } from '../ports.js';

/** Hammer's default restricted ports. */
export const DEFAULT_RESTRICTED_PORTS = [21, 22, 23, 3389, 1433, 1521, 3306, 5432, 27017];

const parameters = z
  .object({
    restrictedPorts: z.array(z.number().int().min(0).max(65535)).min(1).default(DEFAULT_RESTRICTED_PORTS),
  })
  .strict();

export default defineCheck<Ec2NetworkInventory, SecurityGroupItem, z.infer<typeof parameters>>({
  meta: {
    id: 'ec2-security-group-no-public-restricted-ports',
    service: 'ec2',
    title: 'Security groups do not allow ingress from public addresses to restricted ports',
    description:
      'Flags security group ingress rules that open a restricted port (SSH, RDP, databases…; all-ports and all-protocol rules included, ICMP ignored) to a public IPv4 or IPv6 range. open_completely means 0.0.0.0/0 or ::/0; open_partly means another public range.',
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
  evaluate(group, params) {
    const restricted = [...new Set(params.restrictedPorts)].sort((a, b) => a - b);
    const perms = publicIngress(group.ingress).flatMap((open) => {
      const ports = restricted.filter((port) => port >= open.fromPort && port <= open.toPort);
      return ports.length > 0 ? [{ protocol: open.protocol, from_port: open.fromPort, to_port: open.toPort, cidr: open.cidr, status: open.status, restricted_ports: ports }] : [];
    });
    if (perms.length === 0) return pass(`no restricted port of ${restricted.join(', ')} is open to a public range`);
    const status = perms.some((p) => p.status === 'open_completely') ? 'open_completely' : 'open_partly';
    const ports = [...new Set(perms.flatMap((p) => p.restricted_ports))].sort((a, b) => a - b);
    return fail(`${group.groupId} (${group.groupName}) is ${status}: restricted port(s) ${ports.join(', ')} reachable from ${[...new Set(perms.map((p) => p.cidr))].join(', ')}`, {
      status,
      perms,
    });
  },
});
