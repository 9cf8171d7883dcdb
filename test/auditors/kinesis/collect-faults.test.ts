/**
 * What the emulator cannot show: refused and failing calls, a stream deleted
 * mid-scan, a region where Kinesis is not offered, paged tags, and answers
 * that leave a field out. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  DescribeStreamSummaryCommand, KinesisServiceException, ListStreamsCommand, ListTagsForStreamCommand, ResourceNotFoundException, type StreamDescriptionSummary,
} from '@aws-sdk/client-kinesis';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { RampartKinesisClient } from '../../../auditors/kinesis/client.js';
import { kinesisCollector } from '../../../auditors/kinesis/collect.js';
import { kinesisAuditor } from '../../../auditors/kinesis/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function denied(operation: string): KinesisServiceException {
  return new KinesisServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: `User is not authorized to perform: kinesis:${operation} (injected)` });
}

function summary(name: string, overrides: Partial<StreamDescriptionSummary> = {}): StreamDescriptionSummary {
  return {
    StreamName: name,
    StreamARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`,
    StreamStatus: 'ACTIVE',
    RetentionPeriodHours: 24,
    StreamCreationTimestamp: new Date('2024-01-01T00:00:00Z'),
    OpenShardCount: 2,
    EnhancedMonitoring: [{ ShardLevelMetrics: ['IncomingBytes'] }],
    EncryptionType: 'KMS',
    KeyId: 'alias/orders',
    ...overrides,
  };
}

describe('kinesisCollector with injected answers', () => {
  let clients: AwsClients;
  let kinesis: AwsClientStub<RampartKinesisClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    kinesis = mockClient(clients.get(RampartKinesisClient));
    ctx = mockedContext(clients);
    kinesis.on(ListStreamsCommand).resolves({ StreamNames: ['orders'], HasMoreStreams: false });
    kinesis.on(DescribeStreamSummaryCommand).callsFake((input: { StreamName: string }) => ({ StreamDescriptionSummary: summary(input.StreamName) }));
    kinesis.on(ListTagsForStreamCommand).resolves({ Tags: [], HasMoreTags: false });
  });

  afterEach(() => {
    kinesis.restore();
    clients.destroy();
  });

  it('continues ListStreams after the last name while HasMoreStreams, and pages tags by key', async () => {
    // prepare
    kinesis.on(ListStreamsCommand)
      .resolvesOnce({ StreamNames: ['a', 'b'], HasMoreStreams: true })
      .resolvesOnce({ StreamNames: ['c'], HasMoreStreams: false });
    kinesis.on(ListTagsForStreamCommand, { StreamName: 'c' })
      .resolvesOnce({ Tags: [{ Key: 'owner', Value: 'data' }], HasMoreTags: true })
      .resolvesOnce({ Tags: [{ Key: 'team', Value: 'ingest' }], HasMoreTags: false });

    // act
    const inventory = await kinesisCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.streams.map((s) => s.name), ['a', 'b', 'c']);
    assert.deepEqual(kinesis.commandCalls(ListStreamsCommand).map((c) => c.args[0].input), [{ Limit: 100 }, { Limit: 100, ExclusiveStartStreamName: 'b' }]);
    assert.deepEqual(kinesis.commandCalls(ListTagsForStreamCommand, { StreamName: 'c' }).map((c) => c.args[0].input.ExclusiveStartTagKey), [undefined, 'owner']);
    assert.deepEqual(inventory.streams[2]?.ref.tags, { owner: 'data', team: 'ingest' });
  });

  it('a refused summary makes only that stream\'s checks ERROR; refused tags are recorded, not fatal', async () => {
    // prepare
    kinesis.on(ListStreamsCommand).resolves({ StreamNames: ['refused', 'untagged'], HasMoreStreams: false });
    kinesis.on(DescribeStreamSummaryCommand, { StreamName: 'refused' }).rejects(denied('DescribeStreamSummary'));
    kinesis.on(ListTagsForStreamCommand, { StreamName: 'untagged' }).rejects(denied('ListTagsForStream'));

    // act
    const inventory = await kinesisCollector.collect(ctx);
    const { results } = evaluateChecks(task(kinesisAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`).sort(), [
      'ERROR kinesis-stream-encrypted refused',
      'ERROR kinesis-stream-enhanced-monitoring-enabled refused',
      'PASSED kinesis-stream-encrypted untagged',
      'PASSED kinesis-stream-enhanced-monitoring-enabled untagged',
    ]);
    assert.match(results.find((r) => r.resource.id === 'refused')?.summary ?? '', /the summary of stream refused could not be read: AccessDeniedException/);
    const refused = inventory.streams.find((s) => s.name === 'refused');
    assert.equal(refused?.ref.arn, `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/refused`);
    assert.match(inventory.streams.find((s) => s.name === 'untagged')?.ref.tagsError ?? '', /AccessDeniedException/);
  });

  it('drops a stream deleted between the listing and its detail calls', async () => {
    // prepare
    kinesis.on(ListStreamsCommand).resolves({ StreamNames: ['gone', 'orders'], HasMoreStreams: false });
    kinesis.on(DescribeStreamSummaryCommand, { StreamName: 'gone' }).rejects(new ResourceNotFoundException({ message: 'Stream gone under account 123456789012 not found.', $metadata: { httpStatusCode: 400 } }));

    // act
    const inventory = await kinesisCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.streams.map((s) => s.name), ['orders']);
  });

  it('a summary without EncryptionType gives ERROR for the encryption check only', async () => {
    // prepare
    kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: summary('orders', { EncryptionType: undefined, KeyId: undefined }) });

    // act
    const { results } = evaluateChecks(task(kinesisAuditor.checks), await kinesisCollector.collect(ctx));

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId}`), ['ERROR kinesis-stream-encrypted', 'PASSED kinesis-stream-enhanced-monitoring-enabled']);
  });

  it('a region where Kinesis has no endpoint is an empty inventory; a refused listing fails the collection', async () => {
    // prepare
    kinesis.on(ListStreamsCommand).rejectsOnce(Object.assign(new Error('getaddrinfo ENOTFOUND kinesis.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act
    const inventory = await kinesisCollector.collect(ctx);
    kinesis.on(ListStreamsCommand).rejects(denied('ListStreams'));

    // assert
    assert.deepEqual(inventory, { streams: [] });
    await assert.rejects(() => kinesisCollector.collect(ctx), /AccessDeniedException/);
  });
});

describe('RampartKinesisClient', () => {
  it('speaks HTTP/1.1 to a plain http:// endpoint (the emulator) and keeps the SDK\'s HTTP/2 against AWS', () => {
    // prepare
    const emulated = new RampartKinesisClient({ region: REGION, endpoint: 'http://127.0.0.1:5000' });
    const aws = new RampartKinesisClient({ region: REGION });

    // act
    const handlers = [emulated, aws].map((client) => client.config.requestHandler.constructor.name);

    // assert
    assert.deepEqual(handlers, ['NodeHttpHandler', 'NodeHttp2Handler']);
    emulated.destroy();
    aws.destroy();
  });
});
