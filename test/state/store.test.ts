/** The record table against the emulator: creation, the queries later steps need, and first-sighting safety. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { digestEntryOf, fitRecord, INDEXES, MAX_RECORD_BYTES, RecordStore, RecordStoreError, type StoreWrite } from '../../src/state/store.js';
import { digestWrite } from '../../src/state/digest.js';
import { reconcileScope, settle, type ScopeInput } from '../../src/state/reconcile.js';
import type { FindingRecord } from '../../src/state/record.js';
import { useEmulator } from '../helpers/emulator.js';
import { passThrough } from '../helpers/pass-through.js';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { META, result } from '../helpers/fixtures.js';

function records(): FindingRecord[] {
  const results = [
    result({ id: 'sg-open' }),
    result({ id: 'sg-closed', status: 'PASSED' }),
    result({ id: 'sg-other-account', accountId: '111111111111' }),
    result({ id: 'sg-west', region: 'us-west-2' }),
  ];
  const scope: ScopeInput = {
    accountId: '123456789012', region: 'us-east-1', results, digest: new Map(), completedChecks: new Set([META.id]), retired: () => undefined,
    meta: () => META, exemptions: [], now: new Date('2026-01-01T00:00:00Z'), refreshDays: 7, mode: 'changed', version: '1', publishErrors: true,
  };
  return reconcileScope(scope, new Map()).plans.map((p) => settle(p, { kind: 'imported' }, undefined, scope.now).record as FindingRecord);
}

const puts = (items: readonly FindingRecord[]): StoreWrite[] => items.map((put) => ({ put }));

describe('record store', () => {
  const aws = useEmulator();

  it('refuses a missing table without --create-table, and creates it on demand (on-demand capacity, four indexes)', async () => {
    const client = aws.clients().get(DynamoDBClient);
    const store = new RecordStore(client, 'rampart-test');
    await assert.rejects(store.ensureTable(false), (error: unknown) => error instanceof RecordStoreError && /does not exist: .*--create-table/.test(error.message));
    assert.equal(await store.ensureTable(true), 'created');
    assert.equal(await store.ensureTable(false), 'exists');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'rampart-test' }));
    assert.equal(Table?.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
    assert.deepEqual(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort(), Object.values(INDEXES).map((i) => i.name).sort());
  });

  it('serves the open-by-account, by-check and by-status queries from indexes', async () => {
    const store = new RecordStore(aws.clients().get(DynamoDBClient), 'rampart-test');
    await store.ensureTable(true);
    const written = await store.write(puts(records()));
    assert.deepEqual(written, { written: 4, failed: [] });
    assert.deepEqual((await store.byAccount('123456789012', 'FAILED')).map((r) => r.resource.id).sort(), ['sg-open', 'sg-west']);
    assert.deepEqual((await store.byAccount('123456789012', 'FAILED', META.id)).length, 2);
    assert.equal((await store.byCheck(META.id)).length, 4);
    assert.equal((await store.byCheck(META.id, 'PASSED')).length, 1);
    assert.equal((await store.byState('FAILED')).length, 3);
    assert.equal((await store.byState('FAILED', '2027-01-01T00:00:00Z')).length, 0);
    assert.deepEqual([...(await store.getRecords([records()[0]!.findingId, 'rampart/none'])).keys()], [records()[0]!.findingId]);
  });

  it('reads a scope back from its digest with one query, and writes only the shards that changed', async () => {
    const store = new RecordStore(aws.clients().get(DynamoDBClient), 'rampart-test');
    await store.ensureTable(true);
    const entries = new Map(Array.from({ length: 3000 }, (_, i) => {
      const record = { ...records()[0]!, findingId: `rampart/123456789012/us-east-1/${META.id}/arn:aws:ec2:us-east-1:123456789012:security-group/sg-${i}` };
      return [record.findingId, digestEntryOf(record)] as const;
    }));
    const first = digestWrite('123456789012', 'us-east-1', entries, new Map());
    assert.ok(first.put.length > 1, 'a large digest is sharded');
    assert.ok(first.put.every((item) => Buffer.byteLength(JSON.stringify(item)) < 200 * 1024));
    await store.write(first.put.map((put) => ({ put })));
    const loaded = await store.loadScope('123456789012', 'us-east-1');
    assert.equal(loaded.source, 'digest');
    assert.deepEqual(loaded.digest, entries);
    const changed = new Map(entries);
    const someId = [...entries.keys()][7]!;
    changed.set(someId, { ...entries.get(someId)!, lastImportedAt: '2026-02-01T00:00:00.000Z' });
    assert.equal(digestWrite('123456789012', 'us-east-1', changed, loaded.shards).put.length, 1);
    assert.equal(digestWrite('123456789012', 'us-east-1', entries, loaded.shards).put.length, 0);
  });

  it('rebuilds the digest from the records of a table written before digests existed', async () => {
    const store = new RecordStore(aws.clients().get(DynamoDBClient), 'rampart-test');
    await store.ensureTable(true);
    await store.write(puts(records()));
    // A later run, against the table it did not create.
    const later = new RecordStore(aws.clients().get(DynamoDBClient), 'rampart-test');
    const loaded = await later.loadScope('123456789012', 'us-east-1');
    assert.equal(loaded.source, 'records');
    assert.deepEqual([...loaded.digest.values()].map((e) => e.firstSeenAt), ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
    assert.equal((await later.loadScope('123456789012', 'eu-west-1')).source, 'empty');
  });

  it('fits a record of any size into one item: evidence, details and tags are bounded and re-measured', async () => {
    const store = new RecordStore(aws.clients().get(DynamoDBClient), 'rampart-test');
    await store.ensureTable(true);
    const rules = Array.from({ length: 6000 }, (_, i) => ({ IpProtocol: 'tcp', FromPort: i, ToPort: i, IpRanges: [{ CidrIp: `8.8.${i % 256}.0/24`, Description: 'x'.repeat(40) }] }));
    const huge: FindingRecord = {
      ...records()[0]!,
      evidence: { rules: rules.map((r) => `${r.IpProtocol}/${r.FromPort}`) },
      resource: { ...records()[0]!.resource, details: { AwsEc2SecurityGroup: { IpPermissions: rules } }, tags: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`tag-${i}`, 'v'.repeat(250)])) },
    };
    assert.ok(Buffer.byteLength(JSON.stringify(huge)) > 700 * 1024);
    const fitted = fitRecord(huge);
    assert.ok(Buffer.byteLength(JSON.stringify(fitted)) <= MAX_RECORD_BYTES);
    assert.deepEqual(await store.write([{ put: huge }, ...puts(records().slice(1))]), { written: 4, failed: [] });
  });

  it('encodes each batch as it sends it: a large write never holds every record encoded at once', async () => {
    // prepare
    const store = new RecordStore(aws.clients().get(DynamoDBClient), 'rampart-test');
    await store.ensureTable(true);
    const read = new Set<number>();
    const base = records()[0]!;
    // Each record notes when it is first read (encoded for a request).
    const many = Array.from({ length: 1000 }, (_, i) => new Proxy({ ...base, pk: `id-${i}`, findingId: `id-${i}` }, { get: (target, key, receiver) => (read.add(i), Reflect.get(target, key, receiver)) }));
    let readAtFirstSend = -1;
    const ddb = passThrough(DynamoDBDocumentClient, []);
    ddb.fake<object>(BatchWriteCommand, async (input, real) => {
      if (readAtFirstSend < 0) readAtFirstSend = read.size;
      return real(input);
    });
    // act
    let report;
    try {
      report = await store.write(puts(many));
    } finally {
      ddb.restore();
    }
    // assert
    assert.deepEqual(report, { written: 1000, failed: [] });
    assert.ok(readAtFirstSend > 0 && readAtFirstSend <= 8 * 25, `${readAtFirstSend} of 1000 records were encoded before the first batch went out`);
  });

  it('splits a batch DynamoDB refuses as a whole, so only the bad item fails', async () => {
    const store = new RecordStore(aws.clients().get(DynamoDBClient), 'rampart-test');
    await store.ensureTable(true);
    const many = Array.from({ length: 25 }, (_, i) => ({ ...records()[0]!, pk: `id-${i}`, findingId: `id-${i}` }));
    const ddb = passThrough(DynamoDBDocumentClient, []);
    ddb.fake<{ RequestItems: Record<string, Array<{ PutRequest?: { Item: { findingId?: string } } }>> }>(BatchWriteCommand, async (input, real) => {
      if (Object.values(input.RequestItems).flat().some((r) => r.PutRequest?.Item.findingId === 'id-7')) {
        throw Object.assign(new Error('One or more parameter values were invalid'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
      }
      return real(input);
    });
    try {
      const report = await store.write(puts(many));
      assert.equal(report.written, 24);
      assert.deepEqual(report.failed.map((f) => f.findingId), ['id-7']);
    } finally {
      ddb.restore();
    }
  });
});
