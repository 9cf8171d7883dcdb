import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import publicPorts from '../../../auditors/ec2/checks/ec2-security-group-no-public-restricted-ports.js';
import defaultGroup from '../../../auditors/ec2/checks/ec2-default-security-group-restricts-all-traffic.js';
import type { SecurityGroupItem, SecurityGroupRule, Ec2NetworkInventory } from '../../../auditors/ec2/collect.js';

function rule(partial: Partial<SecurityGroupRule>): SecurityGroupRule {
  return { protocol: 'tcp', ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], groupIds: [], ...partial };
}

function group(ingress: SecurityGroupRule[], partial: Partial<SecurityGroupItem> = {}): SecurityGroupItem {
  return {
    ref: { type: 'AwsEc2SecurityGroup', arn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-1', id: 'sg-1', region: 'us-east-1', partition: 'aws', tags: {} },
    groupId: 'sg-1',
    groupName: 'web',
    vpcId: 'vpc-1',
    ownerId: '123456789012',
    ingress,
    egress: [],
    ...partial,
  };
}

const inventory: Ec2NetworkInventory = { securityGroups: [] };
const defaults = publicPorts.parameters?.parse({}) as { restrictedPorts: number[] };

describe('ec2-security-group-no-public-restricted-ports', () => {
  it('fails open_completely for SSH open to 0.0.0.0/0, listing the rule', () => {
    // prepare
    const sg = group([rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })]);
    // act
    const verdict = publicPorts.evaluate(sg, defaults, inventory);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.status, 'open_completely');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.perms, [
      { protocol: 'tcp', from_port: 22, to_port: 22, cidr: '0.0.0.0/0', status: 'open_completely', restricted_ports: [22] },
    ]);
  });

  it('fails open_partly for a public /24 and open_completely for ::/0', () => {
    const partly = publicPorts.evaluate(group([rule({ fromPort: 3306, toPort: 3306, ipv4Ranges: ['52.94.76.0/22'] })]), defaults, inventory);
    const v6 = publicPorts.evaluate(group([rule({ fromPort: 5432, toPort: 5432, ipv6Ranges: ['::/0'] })]), defaults, inventory);
    assert.equal(partly.status === 'FAILED' && partly.evidence.status, 'open_partly');
    assert.equal(v6.status === 'FAILED' && v6.evidence.status, 'open_completely');
  });

  it('counts all-protocol and all-port rules, in IPv4 and IPv6', () => {
    const allProtocols = publicPorts.evaluate(group([rule({ protocol: '-1', ipv6Ranges: ['2600:1f18::/32'] })]), defaults, inventory);
    const allPorts = publicPorts.evaluate(group([rule({ protocol: '6', fromPort: 0, toPort: 65535, ipv4Ranges: ['0.0.0.0/0'] })]), defaults, inventory);
    assert.equal(allProtocols.status, 'FAILED');
    assert.deepEqual(allProtocols.status === 'FAILED' && (allProtocols.evidence.perms as Array<{ restricted_ports: number[] }>)[0]?.restricted_ports, [...defaults.restrictedPorts].sort((a, b) => a - b));
    assert.equal(allPorts.status, 'FAILED');
  });

  it('passes for private ranges, non-restricted ports, ICMP and group references', () => {
    const sg = group([
      rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.1.0/24', '100.64.0.0/10'], ipv6Ranges: ['fd00::/8'] }),
      rule({ fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'] }),
      rule({ protocol: 'icmp', fromPort: -1, toPort: -1, ipv4Ranges: ['0.0.0.0/0'] }),
      rule({ protocol: '-1', groupIds: ['sg-2'] }),
    ]);
    assert.equal(publicPorts.evaluate(sg, defaults, inventory).status, 'PASSED');
  });

  it('edge: a range that only partly overlaps private space is public (10.0.0.0/7)', () => {
    const verdict = publicPorts.evaluate(group([rule({ fromPort: 20, toPort: 25, ipv4Ranges: ['10.0.0.0/7'] })]), defaults, inventory);
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && (verdict.evidence.perms as Array<{ restricted_ports: number[] }>)[0]?.restricted_ports, [21, 22, 23]);
  });

  it('uses the configured restricted ports', () => {
    const params = publicPorts.parameters?.parse({ restrictedPorts: [8080] }) as { restrictedPorts: number[] };
    const sg = group([rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] }), rule({ fromPort: 8000, toPort: 9000, ipv4Ranges: ['8.8.8.8/32'] })]);
    const verdict = publicPorts.evaluate(sg, params, inventory);
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.status, 'open_partly');
  });

  it('rejects invalid parameters', () => {
    assert.equal(publicPorts.parameters?.safeParse({ restrictedPorts: [70000] }).success, false);
    assert.equal(publicPorts.parameters?.safeParse({ ports: [22] }).success, false);
  });
});

describe('ec2-default-security-group-restricts-all-traffic', () => {
  it('judges only the default groups of VPCs', () => {
    const inv: Ec2NetworkInventory = { securityGroups: [group([], { groupName: 'default' }), group([], { groupName: 'web' }), group([], { groupName: 'default', vpcId: undefined })] };
    assert.equal(defaultGroup.select(inv).length, 1);
  });

  it('fails when the default group has any rule, listing them', () => {
    const sg = group([rule({ protocol: '-1', groupIds: ['sg-1'] })], { groupName: 'default', egress: [rule({ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'] })] });
    const verdict = defaultGroup.evaluate(sg, {}, inventory);
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && (verdict.evidence.rules as unknown[]).length, 2);
  });

  it('passes when the default group has no rules', () => {
    assert.equal(defaultGroup.evaluate(group([], { groupName: 'default' }), {}, inventory).status, 'PASSED');
  });
});
