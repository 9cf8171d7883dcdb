/**
 * Paginated answers and refused calls, injected with aws-sdk-client-mock
 * (moto ignores page sizes here and does not serve Systems Manager at all).
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DescribeInstancesCommand, EC2Client, EC2ServiceException, type Instance } from '@aws-sdk/client-ec2';
import {
  DescribeInstanceInformationCommand,
  DescribeInstancePatchStatesCommand,
  SSMClient,
  SSMServiceException,
  type DescribeInstancePatchStatesCommandInput,
} from '@aws-sdk/client-ssm';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { ssmCollector } from '../../../auditors/ssm/collect.js';
import { ssmAuditor } from '../../../auditors/ssm/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function ssmError(name: string, status: number): SSMServiceException {
  return new SSMServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const running = (InstanceId: string): Instance => ({ InstanceId, State: { Name: 'running', Code: 16 }, InstanceType: 't3.micro' });
const ONLINE = { PingStatus: 'Online' as const, IsLatestVersion: true, AgentVersion: '3.3.40.0', AssociationStatus: 'Success' };
const CLEAN = { PatchGroup: '', BaselineId: 'pb-0123456789abcdef0', Operation: 'Scan' as const, OperationStartTime: new Date(), OperationEndTime: new Date(), MissingCount: 0, FailedCount: 0 };

describe('ssmCollector with injected answers', () => {
  let clients: AwsClients;
  let ec2: AwsClientStub<EC2Client>;
  let ssm: AwsClientStub<SSMClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    ec2 = mockClient(clients.get(EC2Client));
    ssm = mockClient(clients.get(SSMClient));
    ctx = mockedContext(clients);
    ssm.on(DescribeInstancePatchStatesCommand).callsFake((input: DescribeInstancePatchStatesCommandInput) => ({
      InstancePatchStates: (input.InstanceIds ?? []).map((InstanceId) => ({ InstanceId, ...CLEAN })),
    }));
  });

  afterEach(() => {
    ec2.restore();
    ssm.restore();
    clients.destroy();
  });

  it('follows DescribeInstances and DescribeInstanceInformation pages', async () => {
    // prepare
    ec2.on(DescribeInstancesCommand)
      .resolvesOnce({ Reservations: [{ OwnerId: ACCOUNT, Instances: [running('i-1')] }], NextToken: 'ec2-2' })
      .resolvesOnce({ Reservations: [{ OwnerId: '210987654321', Instances: [running('i-2'), { State: { Name: 'running' } }] }] });
    ssm.on(DescribeInstanceInformationCommand)
      .resolvesOnce({ InstanceInformationList: [{ InstanceId: 'i-1', ...ONLINE }], NextToken: 'ssm-2' })
      .resolvesOnce({ InstanceInformationList: [{ InstanceId: 'i-2', ...ONLINE }] });

    // act
    const inventory = await ssmCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.instances.map((i) => [i.instanceId, i.managed?.pingStatus, i.ref.arn]), [
      ['i-1', 'Online', `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-1`],
      ['i-2', 'Online', `arn:aws:ec2:${REGION}:210987654321:instance/i-2`],
    ]);
    assert.deepEqual(ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input), [
      { Filters: [{ Name: 'instance-state-name', Values: ['running', 'stopped'] }], MaxResults: 1000, NextToken: undefined },
      { Filters: [{ Name: 'instance-state-name', Values: ['running', 'stopped'] }], MaxResults: 1000, NextToken: 'ec2-2' },
    ]);
    assert.deepEqual(ssm.commandCalls(DescribeInstanceInformationCommand).map((c) => c.args[0].input), [
      { Filters: [{ Key: 'ResourceType', Values: ['EC2Instance'] }], MaxResults: 50, NextToken: undefined },
      { Filters: [{ Key: 'ResourceType', Values: ['EC2Instance'] }], MaxResults: 50, NextToken: 'ssm-2' },
    ]);
  });

  it('a refused patch state read makes only the patch check of those instances ERROR', async () => {
    // prepare
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ OwnerId: ACCOUNT, Instances: [running('i-1'), running('i-2')] }] });
    ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [{ InstanceId: 'i-1', ...ONLINE }, { InstanceId: 'i-2', ...ONLINE }] });
    ssm.on(DescribeInstancePatchStatesCommand).rejects(ssmError('AccessDeniedException', 400));

    // act
    const inventory = await ssmCollector.collect(ctx);
    const { results } = evaluateChecks(task(ssmAuditor.checks), inventory);

    // assert
    const notPassed = results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`);
    assert.deepEqual(notPassed, ['ERROR ssm-instance-patch-compliant i-1', 'ERROR ssm-instance-patch-compliant i-2']);
    assert.match(results.find((r) => r.status === 'ERROR')?.summary ?? '', /the patch state could not be read: AccessDeniedException/);
  });

  it('a refused DescribeInstanceInformation fails the whole collection', async () => {
    // prepare
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [running('i-1')] }] });
    ssm.on(DescribeInstanceInformationCommand).rejects(ssmError('AccessDeniedException', 400));

    // act and assert
    await assert.rejects(() => ssmCollector.collect(ctx), /AccessDeniedException/);
    assert.equal(ssm.commandCalls(DescribeInstancePatchStatesCommand).length, 0);
  });

  it('a refused DescribeInstances fails the whole collection', async () => {
    // prepare
    ec2.on(DescribeInstancesCommand).rejects(new EC2ServiceException({ name: 'UnauthorizedOperation', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'UnauthorizedOperation (injected)' }));

    // act and assert
    await assert.rejects(() => ssmCollector.collect(ctx), /UnauthorizedOperation/);
    assert.equal(ssm.calls().length, 0);
  });

  it('a patch state without counts is an ERROR, not a pass', async () => {
    // prepare
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [running('i-1')] }] });
    ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [{ InstanceId: 'i-1', ...ONLINE }] });
    ssm.on(DescribeInstancePatchStatesCommand).resolves({ InstancePatchStates: [{ ...CLEAN, InstanceId: 'i-1', MissingCount: undefined, FailedCount: undefined }] });

    // act
    const { results } = evaluateChecks(task(ssmAuditor.checks), await ssmCollector.collect(ctx));

    // assert
    const patch = results.find((r) => r.checkId === 'ssm-instance-patch-compliant');
    assert.equal(patch?.status, 'ERROR');
    assert.match(patch?.summary ?? '', /no missing or failed counts/);
  });
});
