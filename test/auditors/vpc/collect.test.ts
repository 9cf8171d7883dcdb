import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateFlowLogsCommand, CreateNetworkAclCommand, CreateNetworkAclEntryCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client, ReplaceNetworkAclAssociationCommand, DescribeNetworkAclsCommand } from '@aws-sdk/client-ec2';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedVpc } from '../../../src/emulator/seeds/vpc.js';
import { vpcCollector } from '../../../auditors/vpc/collect.js';
import { vpcAuditor } from '../../../auditors/vpc/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

describe('vpcCollector against the emulator', () => {
  it('the demo seed fails every check at least once, and its decoy fails none', async () => {
    // prepare
    const seed = await seedVpc(emulator.clients());
    const [noFlowLogs, defaultVpc, sshWorldAcl] = seed.insecure;
    const [loggedVpc, guardedAcl] = seed.compliant;

    // act
    const inventory = await vpcCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(vpcAuditor.checks), inventory);

    // assert
    for (const check of vpcAuditor.checks) assert.ok(results.some((r) => r.checkId === check.meta.id && r.status === 'FAILED'), `${check.meta.id} has a FAILED result`);
    const table = results.map((r) => `${r.resource.id} ${r.checkId}=${r.status}`).sort();
    // Every VPC's default network ACL allows all inbound traffic, as in AWS.
    const defaultAcls = inventory.networkAcls.filter((acl) => acl.isDefault).map((acl) => acl.networkAclId);
    assert.equal(defaultAcls.length, 3);
    assert.deepEqual(table, [
      `${noFlowLogs} vpc-flow-logs-enabled=FAILED`,
      `${defaultVpc} vpc-default-vpc-not-in-use=FAILED`,
      `${defaultVpc} vpc-flow-logs-enabled=FAILED`,
      `${loggedVpc} vpc-flow-logs-enabled=PASSED`,
      `${sshWorldAcl} vpc-network-acl-no-unrestricted-admin-ports=FAILED`,
      `${guardedAcl} vpc-network-acl-no-unrestricted-admin-ports=PASSED`,
      ...defaultAcls.map((id) => `${id} vpc-network-acl-no-unrestricted-admin-ports=FAILED`),
    ].sort());
    const used = results.find((r) => r.checkId === 'vpc-default-vpc-not-in-use');
    assert.equal(used?.evidence.network_interface_count, 1);
    const logged = inventory.vpcs.find((v) => v.vpcId === seed.compliant[0]);
    assert.deepEqual(logged?.ref.tags, { Name: 'demo-vpc-flow-logged' });
    assert.equal(logged?.ref.arn, `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:vpc/${seed.compliant[0]}`);
    const cidrs = (logged?.ref.details?.AwsEc2Vpc as { CidrBlockAssociationSet: Array<Record<string, string>> }).CidrBlockAssociationSet;
    assert.deepEqual(cidrs.map((c) => [c.CidrBlock, c.CidrBlockState, c.AssociationId?.startsWith('vpc-cidr-assoc-')]), [['10.41.0.0/16', 'associated', true]]);
  });

  it('the emulator\'s untouched default VPC is unused; a subnet flow log does not count for its VPC; a failing delivery does not count', async () => {
    // prepare
    const ec2 = emulator.clients().get(EC2Client);
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }));
    const vpcId = Vpc?.VpcId as string;
    const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.50.1.0/24' }));
    await ec2.send(new CreateFlowLogsCommand({ ResourceType: 'Subnet', ResourceIds: [Subnet?.SubnetId as string], TrafficType: 'ALL', LogDestinationType: 'kinesis-data-firehose', LogDestination: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/x' }));
    // The log group does not exist: the emulator reports the delivery FAILED.
    await ec2.send(new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpcId], TrafficType: 'REJECT', LogGroupName: 'missing', DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flow-logs' }));

    // act
    const inventory = await vpcCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(vpcAuditor.checks), inventory);

    // assert
    assert.equal(results.find((r) => r.checkId === 'vpc-default-vpc-not-in-use')?.status, 'PASSED');
    const flow = results.find((r) => r.resource.id === vpcId);
    assert.equal(flow?.status, 'FAILED');
    assert.deepEqual((flow?.evidence.flow_logs as Array<{ not_counted_because: string }>).map((f) => f.not_counted_because), ['delivery failing: Access error']);
  });

  it('lists VPCs and flow logs once and the interfaces of the default VPC only', async () => {
    // prepare
    await seedVpc(emulator.clients());
    const counter = new RequestCounter();

    // act
    const inventory = await vpcCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.equal(inventory.vpcs.length, 3);
    assert.equal(inventory.networkAcls.length, 5);
    assert.deepEqual(counter.snapshot(), { 'EC2:DescribeFlowLogs': 1, 'EC2:DescribeNetworkAcls': 1, 'EC2:DescribeNetworkInterfaces': 1, 'EC2:DescribeVpcs': 1 });
    assert.deepEqual(inventory.vpcs.filter((v) => v.networkInterfaces !== undefined).map((v) => v.isDefault), [true]);
  });

  it('reads each network ACL\'s inbound entries as the emulator reports them, with its subnets, and judges them in rule-number order', async () => {
    // prepare
    const ec2 = emulator.clients().get(EC2Client);
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }));
    const VpcId = Vpc?.VpcId as string;
    const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.60.1.0/24' }));
    const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId, TagSpecifications: [{ ResourceType: 'network-acl', Tags: [{ Key: 'owner', Value: 'net-team' }] }] }));
    const NetworkAclId = NetworkAcl?.NetworkAclId as string;
    const add = (RuleNumber: number, RuleAction: 'allow' | 'deny', Protocol: string, source: { CidrBlock?: string; Ipv6CidrBlock?: string }, ports?: [number, number], Egress = false) =>
      ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId, RuleNumber, RuleAction, Protocol, Egress, ...source, ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}) }));
    await add(200, 'allow', '-1', { CidrBlock: '0.0.0.0/0' });
    await add(100, 'deny', '-1', { CidrBlock: '0.0.0.0/0' }, undefined, true);
    await add(110, 'deny', '6', { CidrBlock: '0.0.0.0/0' }, [22, 22]);
    await add(120, 'deny', '17', { CidrBlock: '0.0.0.0/0' }, [22, 22]);
    await add(130, 'allow', '6', { Ipv6CidrBlock: '::/0' }, [3380, 3390]);
    const associations = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [Subnet?.SubnetId as string] }] }));
    const association = associations.NetworkAcls?.[0]?.Associations?.find((a) => a.SubnetId === Subnet?.SubnetId);
    await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: association?.NetworkAclAssociationId as string, NetworkAclId }));

    // act
    const inventory = await vpcCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(vpcAuditor.checks), inventory);

    // assert
    const acl = inventory.networkAcls.find((a) => a.networkAclId === NetworkAclId);
    assert.ok(acl);
    assert.equal(acl.ref.arn, `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:network-acl/${NetworkAclId}`);
    assert.deepEqual(acl.ref.tags, { owner: 'net-team' });
    assert.deepEqual(acl.subnetIds, [Subnet?.SubnetId]);
    assert.equal(acl.isDefault, false);
    assert.deepEqual(acl.ingress.map((e) => e.ruleNumber).sort(), [110, 120, 130, 200], 'the egress entry is left out');
    assert.deepEqual(acl.ingress.find((e) => e.ruleNumber === 130), { direction: 'ingress', ruleNumber: 130, protocol: '6', ruleAction: 'allow', ipv6CidrBlock: '::/0', portRange: { from: 3380, to: 3390 } });
    const details = acl.ref.details?.AwsEc2NetworkAcl as { Entries: unknown[]; VpcId: string };
    assert.equal(details.Entries.length, 5);
    assert.equal(details.VpcId, VpcId);
    const verdict = results.find((r) => r.resource.id === NetworkAclId);
    assert.equal(verdict?.status, 'FAILED');
    assert.deepEqual((verdict?.evidence.open as Array<{ source: string; protocol: string; port: number; rule_number: number }>).map((r) => `${r.source} ${r.protocol}/${r.port} #${r.rule_number}`), [
      '0.0.0.0/0 tcp/3389 #200', '::/0 tcp/3389 #130', '0.0.0.0/0 udp/3389 #200',
    ]);
  });
});
