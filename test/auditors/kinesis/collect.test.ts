import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { AddTagsToStreamCommand, CreateStreamCommand, EnableEnhancedMonitoringCommand, StartStreamEncryptionCommand, type MetricsName } from '@aws-sdk/client-kinesis';
import { iamActionFor } from '../../../src/aws/iam-actions.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedKinesis } from '../../../src/emulator/seeds/kinesis.js';
import { RampartKinesisClient } from '../../../auditors/kinesis/client.js';
import { kinesisCollector } from '../../../auditors/kinesis/collect.js';
import { kinesisAuditor } from '../../../auditors/kinesis/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';

const emulator = useEmulator();
const CHECKS = ['kinesis-stream-encrypted', 'kinesis-stream-enhanced-monitoring-enabled'] as const;

const kinesis = (): RampartKinesisClient => emulator.clients().get(RampartKinesisClient);

async function createStream(name: string, options: { kms?: boolean; metrics?: MetricsName[]; tags?: Record<string, string> } = {}): Promise<void> {
  const client = kinesis();
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
  if (options.kms) await client.send(new StartStreamEncryptionCommand({ StreamName: name, EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
  if (options.metrics) await client.send(new EnableEnhancedMonitoringCommand({ StreamName: name, ShardLevelMetrics: options.metrics }));
  if (options.tags) await client.send(new AddTagsToStreamCommand({ StreamName: name, Tags: options.tags }));
}

describe('kinesisCollector against the emulator', () => {
  it('reads each stream\'s encryption, shard-level metrics and tags, and the checks judge them', async () => {
    // prepare
    await createStream('plain', { tags: { owner: 'alice' } });
    await createStream('encrypted-only', { kms: true });
    await createStream('watched', { kms: true, metrics: ['IncomingBytes'] });

    // act
    const inventory = await kinesisCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(kinesisAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECKS), {
      //                 encrypt monitor
      'plain':          ['FAIL', 'FAIL'],
      'encrypted-only': ['PASS', 'FAIL'],
      'watched':        ['PASS', 'PASS'],
    });
    const plain = inventory.streams.find((s) => s.name === 'plain');
    assert.equal(plain?.ref.arn, `arn:aws:kinesis:${REGION}:${DEFAULT_ACCOUNT}:stream/plain`);
    assert.deepEqual(plain?.ref.tags, { owner: 'alice' });
    assert.deepEqual(inventory.streams.find((s) => s.name === 'watched')?.ref.details?.AwsKinesisStream, {
      Name: 'watched',
      Arn: `arn:aws:kinesis:${REGION}:${DEFAULT_ACCOUNT}:stream/watched`,
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      ShardCount: 1,
      RetentionPeriodHours: 24,
    });
  });

  it('reads each stream once, follows ListStreams pages, and calls only what it declares', async () => {
    // prepare
    for (let i = 0; i < 102; i += 1) await kinesis().send(new CreateStreamCommand({ StreamName: `s-${String(i).padStart(3, '0')}`, ShardCount: 1 }));
    const counter = new RequestCounter();

    // act
    const inventory = await kinesisCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.equal(new Set(inventory.streams.map((s) => s.name)).size, 102);
    assert.deepEqual(counter.snapshot(), { 'Kinesis:DescribeStreamSummary': 102, 'Kinesis:ListStreams': 2, 'Kinesis:ListTagsForStream': 102 });
    assert.deepEqual(Object.keys(counter.snapshot()).map(iamActionFor).sort(), [...kinesisCollector.permissions].sort());
  });

  it('an account without streams is an empty inventory', async () => {
    assert.deepEqual(await kinesisCollector.collect(emulator.collectContext()), { streams: [] });
  });
});

describe('the Kinesis demo seed', () => {
  it('fails every check on the insecure stream and nothing on the decoy', async () => {
    // prepare
    const seeded = await seedKinesis(emulator.clients());

    // act
    const inventory = await kinesisCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(kinesisAuditor.checks), inventory);

    // assert
    for (const id of CHECKS) assert.ok(results.some((r) => r.checkId === id && r.status === 'FAILED' && seeded.insecure.includes(r.resource.id)), `${id} fails an insecure stream`);
    assert.deepEqual(results.filter((r) => seeded.compliant.includes(r.resource.id)).map((r) => r.status), ['PASSED', 'PASSED']);
  });
});
