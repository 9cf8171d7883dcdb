import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { evaluateChecks } from '../../../src/core/runner.js';
import analyzerEnabled from '../../../auditors/accessanalyzer/checks/accessanalyzer-external-access-analyzer-enabled.js';
import { account, analyzer, task } from './fixtures.js';

const judge = (item: ReturnType<typeof account>) => evaluateChecks(task([analyzerEnabled]), { account: item }).results;

describe('accessanalyzer-external-access-analyzer-enabled', () => {
  it('fails a region without an analyzer, once, on the account', () => {
    // act
    const results = judge(account([]));

    // assert
    assert.deepEqual(results.map((r) => [r.resource.arn, r.status, r.summary]), [['AWS::::Account:123456789012', 'FAILED', 'IAM Access Analyzer has no analyzer in us-east-1']]);
  });

  it('passes an active ACCOUNT or ORGANIZATION analyzer', () => {
    // act
    const results = [judge(account([analyzer('external', 'ACCOUNT', 'ACTIVE')])), judge(account([analyzer('org', 'ORGANIZATION', 'ACTIVE')]))];

    // assert
    assert.deepEqual(results.map((r) => r[0]?.status), ['PASSED', 'PASSED']);
    assert.equal(results[1]?.[0]?.summary, 'org (ORGANIZATION) is active');
  });

  it('edge: an unused-access analyzer, or an external one that is not ACTIVE, does not count', () => {
    // act
    const results = judge(account([analyzer('unused', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE'), analyzer('broken', 'ACCOUNT', 'FAILED')]));

    // assert
    assert.equal(results[0]?.status, 'FAILED');
    assert.equal(results[0]?.summary, 'no external access analyzer is active in us-east-1: unused is ACCOUNT_UNUSED_ACCESS ACTIVE, broken is ACCOUNT FAILED');
  });

  it('edge: an analyzer whose type or status is not reported is an ERROR unless another one is active; a region without the service is not judged', () => {
    // act
    const unknown = judge(account([analyzer('mystery')]));
    const covered = judge(account([analyzer('mystery'), analyzer('external', 'ACCOUNT', 'ACTIVE')]));
    const notOffered = evaluateChecks(task([analyzerEnabled]), {}).results;

    // assert
    assert.deepEqual([unknown[0]?.status, covered[0]?.status, notOffered.length], ['ERROR', 'PASSED', 0]);
  });
});
