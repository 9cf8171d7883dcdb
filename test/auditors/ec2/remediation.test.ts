/** The security group fix against moto: precise, idempotent, and rolled back exactly. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, EC2Client, type IpPermission } from '@aws-sdk/client-ec2';
import { ec2NetworkCollector } from '../../../auditors/ec2/collect.js';
import check from '../../../auditors/ec2/checks/ec2-security-group-no-public-restricted-ports.js';
import fix, { type SecurityGroupSnapshot } from '../../../auditors/ec2/remediations/ec2-revoke-public-restricted-port-ranges.js';
import { toJson } from '../../../auditors/ec2/remediations/apply.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { performAll, planFix, recheck, roundTrip, type FixSubject } from '../../helpers/remediation.js';

const emulator = useEmulator();

async function groupWith(permissions: IpPermission[]): Promise<ResourceRef> {
  const ec2 = emulator.clients().get(EC2Client);
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: `g-${Math.random().toString(36).slice(2, 8)}`, Description: 'test' }));
  const id = GroupId as string;
  if (permissions.length > 0) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: permissions }));
  return { type: 'AwsEc2SecurityGroup', arn: `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:security-group/${id}`, id, region: REGION, partition: 'aws', tags: {} };
}

const subject = (resource: ResourceRef, params: Record<string, unknown> = {}): FixSubject => ({ ctx: emulator.collectContext(), collector: ec2NetworkCollector, check, fix, resource, params });

const MIXED: IpPermission[] = [
  { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ssh from anywhere' }, { CidrIp: '8.8.8.0/24', Description: 'partner' }, { CidrIp: '10.0.0.0/8', Description: 'office vpn' }] },
  { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'web' }] },
  { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, Ipv6Ranges: [{ CidrIpv6: '::/0', Description: 'rdp v6' }, { CidrIpv6: 'fd00::/8', Description: 'ula' }] },
  { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ping' }] },
];

describe('ec2-revoke-public-restricted-port-ranges', () => {
  it('revokes only the public ranges on restricted ports, and the rollback restores the group exactly', async () => {
    // prepare
    const resource = await groupWith(MIXED);
    // act
    const { plan, fixed } = await roundTrip(subject(resource));
    // assert
    assert.equal(plan.calls.length, 1);
    assert.equal(plan.calls[0]?.action, 'ec2:RevokeSecurityGroupIngress');
    const after = (fixed as SecurityGroupSnapshot).IpPermissions;
    const cidrs = (port: number) => after.filter((p) => p.FromPort === port).flatMap((p) => [...(p.IpRanges ?? []).map((r) => `${r.CidrIp}=${r.Description ?? ''}`), ...(p.Ipv6Ranges ?? []).map((r) => `${r.CidrIpv6}=${r.Description ?? ''}`)]);
    assert.deepEqual(cidrs(22), ['10.0.0.0/8=office vpn']);
    assert.deepEqual(cidrs(443), ['0.0.0.0/0=web'], 'a port that is not restricted keeps its public range');
    assert.deepEqual(cidrs(3389), ['fd00::/8=ula']);
    assert.deepEqual(cidrs(-1), ['0.0.0.0/0=ping'], 'ICMP is left alone');
  });

  it('with replaceWithPrivateRanges, authorises the RFC 1918 ranges in place of the public IPv4 ones, and the rollback removes them', async () => {
    // prepare
    const resource = await groupWith([{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.0.0.0/8', Description: 'kept' }] }]);
    // act
    const { plan, fixed } = await roundTrip(subject(resource, { replaceWithPrivateRanges: true }));
    // assert
    assert.deepEqual(plan.calls.map((c) => c.action), ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'], 'the private ranges are added before the public one goes');
    const ranges = (fixed as SecurityGroupSnapshot).IpPermissions.flatMap((p) => (p.IpRanges ?? []).map((r) => r.CidrIp)).sort();
    assert.deepEqual(ranges, ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], '10.0.0.0/8 was already there and is not added twice');
  });

  it('an all-traffic rule loses only its public range', async () => {
    // prepare
    const resource = await groupWith([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '192.168.0.0/16' }] }]);
    // act
    const { fixed } = await roundTrip(subject(resource));
    // assert
    assert.deepEqual((fixed as SecurityGroupSnapshot).IpPermissions.flatMap((p) => (p.IpRanges ?? []).map((r) => r.CidrIp)), ['192.168.0.0/16']);
  });

  it('plans nothing for a group fixed meanwhile, and a revoke already made is not an error', async () => {
    // prepare
    const resource = await groupWith([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
    const { plan } = await planFix(subject(resource));
    await performAll(subject(resource), plan.calls);
    // act
    const verdict = await recheck(subject(resource));
    const snapshot = await fix.snapshot(emulator.collectContext(), resource);
    const again = fix.plan({ resource, snapshot, evidence: {}, params: { replaceWithPrivateRanges: false }, checkParams: {} });
    await performAll(subject(resource), plan.calls);
    // assert
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(again, { calls: [], left: [] });
  });

  it('a group deleted meanwhile is absent from the re-check', async () => {
    // prepare
    const resource: ResourceRef = { type: 'AwsEc2SecurityGroup', arn: `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:security-group/sg-0123456789abcdef0`, id: 'sg-0123456789abcdef0', region: REGION, partition: 'aws', tags: {} };
    // act
    const verdict = await recheck(subject(resource));
    // assert
    assert.equal(verdict.status, 'ABSENT');
    await assert.rejects(fix.snapshot(emulator.collectContext(), resource), { name: 'ResourceGoneError' });
  });

  it('names a public prefix list it will not edit, and plans no call for it', () => {
    // prepare
    const snapshot: SecurityGroupSnapshot = { GroupId: 'sg-1', GroupName: 'g', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: 'pl-123' }] }], IpPermissionsEgress: [] };
    const resource: ResourceRef = { type: 'AwsEc2SecurityGroup', arn: 'arn:aws:ec2:us-east-1:1:security-group/sg-1', id: 'sg-1', region: REGION, partition: 'aws', tags: {} };
    // act
    const plan = fix.plan({ resource, snapshot, evidence: {}, params: { replaceWithPrivateRanges: false }, checkParams: {} });
    // assert
    assert.deepEqual(plan.calls, []);
    assert.match(plan.left[0] ?? '', /prefix list pl-123 .* not edited/);
  });

  it('the snapshot is what DescribeSecurityGroups says, descriptions included', async () => {
    // prepare
    const resource = await groupWith(MIXED.slice(0, 1));
    // act
    const snapshot = await fix.snapshot(emulator.collectContext(), resource);
    const { SecurityGroups } = await emulator.clients().get(EC2Client).send(new DescribeSecurityGroupsCommand({ GroupIds: [resource.id] }));
    // assert
    assert.deepEqual(snapshot.IpPermissions, toJson(SecurityGroups?.[0]?.IpPermissions));
    assert.equal(snapshot.IpPermissions[0]?.IpRanges?.find((r) => r.CidrIp === '8.8.8.0/24')?.Description, 'partner');
  });
});
