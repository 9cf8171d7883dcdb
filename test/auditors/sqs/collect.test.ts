import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedSqs } from '../../../src/emulator/seeds/sqs.js';
import { sqsCollector } from '../../../auditors/sqs/collect.js';
import { sqsAuditor } from '../../../auditors/sqs/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { policyOf, task } from './fixtures.js';
import { statusTable } from '../../helpers/status-table.js';

const emulator = useEmulator();

const CHECK_ORDER = ['sqs-queue-policy-not-public', 'sqs-queue-encrypted'] as const;

async function seedMore(): Promise<void> {
  const sqs = emulator.clients().get(SQSClient);
  const arn = (name: string): string => `arn:aws:sqs:${REGION}:${DEFAULT_ACCOUNT}:${name}`;
  await sqs.send(new CreateQueueCommand({
    QueueName: 'partner-ips.fifo',
    Attributes: {
      FifoQueue: 'true',
      Policy: policyOf({ Sid: 'PartnerRange', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: arn('partner-ips.fifo'), Condition: { IpAddress: { 'aws:SourceIp': ['52.94.76.0/22', '52.0.0.0/6'] } } }),
    },
  }));
  await sqs.send(new CreateQueueCommand({
    QueueName: 'org-only',
    Attributes: {
      SqsManagedSseEnabled: 'false',
      Policy: policyOf({ Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: arn('org-only'), Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
    },
  }));
}

describe('sqsCollector against the emulator', () => {
  it('collects every queue and the checks judge each one', async () => {
    // prepare
    await seedSqs(emulator.clients());
    await seedMore();

    // act
    const inventory = await sqsCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(sqsAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //                      policy  encrypted
      'demo-orders-public':   ['FAIL', 'FAIL'],
      'demo-orders-from-sns': ['PASS', 'PASS'],
      'demo-jobs-private':    ['PASS', 'PASS'],
      'partner-ips.fifo':     ['FAIL', 'PASS'],
      'org-only':             ['PASS', 'FAIL'],
    });
    const partner = results.find((r) => r.checkId === 'sqs-queue-policy-not-public' && r.resource.id === 'partner-ips.fifo');
    const statements = partner?.evidence.statements as Array<Record<string, unknown>>;
    assert.match(String(statements[0]?.reason), /52\.0\.0\.0\/6 \(\/6\) is wider than \/8/);
  });

  it('the demo seed fails every check at least once and its decoys fail none', async () => {
    // prepare
    const seed = await seedSqs(emulator.clients());

    // act
    const inventory = await sqsCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(sqsAuditor.checks), inventory);

    // assert
    for (const check of sqsAuditor.checks) {
      assert.ok(results.some((r) => r.checkId === check.meta.id && r.status === 'FAILED' && seed.insecure.includes(r.resource.id)), `${check.meta.id} fails on the demo`);
    }
    const onDecoys = results.filter((r) => seed.compliant.includes(r.resource.id) && r.status !== 'PASSED');
    assert.deepEqual(onDecoys.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), []);
  });

  it('names each queue by ARN, with its tags and ASFF details', async () => {
    // prepare
    await seedSqs(emulator.clients());

    // act
    const inventory = await sqsCollector.collect(emulator.collectContext());

    // assert
    const open = inventory.queues.find((q) => q.name === 'demo-orders-public');
    assert.equal(open?.ref.arn, `arn:aws:sqs:${REGION}:${DEFAULT_ACCOUNT}:demo-orders-public`);
    assert.deepEqual(open?.ref.tags, { owner: 'orders-team' });
    assert.deepEqual(open?.ref.details, { AwsSqsQueue: { QueueName: 'demo-orders-public' } });
    const kms = inventory.queues.find((q) => q.name === 'demo-orders-from-sns');
    assert.deepEqual(kms?.ref.details, { AwsSqsQueue: { QueueName: 'demo-orders-from-sns', KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: 300 } });
  });

  it('reads the attributes and tags of each queue once', async () => {
    // prepare
    await seedSqs(emulator.clients());
    await seedMore();
    const counter = new RequestCounter();

    // act
    const inventory = await sqsCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.equal(inventory.queues.length, 5);
    assert.deepEqual(counter.snapshot(), { 'SQS:GetQueueAttributes': 5, 'SQS:ListQueueTags': 5, 'SQS:ListQueues': 1 });
  });

  it('a region without queues is an empty inventory', async () => {
    assert.deepEqual(await sqsCollector.collect(emulator.collectContext()), { queues: [] });
  });
});
