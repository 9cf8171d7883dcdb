import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import type { SqsInventory, SqsQueueItem } from '../../../auditors/sqs/collect.js';
import { parseQueueUrl, toAttributes } from '../../../auditors/sqs/fetch.js';
import { sqsAuditor } from '../../../auditors/sqs/index.js';
import encrypted from '../../../auditors/sqs/checks/sqs-queue-encrypted.js';
import policyNotPublic from '../../../auditors/sqs/checks/sqs-queue-policy-not-public.js';
import { failed, inventory, policyOf, queue, task } from './fixtures.js';

function evaluate<Params>(check: Check<SqsInventory, SqsQueueItem, Params>, item: SqsQueueItem, params: Record<string, unknown> = {}): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inventory(item));
}

const ARN = 'arn:aws:sqs:us-east-1:123456789012:q';

describe('sqs-queue-policy-not-public', () => {
  it('fails with the statement that grants everyone access', () => {
    // prepare
    const policy = policyOf(
      { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sqs:*', Resource: ARN },
      { Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: ARN },
    );

    // act
    const verdict = evaluate(policyNotPublic, queue('q', fetched({ policy, sqsManagedSse: true })));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /statement\(s\) Anyone$/);
    const statements = verdict.status === 'FAILED' ? (verdict.evidence.statements as Array<Record<string, unknown>>) : [];
    assert.deepEqual(statements.map((s) => [s.sid, s.principal, s.actions]), [['Anyone', { AWS: '*' }, ['sqs:SendMessage']]]);
  });

  it('passes a queue without a policy', () => {
    assert.deepEqual(evaluate(policyNotPublic, queue('q')), { status: 'PASSED', summary: 'the queue has no access policy', evidence: undefined });
  });

  it('passes "*" pinned to one SNS topic by aws:SourceArn, and a service principal (decoy)', () => {
    const policy = policyOf(
      { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: ARN, Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:orders' } } },
      { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: ARN },
    );
    assert.equal(evaluate(policyNotPublic, queue('q', fetched({ policy }))).status, 'PASSED');
  });

  it('fails "*" limited by a wildcard source ARN that any account matches (edge)', () => {
    const policy = policyOf({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: ARN, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:orders' } } });
    assert.equal(evaluate(policyNotPublic, queue('q', fetched({ policy }))).status, 'FAILED');
  });

  it('a public IPv6 /32 allow-list passes under AWS\'s reading (default) and fails under sourceIp: private-only, naming the reading', () => {
    // prepare
    const policy = policyOf({ Sid: 'Partner', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: ARN, Condition: { IpAddress: { 'aws:SourceIp': '2600:1f18::/32' } } });
    const item = queue('q', fetched({ policy }));

    // act
    const aws = evaluate(policyNotPublic, item);
    const hammer = evaluate(policyNotPublic, item, { sourceIp: 'private-only' });

    // assert
    assert.deepEqual([aws.status, aws.status === 'PASSED' && aws.evidence], ['PASSED', { sourceIpReading: 'aws' }]);
    assert.equal(hammer.status, 'FAILED');
    assert.equal(hammer.status === 'FAILED' && hammer.evidence.sourceIpReading, 'private-only');
    assert.throws(() => policyNotPublic.parameters?.parse({ sourceIp: 'public-only' }));
  });

  it('a public IPv6 /16 allow-list fails under both readings (edge)', () => {
    const policy = policyOf({ Sid: 'Wide', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: ARN, Condition: { IpAddress: { 'aws:SourceIp': '2600::/16' } } });
    const item = queue('q', fetched({ policy }));
    assert.deepEqual([evaluate(policyNotPublic, item).status, evaluate(policyNotPublic, item, { sourceIp: 'private-only' }).status], ['FAILED', 'FAILED']);
  });

  it('an unparseable policy is an error, never a pass', () => {
    assert.throws(() => evaluate(policyNotPublic, queue('q', fetched({ policy: '{oops' }))), /not valid JSON/);
  });

  it('attributes that could not be read are an error', () => {
    assert.throws(() => evaluate(policyNotPublic, queue('q', failed())), MissingInputError);
  });
});

describe('sqs-queue-encrypted', () => {
  it('fails a queue with SSE-SQS turned off and no KMS key', () => {
    const verdict = evaluate(encrypted, queue('q', fetched({ sqsManagedSse: false })));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { encryption: 'none', requireKms: false });
  });

  it('passes SSE-SQS by default and SSE-KMS always', () => {
    assert.equal(evaluate(encrypted, queue('q')).status, 'PASSED');
    const kms = evaluate(encrypted, queue('q', fetched({ kmsMasterKeyId: 'alias/orders' })), { requireKms: true });
    assert.deepEqual(kms, { status: 'PASSED', summary: 'messages are encrypted with SSE-KMS (key alias/orders)', evidence: { encryption: 'SSE-KMS', kmsMasterKeyId: 'alias/orders' } });
  });

  it('with requireKms, SSE-SQS fails', () => {
    const verdict = evaluate(encrypted, queue('q'), { requireKms: true });
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /uses SSE-SQS, not SSE-KMS/);
  });

  it('an answer with neither encryption attribute is an error, not a pass (edge)', () => {
    assert.throws(() => evaluate(encrypted, queue('q', fetched({}))), /neither KmsMasterKeyId nor SqsManagedSseEnabled/);
  });

  it('rejects unknown parameters', () => {
    assert.throws(() => encrypted.parameters?.parse({ requireKMS: true }));
  });
});

describe('sqs model', () => {
  it('reads the account and name from a queue URL, real or emulated', () => {
    assert.deepEqual(parseQueueUrl('https://sqs.eu-west-1.amazonaws.com/210987654321/jobs.fifo'), { accountId: '210987654321', name: 'jobs.fifo' });
    assert.deepEqual(parseQueueUrl('http://127.0.0.1:5000/123456789012/q'), { accountId: '123456789012', name: 'q' });
    assert.equal(parseQueueUrl('https://sqs.us-east-1.amazonaws.com/'), undefined);
  });

  it('turns the attribute strings into values', () => {
    const attributes = toAttributes({
      SqsManagedSseEnabled: 'false',
      KmsMasterKeyId: 'alias/k',
      KmsDataKeyReusePeriodSeconds: '300',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq', maxReceiveCount: 5 }),
    });
    assert.deepEqual(attributes, { kmsMasterKeyId: 'alias/k', kmsDataKeyReusePeriodSeconds: 300, sqsManagedSse: false, deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' });
    assert.deepEqual(toAttributes(undefined), {});
  });
});

describe('sqs auditor', () => {
  it('unreadable attributes make both checks ERROR for that queue only', () => {
    const { results } = evaluateChecks(task(sqsAuditor.checks), inventory(queue('denied', failed()), queue('fine')));
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), [
      'ERROR sqs-queue-policy-not-public denied',
      'ERROR sqs-queue-encrypted denied',
    ]);
  });
});
