/**
 * What moto cannot show: ListQueues pages (moto ignores MaxResults), attributes
 * refused for one queue, a queue deleted mid-scan, an answer without the
 * encryption attributes. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { GetQueueAttributesCommand, ListQueueTagsCommand, ListQueuesCommand, SQSClient, SQSServiceException } from '@aws-sdk/client-sqs';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { sqsCollector } from '../../../auditors/sqs/collect.js';
import { sqsAuditor } from '../../../auditors/sqs/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): SQSServiceException {
  return new SQSServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const url = (name: string): string => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;

describe('sqsCollector with injected answers', () => {
  let clients: AwsClients;
  let sqs: AwsClientStub<SQSClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    sqs = mockClient(clients.get(SQSClient));
    ctx = mockedContext(clients);
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { SqsManagedSseEnabled: 'true' } });
    sqs.on(ListQueueTagsCommand).resolves({ Tags: { owner: 'team' } });
  });

  afterEach(() => {
    sqs.restore();
    clients.destroy();
  });

  it('follows ListQueues pages', async () => {
    // prepare
    sqs.on(ListQueuesCommand).resolvesOnce({ QueueUrls: [url('first')], NextToken: 'page-2' }).resolvesOnce({ QueueUrls: [url('second')] });

    // act
    const inventory = await sqsCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.queues.map((q) => [q.name, q.ref.tags.owner]), [['first', 'team'], ['second', 'team']]);
    assert.deepEqual(sqs.commandCalls(ListQueuesCommand).map((call) => call.args[0].input), [{ MaxResults: 1000, NextToken: undefined }, { MaxResults: 1000, NextToken: 'page-2' }]);
  });

  it('attributes refused for one queue make its checks ERROR, the other queue is judged', async () => {
    // prepare
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('refused'), url('fine')] });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('refused') }).rejects(awsError('AccessDenied', 403));

    // act
    const inventory = await sqsCollector.collect(ctx);
    const { results } = evaluateChecks(task(sqsAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), [
      'ERROR sqs-queue-policy-not-public refused',
      'PASSED sqs-queue-policy-not-public fine',
      'ERROR sqs-queue-encrypted refused',
      'PASSED sqs-queue-encrypted fine',
    ]);
  });

  it('drops a queue deleted between the listing and its detail calls', async () => {
    // prepare
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('gone'), url('kept')] });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('gone') }).rejects(awsError('QueueDoesNotExist', 400));

    // act
    const inventory = await sqsCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.queues.map((q) => q.name), ['kept']);
  });

  it('tags refused keep the queue, untagged', async () => {
    // prepare
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('secretive')] });
    sqs.on(ListQueueTagsCommand).rejects(awsError('AccessDenied', 403));

    // act
    const inventory = await sqsCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.queues.map((q) => [q.name, q.ref.tags, q.tags.ok]), [['secretive', {}, false]]);
  });

  it('an answer without encryption attributes is an ERROR for the encryption check', async () => {
    // prepare
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('old-api')] });
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: {} });

    // act
    const inventory = await sqsCollector.collect(ctx);
    const { results } = evaluateChecks(task(sqsAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId}`), ['PASSED sqs-queue-policy-not-public', 'ERROR sqs-queue-encrypted']);
  });

  it('a refused ListQueues fails the whole collection', async () => {
    // prepare
    sqs.on(ListQueuesCommand).rejects(awsError('AccessDenied', 403));

    // act and assert
    await assert.rejects(() => sqsCollector.collect(ctx), /AccessDenied/);
  });
});
