/**
 * The emulator (moto) does not serve AppStream 2.0: a scan against it cannot
 * collect the inventory, so every AppStream check is an ERROR there, never a
 * pass. collect-faults.test.ts tests the collector with injected answers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPlan } from '../../../src/core/runner.js';
import { silentLogger } from '../../../src/util/logger.js';
import { appstreamAuditor } from '../../../auditors/appstream/index.js';
import { useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

describe('appstreamCollector against the emulator', () => {
  it('cannot collect (moto lacks AppStream): every check is an ERROR on the account', async () => {
    // act
    const [outcome] = await runPlan([task(appstreamAuditor.checks)], { clientsFor: (_account, region) => emulator.clients(region), logger: silentLogger, concurrency: 1 });

    // assert
    assert.equal(outcome?.ok, false);
    assert.deepEqual(outcome?.results.map((r) => `${r.status} ${r.checkId} ${r.resource.type}`), appstreamAuditor.checks.map((c) => `ERROR ${c.meta.id} AwsAccount`));
  });
});
