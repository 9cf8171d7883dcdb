/** The queue policy fix against moto: precise, idempotent, and rolled back exactly. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { iamActionFor } from '../../../src/aws/iam-actions.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { sqsCollector } from '../../../auditors/sqs/collect.js';
import check from '../../../auditors/sqs/checks/sqs-queue-policy-not-public.js';
import fix, { type QueuePolicySnapshot } from '../../../auditors/sqs/remediations/sqs-remove-public-policy-statements.js';
import { analysePublicAccess, editPolicyStatements } from '../../../src/policy/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { planFix, recheck, roundTrip, subjectsOf } from '../../helpers/remediation.js';

const emulator = useEmulator();

const arn = (name: string): string => `arn:aws:sqs:${REGION}:${DEFAULT_ACCOUNT}:${name}`;
const queueRef = (name: string): ResourceRef => ({ type: 'AwsSqsQueue', arn: arn(name), id: name, region: REGION, partition: 'aws', tags: {} });

const OWNER_SEND = { Sid: 'OwnerSend', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEFAULT_ACCOUNT}:root` }, Action: 'sqs:SendMessage', Resource: arn('orders') };
const PUBLIC_SEND = { Sid: 'PublicSend', Effect: 'Allow', Principal: '*', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'], Resource: arn('orders') };
const FROM_TOPIC = { Sid: 'FromTopic', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: arn('orders'), Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:${REGION}:${DEFAULT_ACCOUNT}:orders` } } };
const PARTNER = { Sid: 'Partner', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: arn('orders'), Condition: { IpAddress: { 'aws:SourceIp': '8.8.8.0/24' } } };

const policyOf = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const statementsOf = (snapshot: QueuePolicySnapshot): unknown => (JSON.parse(snapshot.Attributes.Policy ?? '{}') as { Statement?: unknown }).Statement;

async function queue(name: string, attributes: Record<string, string> = {}): Promise<ResourceRef> {
  await emulator.clients().get(SQSClient).send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  return queueRef(name);
}

/** Every attribute but the policy and the time it last changed. */
async function otherAttributes(name: string): Promise<Record<string, string>> {
  const sqs = emulator.clients().get(SQSClient);
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${emulator.endpoint}/${DEFAULT_ACCOUNT}/${name}`, AttributeNames: ['All'] }));
  const { Policy: _policy, LastModifiedTimestamp: _modified, ...rest } = Attributes;
  return rest;
}

const subject = subjectsOf(() => emulator.collectContext(), sqsCollector, check, fix);

describe('sqs-remove-public-policy-statements', () => {
  it('removes only the public statement, leaves every other attribute, and the rollback restores the policy exactly', async () => {
    // prepare
    const resource = await queue('orders', { Policy: policyOf(OWNER_SEND, PUBLIC_SEND, FROM_TOPIC, PARTNER), VisibilityTimeout: '45', SqsManagedSseEnabled: 'true' });
    const others = await otherAttributes('orders');

    // act
    const { plan, before, fixed } = await roundTrip(subject(resource));

    // assert
    assert.deepEqual(plan.calls.map((c) => c.action), ['sqs:SetQueueAttributes']);
    assert.equal((plan.calls[0]?.input.Attributes as { Policy: string }).Policy, editPolicyStatements((before as QueuePolicySnapshot).Attributes.Policy ?? '', [1], { mode: 'remove' }).policy, 'the text sent keeps the other statements byte for byte');
    assert.deepEqual(statementsOf(fixed as QueuePolicySnapshot), [OWNER_SEND, FROM_TOPIC, PARTNER], 'the /24 restricts under the default sourceIp reading');
    assert.deepEqual(await otherAttributes('orders'), others);
  });

  it('with the check\'s sourceIp: private-only, also removes the statement that reading flags', async () => {
    // prepare
    const resource = await queue('orders', { Policy: policyOf(OWNER_SEND, PUBLIC_SEND, PARTNER) });

    // act
    const { fixed } = await roundTrip(subject(resource, { checkParams: { sourceIp: 'private-only' } }));

    // assert
    assert.deepEqual(statementsOf(fixed as QueuePolicySnapshot), [OWNER_SEND]);
  });

  it('with policyStatements: restrict, keeps the statement limited to the queue owner\'s account', async () => {
    // prepare
    const resource = await queue('orders', { Policy: policyOf(OWNER_SEND, PUBLIC_SEND) });

    // act
    const { fixed } = await roundTrip(subject(resource, { params: { policyStatements: 'restrict' } }));

    // assert
    assert.deepEqual(statementsOf(fixed as QueuePolicySnapshot), [OWNER_SEND, { ...PUBLIC_SEND, Condition: { StringEquals: { 'aws:PrincipalAccount': DEFAULT_ACCOUNT } } }]);
    assert.equal(analysePublicAccess((fixed as QueuePolicySnapshot).Attributes.Policy).public, false);
  });

  it('a policy whose single statement (an object, not a list) is public is removed, and the rollback puts it back', async () => {
    // prepare
    const resource = await queue('orders', { Policy: JSON.stringify({ Version: '2012-10-17', Statement: PUBLIC_SEND }) });

    // act
    const { plan, fixed, restored } = await roundTrip(subject(resource));

    // assert
    assert.deepEqual(plan.calls[0]?.input.Attributes, { Policy: '' });
    assert.deepEqual((fixed as QueuePolicySnapshot).Attributes, {});
    assert.deepEqual(JSON.parse((restored as QueuePolicySnapshot).Attributes.Policy ?? ''), { Version: '2012-10-17', Statement: PUBLIC_SEND });
  });

  it('plans nothing for a queue whose policy has nothing public, or that has no policy', async () => {
    // prepare
    const withPolicy = await queue('private', { Policy: policyOf(OWNER_SEND, FROM_TOPIC) });
    const withoutPolicy = await queue('bare');
    const ctx = emulator.collectContext();

    // act
    const plans = await Promise.all([withPolicy, withoutPolicy].map(async (resource) => fix.plan({ resource, snapshot: await fix.snapshot(ctx, resource), evidence: {}, params: { policyStatements: 'remove' }, checkParams: {} })));

    // assert
    assert.deepEqual(plans, [{ calls: [], left: [] }, { calls: [], left: [] }]);
  });

  it('a queue deleted meanwhile is absent, and its snapshot says it is gone', async () => {
    // act
    const verdict = await recheck(subject(queueRef('gone')));

    // assert
    assert.equal(verdict.status, 'ABSENT');
    await assert.rejects(fix.snapshot(emulator.collectContext(), queueRef('gone')), { name: 'ResourceGoneError' });
  });

  it('every request the fix makes, its rollback included, is authorised by its permissions', async () => {
    // prepare
    const resource = await queue('orders', { Policy: policyOf(OWNER_SEND, PUBLIC_SEND) });
    const counter = new RequestCounter();
    const ctx = emulator.collectContext({ counter });
    const { plan } = await planFix(subject(resource));

    // act
    const backup = await fix.snapshot(ctx, resource);
    for (const call of plan.calls) await fix.perform(ctx, call);
    for (const call of fix.restore({ resource, backup, applied: plan.calls, current: await fix.snapshot(ctx, resource) })) await fix.perform(ctx, call);

    // assert
    assert.deepEqual(Object.keys(counter.snapshot()), ['SQS:GetQueueAttributes', 'SQS:GetQueueUrl', 'SQS:SetQueueAttributes']);
    for (const key of Object.keys(counter.snapshot())) assert.ok(fix.permissions.includes(iamActionFor(key)), key);
  });
});

describe('sqsCollector.collectOne', () => {
  it('reads the one queue as a scan reads it, not the queues its name prefixes', async () => {
    // prepare
    await queue('orders', { Policy: policyOf(PUBLIC_SEND) });
    await queue('orders-dlq');
    await queue('other');
    const ctx = emulator.collectContext();

    // act
    const one = await sqsCollector.collectOne?.(ctx, queueRef('orders'));
    const whole = await sqsCollector.collect(ctx);

    // assert
    assert.deepEqual(one?.queues.map((q) => q.name), ['orders']);
    assert.deepEqual(one?.queues[0], whole.queues.find((q) => q.name === 'orders'));
  });
});
