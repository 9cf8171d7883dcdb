/**
 * The emulator (moto) does not serve AppStream 2.0: a scan against it cannot
 * collect the inventory, so every AppStream check is an ERROR there, never a
 * pass. collect-faults.test.ts tests the collector with injected answers.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { runPlan } from '../../../src/core/runner.js';
import { silentLogger } from '../../../src/util/logger.js';
import { appstreamAuditor } from '../../../auditors/appstream/index.js';
import { useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

describe('appstreamCollector against the emulator', () => {
  it('the emulator answers as an account that does not use AppStream: no resources, no error (moto lacks the service; the local front answers its describe calls)', async () => {
    // act
    const [outcome] = await runPlan([task(appstreamAuditor.checks)], { clientsFor: (_account, region) => emulator.clients(region), logger: silentLogger, concurrency: 1 });

    // assert
    assert.equal(outcome?.ok, true);
    assert.deepEqual(outcome?.results, []);
  });
});
