import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { evaluateChecks } from '../../../src/core/runner.js';
import guardDutyEnabled from '../../../auditors/guardduty/checks/guardduty-enabled.js';
import { account, detector, task } from './fixtures.js';

describe('guardduty-enabled', () => {
  it('fails a region without a detector, once, on the account', () => {
    // act
    const { results } = evaluateChecks(task([guardDutyEnabled]), { account: account([]) });

    // assert
    assert.deepEqual(results.map((r) => [r.resource.type, r.resource.arn, r.status]), [['AwsAccount', 'AWS::::Account:123456789012', 'FAILED']]);
    assert.equal(results[0]?.summary, 'GuardDuty has no detector in us-east-1: it is not enabled there');
  });

  it('passes when a detector is enabled', () => {
    // act
    const verdict = guardDutyEnabled.evaluate(account([detector('d-1', 'ENABLED')]), {}, {});

    // assert
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(verdict.status === 'PASSED' && verdict.evidence, { detectors: [{ detector_id: 'd-1', status: 'ENABLED' }] });
  });

  it('edge: a suspended detector fails; an unreadable or unreported status is an ERROR unless another detector is enabled', () => {
    // prepare
    const suspended = account([detector('d-1', 'DISABLED')]);
    const unreadable = account([{ detectorId: 'd-2', detail: { ok: false, error: 'AccessDeniedException: no' } }]);
    const unreported = account([detector('d-3')]);
    const oneEnabled = account([{ detectorId: 'd-2', detail: { ok: false, error: 'AccessDeniedException: no' } }, detector('d-4', 'ENABLED')]);

    // act
    const statuses = [suspended, unreadable, unreported, oneEnabled].map((item) => evaluateChecks(task([guardDutyEnabled]), { account: item }).results[0]);

    // assert
    assert.deepEqual(statuses.map((r) => r?.status), ['FAILED', 'ERROR', 'ERROR', 'PASSED']);
    assert.equal(statuses[0]?.summary, 'GuardDuty is suspended in us-east-1: detector d-1 is DISABLED');
    assert.match(statuses[1]?.summary ?? '', /status of GuardDuty detector d-2 could not be read: AccessDeniedException/);
  });

  it('edge: a region where GuardDuty is not offered is not judged', () => {
    assert.deepEqual(evaluateChecks(task([guardDutyEnabled]), {}).results, []);
  });
});
