/** The bounded list of the worst failing findings the pipeline keeps for the terminal. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { Severity } from '../../src/core/check.js';
import { TopFailing, type FailingEntry } from '../../src/pipeline/top-failing.js';

const entry = (severity: Severity, checkId: string, resourceId: string): FailingEntry => ({ severity, checkId, resourceId, resourceArn: `arn:aws:x:us-east-1:123456789012:${resourceId}`, accountId: '123456789012', region: 'us-east-1', summary: `${resourceId} is bad` });

describe('TopFailing', () => {
  it('keeps the worst n by severity, then check id, then resource, and counts every one offered', () => {
    // prepare
    const top = new TopFailing(3);
    const offered = [entry('LOW', 'a', 'r1'), entry('CRITICAL', 'z', 'r2'), entry('HIGH', 'b', 'r2'), entry('HIGH', 'b', 'r1'), entry('MEDIUM', 'a', 'r0'), entry('CRITICAL', 'y', 'r9')];
    // act
    for (const e of offered) top.add(e);
    const result = top.result();
    // assert
    assert.deepEqual(result.top.map((e) => `${e.severity} ${e.checkId} ${e.resourceId}`), ['CRITICAL y r9', 'CRITICAL z r2', 'HIGH b r1']);
    assert.equal(result.total, 6);
  });

  it('keeps nothing with a limit of 0, and still counts', () => {
    // prepare
    const top = new TopFailing(0);
    // act
    top.add(entry('HIGH', 'a', 'r'));
    // assert
    assert.deepEqual(top.result(), { top: [], total: 1 });
  });
});
