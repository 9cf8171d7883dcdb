/**
 * The MSK collector against the emulator. The emulator lists an empty account
 * correctly, but lists clusters with creation times that carry no time zone,
 * which the SDK refuses; so judging clusters is tested on injected answers
 * (collect-faults.test.ts), and here the gap is pinned down: the collection
 * fails (the scan reports ERROR, never PASSED).
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { iamActionFor } from '../../../src/aws/iam-actions.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { seedMsk } from '../../../src/emulator/seeds/msk.js';
import { mskCollector } from '../../../auditors/msk/collect.js';
import { useEmulator } from '../../helpers/emulator.js';

const emulator = useEmulator();

describe('mskCollector against the emulator', () => {
  it('an account without clusters is an empty inventory, read with the one declared action', async () => {
    // prepare
    const counter = new RequestCounter();

    // act
    const inventory = await mskCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(inventory, { clusters: [] });
    assert.deepEqual(Object.keys(counter.snapshot()).map(iamActionFor), [...mskCollector.permissions]);
  });

  it('the emulator\'s cluster listing is still unreadable (when this fails, test the collector and the demo seed here)', async () => {
    // prepare
    const seeded = await seedMsk(emulator.clients());

    // act and assert
    assert.equal(seeded.insecure.length + seeded.compliant.length, 2);
    await assert.rejects(() => mskCollector.collect(emulator.collectContext()), /date-time|RFC-3339/);
  });
});
