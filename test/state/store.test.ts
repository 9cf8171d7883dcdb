/** The record table against the emulator: creation, the queries later steps need, and first-sighting safety. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { RecordStore, RecordStoreError, INDEXES } from '../../src/state/store.js';
import { reconcile, scopeOf } from '../../src/state/reconcile.js';
import type { FindingRecord } from '../../src/state/record.js';
import { useEmulator } from '../helpers/emulator.js';
import { META, result } from '../helpers/fixtures.js';

function records(): FindingRecord[] {
  const results = [
    result({ id: 'sg-open' }),
    result({ id: 'sg-closed', status: 'PASSED' }),
    result({ id: 'sg-other-account', accountId: '111111111111' }),
    result({ id: 'sg-west', region: 'us-west-2' }),
  ];
  return reconcile({
    results, prior: new Map(), completedScopes: new Set([scopeOf('123456789012', 'us-east-1', META.id)]),
    meta: () => META, exemptions: [], now: new Date('2026-01-01T00:00:00Z'), refreshDays: 7, mode: 'changed', version: '1',
  }).map((p) => p.record);
}

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

  it('serves the scope, open-by-account, by-check and by-status queries from indexes', async () => {
    const store = new RecordStore(aws.clients().get(DynamoDBClient), 'rampart-test');
    await store.ensureTable(true);
    const written = await store.write(records(), new Set());
    assert.deepEqual(written, { written: 4, failed: [] });
    assert.deepEqual((await store.loadScope('123456789012', 'us-east-1')).map((r) => r.resource.id).sort(), ['sg-closed', 'sg-open']);
    assert.deepEqual((await store.byAccount('123456789012', 'FAILED')).map((r) => r.resource.id).sort(), ['sg-open', 'sg-west']);
    assert.deepEqual((await store.byAccount('123456789012', 'FAILED', META.id)).length, 2);
    assert.equal((await store.byCheck(META.id)).length, 4);
    assert.equal((await store.byCheck(META.id, 'PASSED')).length, 1);
    assert.equal((await store.byState('FAILED')).length, 3);
    assert.equal((await store.byState('FAILED', '2027-01-01T00:00:00Z')).length, 0);
  });

  it('batch-writes known records in chunks of 25 and never overwrites a first sighting recorded meanwhile', async () => {
    const client = aws.clients().get(DynamoDBClient);
    const store = new RecordStore(client, 'rampart-test');
    await store.ensureTable(true);
    const many = Array.from({ length: 60 }, (_, i) => ({ ...records()[0]!, pk: `id-${i}`, findingId: `id-${i}` }));
    assert.equal((await store.write(many, new Set())).written, 60);
    assert.equal((await store.write(many.map((r) => ({ ...r, summary: 'again' })), new Set(many.map((r) => r.findingId)))).written, 60);
    // Another run recorded the first sighting of sg-open after this run read the table.
    const doc = DynamoDBDocumentClient.from(client);
    const [open] = records();
    await doc.send(new PutCommand({ TableName: 'rampart-test', Item: { ...open, firstSeenAt: '2025-06-01T00:00:00.000Z' } }));
    await store.write([{ ...open!, firstSeenAt: '2026-01-01T00:00:00.000Z', summary: 'latest' }], new Set());
    const { Item } = await doc.send(new GetCommand({ TableName: 'rampart-test', Key: { pk: open!.pk, sk: 'FINDING' } }));
    assert.equal(Item?.firstSeenAt, '2025-06-01T00:00:00.000Z');
    assert.equal(Item?.summary, 'latest');
  });
});
