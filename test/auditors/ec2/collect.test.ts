/** The EC2 network collector against the emulator: security groups, the prefix lists they reference, protocols as moto reports them. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  AuthorizeSecurityGroupIngressCommand, CreateManagedPrefixListCommand, CreateSecurityGroupCommand, CreateVpcCommand,
  DescribeManagedPrefixListsCommand, EC2Client, type IpPermission,
} from '@aws-sdk/client-ec2';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { seedEc2 } from '../../../src/emulator/seeds/ec2.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { ec2NetworkCollector } from '../../../auditors/ec2/collect.js';
import { ec2Auditor } from '../../../auditors/ec2/index.js';
import publicPorts from '../../../auditors/ec2/checks/ec2-security-group-no-public-restricted-ports.js';
import authorizedPorts from '../../../auditors/ec2/checks/ec2-security-group-open-only-to-authorized-ports.js';
import { DEFAULT_ACCOUNT, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

interface Setup {
  ec2: EC2Client;
  vpcId: string;
  groupWith(name: string, ingress: IpPermission[]): Promise<string>;
}

async function setup(): Promise<Setup> {
  const ec2 = emulator.clients().get(EC2Client);
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }));
  const vpcId = Vpc?.VpcId as string;
  return {
    ec2,
    vpcId,
    async groupWith(name, ingress) {
      const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }));
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: ingress }));
      return GroupId as string;
    },
  };
}

const fromList = (port: number, ...ids: string[]): IpPermission => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, PrefixListIds: ids.map((PrefixListId) => ({ PrefixListId })) });

describe('ec2NetworkCollector against the emulator', () => {
  it('the demo seed fails every check at least once, and its decoys fail none', async () => {
    // prepare
    const seed = await seedEc2(emulator.clients());

    // act
    const inventory = await ec2NetworkCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(ec2Auditor.checks), inventory);

    // assert
    for (const check of ec2Auditor.checks) assert.ok(results.some((r) => r.checkId === check.meta.id && r.status === 'FAILED'), `${check.meta.id} has a FAILED result`);
    const name = (id: string): string => inventory.securityGroups.find((g) => g.groupId === id)?.groupName ?? id;
    const label = (checkId: string): string => (checkId === publicPorts.meta.id ? 'ports' : checkId === authorizedPorts.meta.id ? 'open' : 'default');
    const row = (id: string): string => results.filter((r) => r.resource.id === id).map((r) => `${label(r.checkId)}=${r.status}${r.status === 'FAILED' ? `/${r.severity}` : ''}`).join(' ');
    assert.deepEqual(Object.fromEntries(seed.insecure.map((id) => [name(id), row(id)])), {
      'demo-ssh-world': 'ports=FAILED/HIGH open=FAILED/HIGH',
      'demo-mysql-partner': 'ports=FAILED/MEDIUM open=PASSED',
      'demo-all-traffic-ipv6': 'ports=FAILED/HIGH open=FAILED/HIGH',
      'demo-ssh-partner-list': 'ports=FAILED/MEDIUM open=PASSED',
      'demo-esp-world': 'ports=FAILED/HIGH open=FAILED/HIGH',
      'demo-app-port-world': 'ports=PASSED open=FAILED/HIGH',
      'demo-app-port-anywhere-list': 'ports=PASSED open=FAILED/HIGH',
    });
    assert.deepEqual(Object.fromEntries(seed.compliant.map((id) => [name(id), row(id)])), {
      'demo-ssh-private': 'ports=PASSED open=PASSED',
      'demo-ssh-lab-ranges': 'ports=PASSED open=PASSED',
      'demo-https-world': 'ports=PASSED open=PASSED',
      'demo-ping-world': 'ports=PASSED open=PASSED',
      'demo-ssh-internal-list': 'ports=PASSED open=PASSED',
      'demo-https-s3-list': 'ports=PASSED open=PASSED',
      default: 'ports=PASSED default=PASSED open=PASSED',
    });
    assert.equal(results.filter((r) => r.status === 'ERROR').length, 0);
  });

  it('reads each referenced prefix list once, customer- and AWS-managed, and the check judges its entries as the rule\'s ranges', async () => {
    // prepare
    const { ec2, groupWith } = await setup();
    const { PrefixList } = await ec2.send(new CreateManagedPrefixListCommand({
      PrefixListName: 'partners', AddressFamily: 'IPv4', MaxEntries: 5, Entries: [{ Cidr: '8.8.8.0/24', Description: 'partner' }, { Cidr: '10.0.0.0/8' }],
    }));
    const partners = PrefixList?.PrefixListId as string;
    const s3List = await ec2.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-east-1.s3'] }] }));
    const s3 = s3List.PrefixLists?.[0]?.PrefixListId as string;
    const ssh = await groupWith('ssh-partners', [fromList(22, partners)]);
    const mixed = await groupWith('rdp-partners-pg-s3', [fromList(3389, partners), fromList(5432, s3)]);
    const https = await groupWith('https-s3', [fromList(443, s3)]);
    const counter = new RequestCounter();

    // act
    const inventory = await ec2NetworkCollector.collect(emulator.collectContext({ counter }));
    const { results } = evaluateChecks(task([publicPorts]), inventory);

    // assert
    assert.deepEqual(counter.snapshot(), { 'EC2:DescribeManagedPrefixLists': 1, 'EC2:DescribeSecurityGroups': 1, 'EC2:GetManagedPrefixListEntries': 2 });
    assert.deepEqual(inventory.prefixLists[partners], { ok: true, value: { prefixListId: partners, name: 'partners', ownerId: DEFAULT_ACCOUNT, addressFamily: 'IPv4', cidrs: ['8.8.8.0/24', '10.0.0.0/8'] } });
    const aws = inventory.prefixLists[s3];
    assert.ok(aws?.ok && aws.value.ownerId === 'AWS' && aws.value.name === 'com.amazonaws.us-east-1.s3' && aws.value.cidrs.length > 0, JSON.stringify(aws));
    const status = (id: string): string | undefined => results.find((r) => r.resource.id === id)?.status;
    assert.deepEqual([status(ssh), status(mixed), status(https)], ['FAILED', 'FAILED', 'PASSED']);
    const sshResult = results.find((r) => r.resource.id === ssh);
    assert.equal(sshResult?.severity, 'MEDIUM', 'open_partly only');
    assert.deepEqual(sshResult?.evidence.perms, [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr: '8.8.8.0/24', prefix_list_id: partners, status: 'open_partly', restricted_ports: [22] }]);
    assert.match(sshResult?.summary ?? '', new RegExp(`tcp/22 from prefix list ${partners} \\(partners\\): 8\\.8\\.8\\.0/24$`));
    const mixedPorts = (results.find((r) => r.resource.id === mixed)?.evidence.perms as Array<{ restricted_ports: number[]; prefix_list_id: string }>).map((p) => `${p.prefix_list_id === s3 ? 's3' : 'partners'}:${p.restricted_ports.join()}`);
    assert.deepEqual([...new Set(mixedPorts)], ['partners:3389', 's3:5432']);
  });

  it('makes no prefix list call when no rule references one', async () => {
    // prepare
    const { groupWith } = await setup();
    await groupWith('ssh-world', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
    const counter = new RequestCounter();

    // act
    const inventory = await ec2NetworkCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(counter.snapshot(), { 'EC2:DescribeSecurityGroups': 1 });
    assert.deepEqual(inventory.prefixLists, {});
  });

  it('a referenced list the account cannot see makes only the groups it reaches restricted (or unauthorized) ports from ERROR', async () => {
    // prepare: the emulator accepts a reference to a list that does not exist, and answers its entries with an empty list
    const { groupWith } = await setup();
    const missing = 'pl-0123456789abcdef0';
    const hidden = await groupWith('ssh-from-missing-list', [fromList(22, missing)]);
    const https = await groupWith('https-from-missing-list', [fromList(443, missing)]);
    const open = await groupWith('ssh-world', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);

    // act
    const inventory = await ec2NetworkCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(ec2Auditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.prefixLists[missing], { ok: false, error: 'it is not among the prefix lists this account can see' });
    const status = (id: string, checkId = publicPorts.meta.id): string | undefined => results.find((r) => r.resource.id === id && r.checkId === checkId)?.status;
    assert.deepEqual([status(hidden), status(https), status(open)], ['ERROR', 'PASSED', 'FAILED']);
    assert.deepEqual([hidden, https, open].map((id) => status(id, authorizedPorts.meta.id)), ['ERROR', 'PASSED', 'FAILED'], 'port 443 is authorized: the unreadable list cannot change that verdict');
    assert.ok(results.filter((r) => r.checkId !== publicPorts.meta.id && r.checkId !== authorizedPorts.meta.id).every((r) => r.status !== 'ERROR'), 'the default group check reads no list');
  });

  it('judges protocols as the emulator reports them: numbers and names, other protocols on every port, ICMPv6 never', async () => {
    // prepare
    const { groupWith } = await setup();
    const esp = await groupWith('esp-world', [{ IpProtocol: '50', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
    const snmp = await groupWith('snmp-partner', [{ IpProtocol: '17', FromPort: 161, ToPort: 161, IpRanges: [{ CidrIp: '8.8.8.0/24' }] }]);
    const ping = await groupWith('ping6-world', [{ IpProtocol: '58', FromPort: -1, ToPort: -1, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }]);
    const lab = await groupWith('ssh-benchmark-net', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '198.18.0.0/15' }], Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }] }]);

    // act
    const inventory = await ec2NetworkCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task([publicPorts], { [publicPorts.meta.id]: { restrictedPorts: [22, 161] } }), inventory);

    // assert
    const byId = (id: string) => results.find((r) => r.resource.id === id);
    assert.deepEqual([esp, snmp, ping, lab].map((id) => byId(id)?.status), ['FAILED', 'FAILED', 'PASSED', 'PASSED']);
    assert.deepEqual([esp, snmp, ping].map((id) => inventory.securityGroups.find((g) => g.groupId === id)?.ingress[0]?.protocol), ['50', 'udp', '58']);
    assert.match(byId(esp)?.summary ?? '', /esp \(protocol 50\) on every port from 0\.0\.0\.0\/0$/);
    assert.match(byId(snmp)?.summary ?? '', /is open_partly: udp\/161 from 8\.8\.8\.0\/24$/);
    assert.equal(byId(esp)?.severity, 'HIGH');
    assert.equal(byId(snmp)?.severity, 'MEDIUM');
  });
});
