import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { Check, Verdict } from '../../../src/core/check.js';
import type { CollectContext } from '../../../src/core/collector.js';
import type { SecretItem, SecretsManagerInventory } from '../../../auditors/secretsmanager/collect.js';
import { toSecret } from '../../../auditors/secretsmanager/fetch.js';
import rotationEnabled from '../../../auditors/secretsmanager/checks/secretsmanager-secret-rotation-enabled.js';
import rotatedRecently from '../../../auditors/secretsmanager/checks/secretsmanager-secret-rotated-recently.js';
import { ACCOUNT, REGION, inventory, secret } from './fixtures.js';

function evaluate<Params>(check: Check<SecretsManagerInventory, SecretItem, Params>, item: SecretItem, params: Record<string, unknown> = {}): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inventory(item));
}

describe('secretsmanager-secret-rotation-enabled', () => {
  it('fails a secret never configured for rotation', () => {
    const verdict = evaluate(rotationEnabled, secret('api-key', { rotationEnabled: false, rotationIntervalDays: undefined, rotationLambdaArn: undefined }));
    assert.deepEqual(verdict, { status: 'FAILED', summary: 'secret api-key does not rotate automatically', evidence: { RotationEnabled: false } });
  });

  it('passes a rotating secret and gives its schedule', () => {
    const verdict = evaluate(rotationEnabled, secret('db'));
    assert.equal(verdict.status, 'PASSED');
    assert.equal(verdict.summary, 'the secret rotates automatically every 30 days');
    assert.deepEqual(verdict.status === 'PASSED' && verdict.evidence, { RotationEnabled: true, AutomaticallyAfterDays: 30, RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:rotate-db' });
  });

  it('passes managed rotation by the owning service on a schedule expression, without a function of the account (edge)', () => {
    const verdict = evaluate(rotationEnabled, secret('rds!db-1', { rotationIntervalDays: undefined, rotationSchedule: 'rate(7 days)', rotationLambdaArn: undefined, owningService: 'rds' }));
    assert.deepEqual(verdict.status === 'PASSED' && verdict.evidence, { RotationEnabled: true, ScheduleExpression: 'rate(7 days)', OwningService: 'rds' });
  });
});

describe('secretsmanager-secret-rotated-recently', () => {
  it('fails a secret created 200 days ago and never rotated, measured from CreatedDate', () => {
    // prepare
    const item = secret('api-key', { rotationEnabled: false, lastRotatedAt: undefined, createdAt: '2024-12-12T12:00:00.000Z' });

    // act
    const verdict = evaluate(rotatedRecently, item);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.summary, 'secret api-key was created 200 days ago (2024-12-12T12:00:00.000Z) and never rotated, more than the 90-day limit');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { measuredFrom: 'CreatedDate', CreatedDate: '2024-12-12T12:00:00.000Z', ageDays: 200, maxAgeDays: 90, RotationEnabled: false });
  });

  it('passes a secret rotated 10 days ago, although created years ago', () => {
    const verdict = evaluate(rotatedRecently, secret('db'));
    assert.equal(verdict.status, 'PASSED');
    assert.equal(verdict.summary, 'last rotated 10 days ago, within 90 days');
  });

  it('fails a secret whose rotation is on but stopped working 120 days ago (edge)', () => {
    const verdict = evaluate(rotatedRecently, secret('db', { lastRotatedAt: '2025-03-02T12:00:00.000Z' }));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /was last rotated 120 days ago/);
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.RotationEnabled, true);
  });

  it('exactly 90 days is not older than 90 days; one millisecond more is; the limit is a parameter (edge)', () => {
    const at = (date: string): SecretItem => secret('db', { lastRotatedAt: date });
    assert.equal(evaluate(rotatedRecently, at('2025-04-01T12:00:00.000Z')).status, 'PASSED');
    assert.equal(evaluate(rotatedRecently, at('2025-04-01T11:59:59.999Z')).status, 'FAILED');
    assert.equal(evaluate(rotatedRecently, secret('db'), { maxAgeDays: 7 }).status, 'FAILED');
    assert.throws(() => rotatedRecently.parameters?.parse({ maxAgeDays: -1 }));
  });

  it('a secret with neither date is an error, never a pass', () => {
    assert.throws(() => evaluate(rotatedRecently, secret('vague', { lastRotatedAt: undefined, createdAt: undefined })), /neither LastRotatedDate nor CreatedDate for secret vague/);
  });
});

describe('secretsmanager model', () => {
  const ctx = { accountId: ACCOUNT, region: REGION, partition: 'aws' } as CollectContext;

  it('reads a ListSecrets entry: RotationEnabled left out means never configured, dates as ISO, tags as a record', () => {
    // act
    const item = toSecret({ ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:k-AbCdEf', Name: 'k', CreatedDate: new Date('2025-01-01T00:00:00Z'), Tags: [{ Key: 'owner', Value: 'x' }] }, ctx);

    // assert
    assert.equal(item?.rotationEnabled, false);
    assert.equal(item?.createdAt, '2025-01-01T00:00:00.000Z');
    assert.equal(item?.lastRotatedAt, undefined);
    assert.deepEqual(item?.ref.tags, { owner: 'x' });
    assert.deepEqual(item?.ref.details?.AwsSecretsManagerSecret, { Name: 'k', RotationEnabled: false, Deleted: false });
    assert.equal(toSecret({ ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:nameless' }, ctx), undefined);
  });
});
