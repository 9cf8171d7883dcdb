/** The GuardDuty collector against the emulator: detectors and their status. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedGuardDuty } from '../../../src/emulator/seeds/guardduty.js';
import { guardDutyCollector } from '../../../auditors/guardduty/collect.js';
import { guardDutyAuditor } from '../../../auditors/guardduty/index.js';
import { DEFAULT_ACCOUNT, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

describe('guardDutyCollector against the emulator', () => {
  it('a region without a detector fails, once, on the account', async () => {
    // act
    const inventory = await guardDutyCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(guardDutyAuditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.account?.detectors, []);
    assert.deepEqual(results.map((r) => [r.checkId, r.resource.arn, r.status]), [['guardduty-enabled', `AWS::::Account:${DEFAULT_ACCOUNT}`, 'FAILED']]);
  });

  it('the demo seed\'s suspended detector fails; an enabled detector passes, read once each', async () => {
    // prepare
    const seed = await seedGuardDuty(emulator.clients());
    const suspended = await guardDutyCollector.collect(emulator.collectContext());
    // The emulator allows a second detector in a region (AWS does not): enough to show the enabled one counts.
    const { DetectorId } = await emulator.clients().get(GuardDutyClient).send(new CreateDetectorCommand({ Enable: true }));
    const counter = new RequestCounter();

    // act
    const enabled = await guardDutyCollector.collect(emulator.collectContext({ counter }));
    const before = evaluateChecks(task(guardDutyAuditor.checks), suspended).results;
    const after = evaluateChecks(task(guardDutyAuditor.checks), enabled).results;

    // assert
    assert.deepEqual(suspended.account?.detectors.map((d) => [d.detectorId, d.detail.ok && d.detail.value.status]), [[seed.insecure[0], 'DISABLED']]);
    assert.deepEqual(before.map((r) => r.status), ['FAILED']);
    assert.match(before[0]?.summary ?? '', /suspended/);
    assert.deepEqual(after.map((r) => r.status), ['PASSED']);
    assert.match(after[0]?.summary ?? '', new RegExp(`detector ${DetectorId} is enabled`));
    assert.deepEqual(counter.snapshot(), { 'GuardDuty:GetDetector': 2, 'GuardDuty:ListDetectors': 1 });
  });
});
