/**
 * What moto cannot show: paginated answers, VPCs and network ACLs shared by
 * another account, entries missing a field, refused calls. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DescribeFlowLogsCommand, DescribeNetworkAclsCommand, DescribeNetworkInterfacesCommand, DescribeVpcsCommand, EC2Client, EC2ServiceException } from '@aws-sdk/client-ec2';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { vpcCollector } from '../../../auditors/vpc/collect.js';
import { vpcAuditor } from '../../../auditors/vpc/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): EC2ServiceException {
  return new EC2ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

describe('vpcCollector with injected answers', () => {
  let clients: AwsClients;
  let ec2: AwsClientStub<EC2Client>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    ec2 = mockClient(clients.get(EC2Client));
    ctx = mockedContext(clients);
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
    ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    ec2.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: [] });
  });

  afterEach(() => {
    ec2.restore();
    clients.destroy();
  });

  it('follows the pages of VPCs, flow logs and default-VPC interfaces, and matches flow logs to their VPC', async () => {
    // prepare
    ec2.on(DescribeVpcsCommand)
      .resolvesOnce({ Vpcs: [{ VpcId: 'vpc-default', IsDefault: true, OwnerId: ACCOUNT }], NextToken: 'v2' })
      .resolvesOnce({ Vpcs: [{ VpcId: 'vpc-app', IsDefault: false, OwnerId: ACCOUNT }] });
    ec2.on(DescribeFlowLogsCommand)
      .resolvesOnce({ FlowLogs: [{ FlowLogId: 'fl-1', ResourceId: 'vpc-app', FlowLogStatus: 'ACTIVE', TrafficType: 'ALL' }], NextToken: 'f2' })
      .resolvesOnce({ FlowLogs: [{ FlowLogId: 'fl-2', ResourceId: 'subnet-1', FlowLogStatus: 'ACTIVE', TrafficType: 'ALL' }] });
    ec2.on(DescribeNetworkInterfacesCommand)
      .resolvesOnce({ NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1', InterfaceType: 'natGateway' }], NextToken: 'n2' })
      .resolvesOnce({ NetworkInterfaces: [{ NetworkInterfaceId: 'eni-2', InterfaceType: 'lambda' }] });

    // act
    const inventory = await vpcCollector.collect(ctx);
    const { results } = evaluateChecks(task(vpcAuditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.vpcs.map((v) => [v.vpcId, v.flowLogs.map((f) => f.flowLogId)]), [['vpc-default', []], ['vpc-app', ['fl-1']]]);
    assert.deepEqual(ec2.commandCalls(DescribeNetworkInterfacesCommand).map((c) => c.args[0].input), [
      { Filters: [{ Name: 'vpc-id', Values: ['vpc-default'] }], MaxResults: 1000, NextToken: undefined },
      { Filters: [{ Name: 'vpc-id', Values: ['vpc-default'] }], MaxResults: 1000, NextToken: 'n2' },
    ]);
    assert.deepEqual(results.map((r) => `${r.resource.id} ${r.checkId}=${r.status}`), [
      'vpc-default vpc-default-vpc-not-in-use=FAILED',
      'vpc-default vpc-flow-logs-enabled=FAILED',
      'vpc-app vpc-flow-logs-enabled=PASSED',
    ]);
    assert.equal(results[0]?.evidence.network_interface_count, 2);
  });

  it('a VPC shared by another account is named with its owner and not judged for flow logs', async () => {
    // prepare
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-shared', IsDefault: false, OwnerId: '999988887777' }] });

    // act
    const inventory = await vpcCollector.collect(ctx);
    const { results } = evaluateChecks(task(vpcAuditor.checks), inventory);

    // assert
    assert.equal(inventory.vpcs[0]?.ref.arn, `arn:aws:ec2:${REGION}:999988887777:vpc/vpc-shared`);
    assert.deepEqual(results, []);
  });

  it('refused interfaces of the default VPC make only the default-VPC check ERROR', async () => {
    // prepare
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-default', IsDefault: true, OwnerId: ACCOUNT }] });
    ec2.on(DescribeNetworkInterfacesCommand).rejects(awsError('UnauthorizedOperation', 403));

    // act
    const inventory = await vpcCollector.collect(ctx);
    const { results } = evaluateChecks(task(vpcAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.checkId}=${r.status}`), ['vpc-default-vpc-not-in-use=ERROR', 'vpc-flow-logs-enabled=FAILED']);
    assert.match(results[0]?.summary ?? '', /UnauthorizedOperation/);
  });

  it('a refused DescribeVpcs or DescribeFlowLogs fails the whole collection', async () => {
    // prepare
    ec2.on(DescribeFlowLogsCommand).rejects(awsError('UnauthorizedOperation', 403));

    // act and assert
    await assert.rejects(() => vpcCollector.collect(ctx), /UnauthorizedOperation/);
    ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
    ec2.on(DescribeVpcsCommand).rejects(awsError('UnauthorizedOperation', 403));
    await assert.rejects(() => vpcCollector.collect(ctx), /UnauthorizedOperation/);
  });

  it('follows the pages of network ACLs; an ACL shared by another account is named with its owner and not judged', async () => {
    // prepare
    const open = { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow' as const, Egress: false, CidrBlock: '0.0.0.0/0' };
    ec2.on(DescribeNetworkAclsCommand)
      .resolvesOnce({ NetworkAcls: [{ NetworkAclId: 'acl-1', VpcId: 'vpc-1', IsDefault: true, OwnerId: ACCOUNT, Entries: [open] }], NextToken: 'a2' })
      .resolvesOnce({ NetworkAcls: [{ NetworkAclId: 'acl-shared', VpcId: 'vpc-2', OwnerId: '999988887777', Entries: [open] }] });

    // act
    const inventory = await vpcCollector.collect(ctx);
    const { results } = evaluateChecks(task(vpcAuditor.checks), inventory);

    // assert
    assert.deepEqual(ec2.commandCalls(DescribeNetworkAclsCommand).map((c) => c.args[0].input.NextToken), [undefined, 'a2']);
    assert.deepEqual(inventory.networkAcls.map((a) => a.ref.arn), [`arn:aws:ec2:${REGION}:${ACCOUNT}:network-acl/acl-1`, `arn:aws:ec2:${REGION}:999988887777:network-acl/acl-shared`]);
    assert.deepEqual(results.map((r) => `${r.resource.id} ${r.checkId}=${r.status}`), ['acl-1 vpc-network-acl-no-unrestricted-admin-ports=FAILED']);
  });

  it('an entry whose direction or action the service left out makes its ACL an ERROR, never a pass', async () => {
    // prepare
    ec2.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: [
      { NetworkAclId: 'acl-no-direction', OwnerId: ACCOUNT, Entries: [{ RuleNumber: 90, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' }] },
      { NetworkAclId: 'acl-no-action', OwnerId: ACCOUNT, Entries: [{ RuleNumber: 90, Protocol: '-1', Egress: false, CidrBlock: '0.0.0.0/0' }] },
    ] });

    // act
    const { results } = evaluateChecks(task(vpcAuditor.checks), await vpcCollector.collect(ctx));

    // assert
    assert.deepEqual(results.map((r) => `${r.resource.id}=${r.status}`), ['acl-no-direction=ERROR', 'acl-no-action=ERROR']);
  });

  it('a refused DescribeNetworkAcls fails the whole collection', async () => {
    ec2.on(DescribeNetworkAclsCommand).rejects(awsError('UnauthorizedOperation', 403));
    await assert.rejects(() => vpcCollector.collect(ctx), /UnauthorizedOperation/);
  });
});
