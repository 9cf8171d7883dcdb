import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateFlowLogsCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
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
    const [noFlowLogs, defaultVpc] = seed.insecure;

    // act
    const inventory = await vpcCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(vpcAuditor.checks), inventory);

    // assert
    for (const check of vpcAuditor.checks) assert.ok(results.some((r) => r.checkId === check.meta.id && r.status === 'FAILED'), `${check.meta.id} has a FAILED result`);
    const table = results.map((r) => `${r.resource.id} ${r.checkId}=${r.status}`).sort();
    assert.deepEqual(table, [
      `${noFlowLogs} vpc-flow-logs-enabled=FAILED`,
      `${defaultVpc} vpc-default-vpc-not-in-use=FAILED`,
      `${defaultVpc} vpc-flow-logs-enabled=FAILED`,
      `${seed.compliant[0]} vpc-flow-logs-enabled=PASSED`,
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
    assert.deepEqual(counter.snapshot(), { 'EC2:DescribeFlowLogs': 1, 'EC2:DescribeNetworkInterfaces': 1, 'EC2:DescribeVpcs': 1 });
    assert.deepEqual(inventory.vpcs.filter((v) => v.networkInterfaces !== undefined).map((v) => v.isDefault), [true]);
  });
});
