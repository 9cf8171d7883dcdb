/** The reporting step's items against the emulator: one claim wins, open items are listed from the index. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { RecordStore } from '../../src/state/store.js';
import type { TicketItem } from '../../src/state/outbox.js';
import { useEmulator } from '../helpers/emulator.js';

const claim = (findingId: string, at: string): TicketItem => ({
  pk: findingId, sk: 'TICKET', findingId, state: 'TICKET#CLAIMED', lastSeenAt: at, project: 'SEC', label: `rampart-${findingId}`, claimedAt: at,
});

describe('outbox', () => {
  const aws = useEmulator();

  it('only the first claim of a ticket succeeds; the second sees the first', async () => {
    // prepare
    const store = new RecordStore(aws.clients().get(DynamoDBClient), 'rampart-test');
    await store.ensureTable(true);
    const outbox = store.outbox();
    // act
    const first = await outbox.claimTicket(claim('f-1', '2026-11-30T10:00:00.000Z'));
    const second = await outbox.claimTicket(claim('f-1', '2026-11-30T11:00:00.000Z'));
    // assert
    assert.deepEqual(first, { claimed: true });
    assert.equal(second.claimed, false);
    assert.equal(second.claimed ? undefined : second.existing.claimedAt, '2026-11-30T10:00:00.000Z');
  });

  it('lists the open tickets by state, without a table scan', async () => {
    const store = new RecordStore(aws.clients().get(DynamoDBClient), 'rampart-test');
    await store.ensureTable(true);
    const outbox = store.outbox();
    await outbox.put({ ...claim('f-1', '2026-11-30T10:00:00.000Z'), state: 'TICKET#OPEN', key: 'SEC-1' });
    await outbox.put({ ...claim('f-2', '2026-11-30T10:00:00.000Z'), state: 'TICKET#CLOSED', key: 'SEC-2' });
    await outbox.put({ pk: 'f-1', sk: 'NOTIFICATION', findingId: 'f-1', state: 'NOTIFY#OPEN', lastSeenAt: '2026-11-30T10:00:00.000Z', channel: 'C1', ts: '1.000100' });
    assert.deepEqual((await outbox.inState<TicketItem>('TICKET#OPEN')).map((t) => t.key), ['SEC-1']);
    assert.equal((await outbox.inState('NOTIFY#OPEN')).length, 1);
    assert.equal((await outbox.get<TicketItem>('f-2', 'TICKET'))?.key, 'SEC-2');
  });
});
