import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { evaluateChecks } from '../../../src/core/runner.js';
import noStale from '../../../auditors/securityhub/checks/securityhub-no-stale-high-severity-findings.js';
import { daysBefore, hubFinding, inventory, task } from './fixtures.js';

const judge = (inv: ReturnType<typeof inventory>, params: Record<string, unknown> = {}) => evaluateChecks(task([noStale], { [noStale.meta.id]: params }), inv).results;

describe('securityhub-no-stale-high-severity-findings', () => {
  it('fails once per region when findings older than 30 days are open, counting them and naming the oldest', () => {
    // act
    const results = judge(inventory([hubFinding('a', 45.5), hubFinding('b', 31, { severity: 'CRITICAL', productName: 'GuardDuty' }), hubFinding('c', 2)]));

    // assert
    assert.deepEqual(results.map((r) => [r.resource.arn, r.status]), [['AWS::::Account:123456789012', 'FAILED']]);
    assert.equal(results[0]?.summary, `Security Hub in us-east-1 holds 2 active HIGH or CRITICAL finding(s) older than 30 days; the oldest, created ${daysBefore(45.5)}: finding a (Inspector)`);
    assert.equal(results[0]?.evidence.stale_count, 2);
    assert.deepEqual((results[0]?.evidence.oldest as Array<{ id: string }>).map((f) => f.id), ['a', 'b']);
  });

  it('passes when every open HIGH or CRITICAL finding is younger than the limit, or there is none', () => {
    assert.deepEqual(judge(inventory([hubFinding('c', 29.9)])).map((r) => r.status), ['PASSED']);
    assert.deepEqual(judge(inventory([])).map((r) => r.status), ['PASSED']);
  });

  it('edge: maxAgeDays moves the limit; at the cap the count is a lower bound; a hub that is not enabled, or not offered, is not judged', () => {
    // act
    const tighter = judge(inventory([hubFinding('c', 2)]), { maxAgeDays: 1 });
    const capped = judge(inventory([hubFinding('a', 90), hubFinding('b', 80)], { truncated: true }));
    const disabled = judge(inventory([], { enabled: false }));
    const notOffered = evaluateChecks(task([noStale]), { collectedAt: '2025-06-30T12:00:00.000Z' }).results;

    // assert
    assert.deepEqual(tighter.map((r) => r.status), ['FAILED']);
    assert.match(capped[0]?.summary ?? '', /holds 2 or more active/);
    assert.equal(capped[0]?.evidence.stale_count_is_lower_bound, true);
    assert.deepEqual([disabled.length, notOffered.length], [0, 0]);
  });

  it('edge: a finding without a readable CreatedAt is an ERROR, never a pass', () => {
    const { createdAt: _none, ...undated } = hubFinding('x', 1);
    assert.deepEqual(judge(inventory([undated])).map((r) => r.status), ['ERROR']);
  });
});
