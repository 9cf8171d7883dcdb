import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { ec2NetworkCollector, type Ec2NetworkInventory, type SecurityGroupItem } from '../collect.js';
import { protocolLabel } from '../ports.js';
import type { SecurityGroupRule } from '../collect.js';

function describeRule(direction: 'ingress' | 'egress', rule: SecurityGroupRule) {
  return {
    direction,
    protocol: protocolLabel(rule.protocol),
    from_port: rule.fromPort ?? null,
    to_port: rule.toPort ?? null,
    sources: [...rule.ipv4Ranges, ...rule.ipv6Ranges, ...rule.prefixListIds, ...rule.groupIds],
  };
}

export default defineCheck<Ec2NetworkInventory, SecurityGroupItem>({
  meta: {
    id: 'ec2-default-security-group-restricts-all-traffic',
    service: 'ec2',
    title: 'The default security group of a VPC allows no inbound or outbound traffic',
    description:
      'Every VPC has a default security group that resources join when no group is named. It should have no rules, so that nothing is reachable or can reach out by accident.',
    severity: 'HIGH',
    resourceType: 'AwsEc2SecurityGroup',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Move resources to purpose-built security groups, then delete every inbound and outbound rule of the default security group.',
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
    },
    compliance: { fsbp: ['EC2.2'], cis: ['5.4'], nist: ['AC-4', 'SC-7'] },
  },
  collector: ec2NetworkCollector,
  select: (inventory) => inventory.securityGroups.filter((g) => g.groupName === 'default' && g.vpcId !== undefined),
  evaluate(group) {
    const rules = [...group.ingress.map((r) => describeRule('ingress', r)), ...group.egress.map((r) => describeRule('egress', r))];
    if (rules.length === 0) return pass('the default security group has no rules');
    return fail(`the default security group ${group.groupId} of ${group.vpcId} has ${rules.length} rule(s)`, { rules });
  },
});
