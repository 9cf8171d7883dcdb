/**
 * What moto cannot show: DescribeStacks pages, the drift information real
 * CloudFormation reports, a denied listing, a region without the service.
 * Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CloudFormationClient, CloudFormationServiceException, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { cloudFormationCollector } from '../../../auditors/cloudformation/collect.js';
import { cloudformationAuditor } from '../../../auditors/cloudformation/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): CloudFormationServiceException {
  return new CloudFormationServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

function stackOf(name: string, fields: Partial<Stack> = {}): Stack {
  return {
    StackName: name,
    StackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${name}/1b2c3d4e-0000-1111-2222-333344445555`,
    CreationTime: new Date('2026-01-01T00:00:00Z'),
    StackStatus: 'UPDATE_COMPLETE',
    ...fields,
  };
}

describe('cloudFormationCollector with injected answers', () => {
  let clients: AwsClients;
  let cf: AwsClientStub<CloudFormationClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    cf = mockClient(clients.get(CloudFormationClient));
    ctx = mockedContext(clients);
  });

  afterEach(() => {
    cf.restore();
    clients.destroy();
  });

  it('follows DescribeStacks pages', async () => {
    // prepare
    cf.on(DescribeStacksCommand).resolvesOnce({ Stacks: [stackOf('first')], NextToken: 'page-2' }).resolvesOnce({ Stacks: [stackOf('second')] });

    // act
    const inventory = await cloudFormationCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.stacks.map((s) => s.name), ['first', 'second']);
    assert.deepEqual(cf.commandCalls(DescribeStacksCommand).map((c) => c.args[0].input), [{ NextToken: undefined }, { NextToken: 'page-2' }]);
  });

  it('judges the drift information real CloudFormation reports', async () => {
    // prepare
    const now = Date.now();
    cf.on(DescribeStacksCommand).resolves({
      Stacks: [
        stackOf('never', { DriftInformation: { StackDriftStatus: 'NOT_CHECKED' }, NotificationARNs: [] }),
        stackOf('drifted', { DriftInformation: { StackDriftStatus: 'DRIFTED', LastCheckTimestamp: new Date(now - 3_600_000) } }),
        stackOf('fresh', { DriftInformation: { StackDriftStatus: 'IN_SYNC', LastCheckTimestamp: new Date(now - 3_600_000) }, NotificationARNs: ['arn:aws:sns:us-east-1:123456789012:t'] }),
      ],
    });

    // act
    const { results } = evaluateChecks(task(cloudformationAuditor.checks), await cloudFormationCollector.collect(ctx));

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), [
      'FAILED cloudformation-stack-drift-checked-in-sync never',
      'FAILED cloudformation-stack-drift-checked-in-sync drifted',
      'PASSED cloudformation-stack-drift-checked-in-sync fresh',
      'FAILED cloudformation-stack-notifications-configured never',
      'FAILED cloudformation-stack-notifications-configured drifted',
      'PASSED cloudformation-stack-notifications-configured fresh',
    ]);
  });

  it('a denied listing fails the collection; a region without an endpoint is empty', async () => {
    cf.on(DescribeStacksCommand).rejects(awsError('AccessDenied', 403));
    await assert.rejects(() => cloudFormationCollector.collect(ctx), /AccessDenied/);
    cf.on(DescribeStacksCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND cloudformation.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));
    assert.deepEqual((await cloudFormationCollector.collect(ctx)).stacks, []);
  });
});
