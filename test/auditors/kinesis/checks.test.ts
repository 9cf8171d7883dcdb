import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import type { KinesisInventory, KinesisStreamItem } from '../../../auditors/kinesis/collect.js';
import { toSettings } from '../../../auditors/kinesis/fetch.js';
import encrypted from '../../../auditors/kinesis/checks/kinesis-stream-encrypted.js';
import enhancedMonitoring from '../../../auditors/kinesis/checks/kinesis-stream-enhanced-monitoring-enabled.js';
import { failed, inventory, stream } from './fixtures.js';

function evaluate(check: Check<KinesisInventory, KinesisStreamItem, Record<string, never>>, item: KinesisStreamItem): Verdict {
  return check.evaluate(item, {}, inventory(item));
}

describe('kinesis-stream-encrypted', () => {
  it('fails a stream without server-side encryption', () => {
    // prepare
    const item = stream('clicks', fetched({ encryptionType: 'NONE', keyId: undefined }));

    // act
    const verdict = evaluate(encrypted, item);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { EncryptionType: 'NONE' });
  });

  it('passes a stream encrypted with a customer managed key, and says so', () => {
    const verdict = evaluate(encrypted, stream('orders'));
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(verdict.status === 'PASSED' && verdict.evidence, { EncryptionType: 'KMS', KeyId: `arn:aws:kms:us-east-1:123456789012:key/k1`, awsManagedKey: false });
  });

  it('passes the AWS managed key and marks it (edge)', () => {
    const verdict = evaluate(encrypted, stream('orders', fetched({ keyId: 'alias/aws/kinesis' })));
    assert.equal(verdict.status === 'PASSED' && verdict.evidence?.awsManagedKey, true);
  });

  it('an unreported EncryptionType, or a summary that could not be read, is an error, never a pass (edge)', () => {
    assert.throws(() => evaluate(encrypted, stream('vague', fetched({ encryptionType: undefined }))), /did not report EncryptionType for vague/);
    assert.throws(() => evaluate(encrypted, stream('denied', failed())), MissingInputError);
  });
});

describe('kinesis-stream-enhanced-monitoring-enabled', () => {
  it('fails a stream that publishes no shard-level metric', () => {
    const verdict = evaluate(enhancedMonitoring, stream('clicks', fetched({ shardLevelMetrics: [] })));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /clicks publishes no shard-level metrics/);
  });

  it('passes a stream with shard-level metrics, listing them', () => {
    const verdict = evaluate(enhancedMonitoring, stream('orders', fetched({ shardLevelMetrics: ['IncomingBytes', 'IteratorAgeMilliseconds'] })));
    assert.deepEqual(verdict, { status: 'PASSED', summary: 'shard-level metrics: IncomingBytes, IteratorAgeMilliseconds', evidence: { ShardLevelMetrics: ['IncomingBytes', 'IteratorAgeMilliseconds'] } });
  });

  it('an answer without EnhancedMonitoring is an error, not a failure (edge)', () => {
    assert.throws(() => evaluate(enhancedMonitoring, stream('vague', fetched({ shardLevelMetrics: undefined }))), /did not report EnhancedMonitoring/);
  });
});

describe('kinesis model', () => {
  it('flattens the enhanced monitoring entries and keeps unreported fields unknown', () => {
    assert.deepEqual(toSettings({ StreamName: 's', StreamARN: 'a', StreamStatus: 'ACTIVE', RetentionPeriodHours: 24, StreamCreationTimestamp: new Date(0), OpenShardCount: 1, EnhancedMonitoring: [{ ShardLevelMetrics: ['IncomingBytes'] }, { ShardLevelMetrics: ['OutgoingBytes'] }] }), {
      status: 'ACTIVE',
      shardLevelMetrics: ['IncomingBytes', 'OutgoingBytes'],
    });
    assert.deepEqual(toSettings(undefined), {});
  });
});
