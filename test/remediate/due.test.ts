/** The grace period: which FAILED findings are due a fix, and which a warning. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { dueDecisions } from '../../src/remediate/due.js';
import type { FindingRecord } from '../../src/state/record.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const record = (id: string, firstSeen: number, partial: Partial<FindingRecord> = {}): FindingRecord =>
  ({ findingId: id, accountId: '123456789012', status: 'FAILED', recordState: 'ACTIVE', firstSeenAt: daysAgo(firstSeen), ...partial }) as FindingRecord;
const settings = { enabled: true, afterDays: 21, warnDays: 3, dryRun: false };

describe('dueDecisions', () => {
  it('fixes what is open afterDays, warns warnDays before, and leaves the rest', () => {
    // prepare
    const records = [record('due', 21), record('late', 40), record('warn', 19), record('early', 10)];
    // act
    const decisions = dueDecisions(records, settings, ['123456789012'], NOW);
    // assert
    assert.deepEqual(decisions.map((d) => `${d.record.findingId}:${d.action}`), ['due:fix', 'late:fix', 'warn:warn']);
    assert.equal(decisions.find((d) => d.action === 'warn')?.dueAt.slice(0, 10), '2026-12-02');
  });

  it('never touches a passed, archived or exempted finding, or an account not allowed', () => {
    // prepare
    const records = [
      record('passed', 30, { status: 'PASSED' }), record('archived', 30, { recordState: 'ARCHIVED' }),
      record('exempt', 30, { exemption: { reason: 'lab' } }), record('other', 30, { accountId: '111122223333' }),
    ];
    // act and assert
    assert.deepEqual(dueDecisions(records, settings, ['123456789012', '111122223333'].slice(0, 1), NOW), []);
  });

  it('limits the fix to the check\'s accounts, within the allowed ones; disabled does nothing', () => {
    // prepare
    const records = [record('a', 30), record('b', 30, { accountId: '111122223333' })];
    // act and assert
    assert.deepEqual(dueDecisions(records, { ...settings, accounts: ['111122223333', '444455556666'] }, ['123456789012', '111122223333'], NOW).map((d) => d.record.findingId), ['b']);
    assert.deepEqual(dueDecisions(records, { ...settings, enabled: false }, ['123456789012'], NOW), []);
  });

  it('carries the dry-run setting', () => {
    // act and assert
    assert.equal(dueDecisions([record('a', 30)], { ...settings, dryRun: true }, ['123456789012'], NOW)[0]?.dryRun, true);
  });
});
