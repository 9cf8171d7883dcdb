/**
 * The MSK collector against the emulator. moto lists clusters with creation
 * times that carry no time zone, which the SDK refuses; the emulator's front
 * marks them UTC, so clusters are judged here as listed. Faults are injected
 * in collect-faults.test.ts.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { iamActionFor } from '../../../src/aws/iam-actions.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { seedMsk } from '../../../src/emulator/seeds/msk.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { mskCollector } from '../../../auditors/msk/collect.js';
import { mskAuditor } from '../../../auditors/msk/index.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';
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

  it('the demo seed, through the emulator\'s front (which marks moto\'s zone-less times UTC): the open cluster fails, the guarded one passes', async () => {
    // prepare
    const seeded = await seedMsk(emulator.clients());

    // act
    const inventory = await mskCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(mskAuditor.checks), inventory);

    // assert
    const checks = mskAuditor.checks.map((c) => c.meta.id);
    const table = statusTable(results, checks, { rowKey: (r) => r.resource.arn });
    assert.deepEqual(table[seeded.insecure[0] as string], checks.map(() => 'FAIL'));
    assert.deepEqual(table[seeded.compliant[0] as string], checks.map(() => 'PASS'));
  });
});
