import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reconcile, scopeOf, type ReconcileInput } from '../../src/state/reconcile.js';
import type { FindingRecord } from '../../src/state/record.js';
import { META, result } from '../helpers/fixtures.js';
import type { CheckResult } from '../../src/core/result.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const DAY = 86_400_000;

function input(results: CheckResult[], prior: FindingRecord[] = [], overrides: Partial<ReconcileInput> = {}): ReconcileInput {
  return {
    results,
    prior: new Map(prior.map((r) => [r.findingId, r])),
    completedScopes: new Set([scopeOf('123456789012', 'us-east-1', META.id)]),
    meta: (id) => (id === META.id ? META : undefined),
    exemptions: [],
    now: T0,
    refreshDays: 7,
    mode: 'changed',
    version: '1.0.0',
    ...overrides,
  };
}

/** What a record looks like after a successful import of the plan's finding. */
function imported(plans: ReturnType<typeof reconcile>, at: Date): FindingRecord[] {
  return plans.map((p) => ({ ...p.record, lastImportedAt: at.toISOString(), importedFingerprint: p.record.fingerprint }));
}

describe('reconcile', () => {
  it('a first sighting is imported with CreatedAt = FirstObservedAt = now', () => {
    const [plan] = reconcile(input([result()]));
    assert.equal(plan?.import, true);
    assert.equal(plan?.finding.CreatedAt, T0.toISOString());
    assert.equal(plan?.finding.FirstObservedAt, T0.toISOString());
    assert.equal(plan?.record.firstSeenAt, T0.toISOString());
  });

  it('an unchanged finding is not re-imported, and keeps its first sighting', () => {
    const prior = imported(reconcile(input([result()])), T0);
    const later = new Date(T0.getTime() + DAY);
    const [plan] = reconcile(input([result()], prior, { now: later }));
    assert.equal(plan?.import, false);
    assert.equal(plan?.finding.CreatedAt, T0.toISOString());
    assert.equal(plan?.record.lastSeenAt, later.toISOString());
  });

  it('re-imports when the evidence, status or severity changes', () => {
    const prior = imported(reconcile(input([result()])), T0);
    const now = new Date(T0.getTime() + 1000);
    assert.equal(reconcile(input([result({ evidence: { status: 'open_partly' } })], prior, { now }))[0]?.import, true);
    assert.equal(reconcile(input([result({ status: 'PASSED' })], prior, { now }))[0]?.import, true);
    assert.equal(reconcile(input([result({ severity: 'CRITICAL' })], prior, { now }))[0]?.import, true);
  });

  it('re-imports an unchanged finding once the refresh window has passed', () => {
    const prior = imported(reconcile(input([result()])), T0);
    const at = (days: number) => reconcile(input([result()], prior, { now: new Date(T0.getTime() + days * DAY) }))[0]?.import;
    assert.equal(at(6.9), false);
    assert.equal(at(7), true);
  });

  it('--publish all re-imports everything', () => {
    const prior = imported(reconcile(input([result()])), T0);
    assert.equal(reconcile(input([result()], prior, { mode: 'all', now: new Date(T0.getTime() + 1) }))[0]?.import, true);
  });

  it('a failed import leaves the finding to be imported next time', () => {
    const [plan] = reconcile(input([result()]));
    const notImported = [{ ...plan!.record }];
    assert.equal(reconcile(input([result()], notImported, { now: new Date(T0.getTime() + 1000) }))[0]?.import, true);
  });

  it('a fix is PASSED and INFORMATIONAL, with the resolution time', () => {
    const prior = imported(reconcile(input([result()])), T0);
    const now = new Date(T0.getTime() + DAY);
    const [plan] = reconcile(input([result({ status: 'PASSED', summary: 'fixed', evidence: {} })], prior, { now }));
    assert.equal(plan?.finding.Compliance.Status, 'PASSED');
    assert.equal(plan?.finding.Severity.Label, 'INFORMATIONAL');
    assert.equal(plan?.finding.FindingProviderFields.Severity.Label, 'INFORMATIONAL');
    assert.equal(plan?.record.resolvedAt, now.toISOString());
  });

  it('archives a finding whose resource is gone, only inside the completed scope', () => {
    const prior = imported(reconcile(input([result({ id: 'sg-gone' }), result({ id: 'sg-stays' })])), T0);
    const now = new Date(T0.getTime() + DAY);
    const inScope = reconcile(input([result({ id: 'sg-stays' })], prior, { now }));
    const archived = inScope.filter((p) => p.archived);
    assert.equal(archived.length, 1);
    assert.equal(archived[0]?.finding.RecordState, 'ARCHIVED');
    assert.equal(archived[0]?.record.state, 'ARCHIVED');
    assert.equal(archived[0]?.finding.CreatedAt, T0.toISOString());
    // Out of scope (the check did not run, or its inventory failed): nothing archived.
    const outOfScope = reconcile(input([], prior, { now, completedScopes: new Set() }));
    assert.equal(outOfScope.length, 0);
    // Already archived: not archived again.
    const again = reconcile(input([result({ id: 'sg-stays' })], imported(inScope, now), { now: new Date(now.getTime() + DAY) }));
    assert.equal(again.filter((p) => p.archived).length, 0);
  });

  it('UpdatedAt always moves forward, even when the clock does not', () => {
    const prior = imported(reconcile(input([result()])), T0);
    const [plan] = reconcile(input([result({ evidence: { changed: true } })], prior, { now: new Date(T0.getTime() - 5000) }));
    assert.ok(plan!.finding.UpdatedAt > prior[0]!.lastUpdatedAt);
  });

  it('exempted findings are suppressed once, with the reason; expiry returns them to NEW', () => {
    const exemptions = [{ check: META.id, reason: 'accepted risk RISK-7', expires: '2026-06-30' }];
    const [first] = reconcile(input([result()], [], { exemptions }));
    assert.deepEqual(first?.workflow?.status, 'SUPPRESSED');
    assert.match(first?.workflow?.note ?? '', /RISK-7/);
    const suppressed = imported([first!], T0).map((r) => ({ ...r, workflowSet: 'SUPPRESSED' as const }));
    assert.equal(reconcile(input([result()], suppressed, { exemptions, now: new Date(T0.getTime() + DAY) }))[0]?.workflow, undefined);
    const afterExpiry = reconcile(input([result()], suppressed, { exemptions, now: new Date('2026-07-01T00:00:00Z') }))[0];
    assert.equal(afterExpiry?.workflow?.status, 'NEW');
    assert.equal(afterExpiry?.exemption, undefined);
  });
});
