import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { recordsNeeded, reconcileScope, settle, type FindingPlan, type ImportOutcome, type ScopeInput } from '../../src/state/reconcile.js';
import type { DigestEntry } from '../../src/state/digest.js';
import type { FindingRecord } from '../../src/state/record.js';
import type { CheckResult } from '../../src/core/result.js';
import { META, result } from '../helpers/fixtures.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number): Date => new Date(T0.getTime() + days * DAY);

/** The record table as the tests see it: digest entries and full records, carried from run to run. */
interface Table {
  digest: Map<string, DigestEntry>;
  records: Map<string, FindingRecord>;
}

const emptyTable = (): Table => ({ digest: new Map(), records: new Map() });

function input(results: CheckResult[], table: Table, overrides: Partial<ScopeInput> = {}): ScopeInput {
  return {
    accountId: '123456789012',
    region: 'us-east-1',
    results,
    digest: table.digest,
    completedChecks: new Set([META.id]),
    retired: () => undefined,
    meta: (id) => (id === META.id ? META : undefined),
    exemptions: [],
    now: T0,
    refreshDays: 7,
    mode: 'changed',
    version: '1.0.0',
    publishErrors: true,
    ...overrides,
  };
}

interface Run {
  plans: FindingPlan[];
  notReevaluated: number;
  table: Table;
  /** Records written by this run. */
  written: FindingRecord[];
}

/** One run: reconcile, Security Hub answers with `outcome` for what is imported, settle into the next table. */
function run(results: CheckResult[], table: Table, overrides: Partial<ScopeInput> = {}, outcome: (plan: FindingPlan) => ImportOutcome = () => ({ kind: 'imported' })): Run {
  const scope = input(results, table, overrides);
  const needed = recordsNeeded(scope);
  const prior = new Map(needed.flatMap((id) => (table.records.has(id) ? [[id, table.records.get(id) as FindingRecord] as const] : [])));
  const { plans, notReevaluated } = reconcileScope(scope, prior);
  const next: Table = { digest: new Map(table.digest), records: new Map(table.records) };
  const written: FindingRecord[] = [];
  for (const plan of plans) {
    const answer = plan.import ? outcome(plan) : { kind: 'not-needed' as const };
    const settled = settle(plan, answer, plan.workflow ? answer.kind === 'imported' : undefined, scope.now);
    next.digest.set(plan.id, settled.entry);
    if (settled.record) {
      next.records.set(plan.id, settled.record);
      written.push(settled.record);
    }
  }
  return { plans, notReevaluated, table: next, written };
}

const failedImport = (): ImportOutcome => ({ kind: 'failed', error: 'LimitExceededException: Rate exceeded' });

describe('reconcile', () => {
  it('a first sighting is imported with CreatedAt = FirstObservedAt = now', () => {
    const { plans } = run([result()], emptyTable());
    assert.equal(plans[0]?.import, true);
    assert.equal(plans[0]?.finding().CreatedAt, T0.toISOString());
    assert.equal(plans[0]?.finding().FirstObservedAt, T0.toISOString());
    assert.equal(plans[0]?.record.firstSeenAt, T0.toISOString());
  });

  it('an unchanged finding is neither re-imported nor rewritten, and keeps its first sighting', () => {
    const first = run([result()], emptyTable());
    const second = run([result()], first.table, { now: at(1) });
    assert.equal(second.plans[0]?.import, false);
    assert.equal(second.plans[0]?.finding().CreatedAt, T0.toISOString());
    assert.deepEqual(second.written, []);
  });

  it('re-imports when the evidence, status or severity changes', () => {
    const { table } = run([result()], emptyTable());
    const now = at(0.01);
    assert.equal(run([result({ evidence: { status: 'open_partly' } })], table, { now }).plans[0]?.import, true);
    assert.equal(run([result({ status: 'PASSED' })], table, { now }).plans[0]?.import, true);
    assert.equal(run([result({ severity: 'CRITICAL' })], table, { now }).plans[0]?.import, true);
  });

  it('re-imports an unchanged finding once the refresh window has passed', () => {
    const { table } = run([result()], emptyTable());
    assert.equal(run([result()], table, { now: at(6.9) }).plans[0]?.import, false);
    assert.equal(run([result()], table, { now: at(7) }).plans[0]?.import, true);
  });

  it('--publish all re-imports everything', () => {
    const { table } = run([result()], emptyTable());
    assert.equal(run([result()], table, { mode: 'all', now: at(0.01) }).plans[0]?.import, true);
  });

  it('a failed import is pending in the record and retried next run', () => {
    const first = run([result()], emptyTable(), {}, failedImport);
    assert.equal(first.written[0]?.pending?.reason, 'LimitExceededException: Rate exceeded');
    assert.equal(first.written[0]?.lastImportedAt, undefined);
    const second = run([result()], first.table, { now: at(0.01) });
    assert.equal(second.plans[0]?.import, true);
    assert.equal(second.written[0]?.pending, undefined);
    assert.equal(second.written[0]?.firstSeenAt, T0.toISOString());
  });

  it('a fix is PASSED and INFORMATIONAL, resolved only once Security Hub accepted it', () => {
    const { table } = run([result()], emptyTable());
    const fixed = result({ status: 'PASSED', summary: 'fixed', evidence: {} });
    const refused = run([fixed], table, { now: at(1) }, failedImport);
    assert.equal(refused.plans[0]?.finding().Compliance.Status, 'PASSED');
    assert.equal(refused.plans[0]?.finding().Severity.Label, 'INFORMATIONAL');
    // Security Hub still shows FAILED: so does the record, with the resolution pending.
    assert.equal(refused.written[0]?.status, 'FAILED');
    assert.equal(refused.written[0]?.state, 'FAILED');
    assert.equal(refused.written[0]?.resolvedAt, undefined);
    assert.deepEqual([refused.written[0]?.pending?.status, refused.written[0]?.pending?.recordState], ['PASSED', 'ACTIVE']);
    const accepted = run([fixed], refused.table, { now: at(2) });
    assert.equal(accepted.plans[0]?.import, true);
    assert.equal(accepted.written[0]?.status, 'PASSED');
    assert.equal(accepted.written[0]?.resolvedAt, at(2).toISOString());
    assert.equal(accepted.written[0]?.pending, undefined);
  });

  it('archives a finding whose resource is gone, only inside the completed scope', () => {
    const { table } = run([result({ id: 'sg-gone' }), result({ id: 'sg-stays' })], emptyTable());
    const inScope = run([result({ id: 'sg-stays' })], table, { now: at(1) });
    const archived = inScope.plans.filter((p) => p.kind === 'archive');
    assert.equal(archived.length, 1);
    assert.equal(archived[0]?.finding().RecordState, 'ARCHIVED');
    assert.equal(archived[0]?.finding().CreatedAt, T0.toISOString());
    assert.equal(inScope.table.records.get(archived[0]!.id)?.state, 'ARCHIVED');
    // Out of scope (the check did not run, or its inventory failed): nothing archived.
    assert.equal(run([], table, { now: at(1), completedChecks: new Set() }).plans.length, 0);
    // Already archived: not archived again.
    const again = run([result({ id: 'sg-stays' })], inScope.table, { now: at(2) });
    assert.equal(again.plans.filter((p) => p.kind === 'archive').length, 0);
  });

  it('an archive Security Hub did not accept stays pending and is retried on every run, in scope or not', () => {
    const { table } = run([result({ id: 'sg-gone' })], emptyTable());
    const refused = run([], table, { now: at(1) }, failedImport);
    const record = refused.table.records.get(refused.plans[0]!.id);
    assert.equal(record?.recordState, 'ACTIVE');
    assert.equal(record?.state, 'FAILED');
    assert.equal(record?.pending?.recordState, 'ARCHIVED');
    // The next run does not even run the check: the pending archive is still sent.
    const retried = run([], refused.table, { now: at(2), completedChecks: new Set() });
    assert.equal(retried.plans[0]?.kind, 'archive');
    assert.equal(retried.plans[0]?.import, true);
    assert.equal(retried.table.records.get(retried.plans[0]!.id)?.state, 'ARCHIVED');
    assert.equal(run([], retried.table, { now: at(3) }).plans.length, 0);
  });

  it('an archive not sent (--no-securityhub) is pending, then sent by the next run that publishes', () => {
    const { table } = run([result({ id: 'sg-gone' })], emptyTable());
    const offline = run([], table, { now: at(1) }, () => ({ kind: 'not-sent', reason: 'Security Hub publishing was off for this run' }));
    assert.equal(offline.table.records.get(offline.plans[0]!.id)?.recordState, 'ACTIVE');
    const online = run([], offline.table, { now: at(2) });
    assert.equal(online.plans[0]?.finding().RecordState, 'ARCHIVED');
  });

  it('an evaluation error does not hide a FAILED finding: it stays FAILED with its last severity and evidence, saying why', () => {
    const { table } = run([result({ severity: 'CRITICAL', summary: 'public bucket', evidence: { grant: 'AllUsers:READ' } })], emptyTable());
    const denied = result({ status: 'ERROR', severity: 'CRITICAL', summary: 'GetBucketAcl could not be read: AccessDenied', evidence: { error: 'AccessDenied' } });
    const second = run([denied], table, { now: at(1) });
    const plan = second.plans[0]!;
    assert.equal(plan.kind, 'kept-failed');
    assert.equal(plan.finding().Compliance.Status, 'FAILED');
    assert.equal(plan.finding().Severity.Label, 'CRITICAL');
    assert.match(plan.finding().Description, /latest evaluation failed: GetBucketAcl could not be read: AccessDenied/);
    assert.match(plan.finding().ProductFields['rampart/evidence'] ?? '', /AllUsers:READ/);
    const record = second.table.records.get(plan.id);
    assert.equal(record?.state, 'FAILED');
    assert.equal(record?.evaluationError?.message, 'GetBucketAcl could not be read: AccessDenied');
    // The same error next run changes nothing; a real PASSED resolves.
    assert.equal(run([denied], second.table, { now: at(2) }).plans[0]?.import, false);
    const fixed = run([result({ status: 'PASSED', severity: 'CRITICAL', summary: 'private' })], second.table, { now: at(3) });
    assert.equal(fixed.table.records.get(plan.id)?.state, 'PASSED');
    assert.equal(fixed.table.records.get(plan.id)?.evaluationError, undefined);
  });

  it('an ERROR on a resource that was PASSED is reported as ERROR', () => {
    const { table } = run([result({ status: 'PASSED' })], emptyTable());
    const second = run([result({ status: 'ERROR', summary: 'denied' })], table, { now: at(1) });
    assert.equal(second.plans[0]?.kind, 'result');
    assert.equal(second.plans[0]?.finding().Compliance.Status, 'NOT_AVAILABLE');
  });

  it('archives the findings of a check disabled or removed, with the reason in the finding', () => {
    const { table } = run([result({ id: 'sg-1' })], emptyTable());
    const retired = run([], table, { now: at(1), completedChecks: new Set(), retired: () => 'the check ec2-test-check is disabled in the config' });
    assert.equal(retired.plans[0]?.kind, 'archive');
    assert.equal(retired.plans[0]?.finding().ProductFields['rampart/archiveReason'], 'the check ec2-test-check is disabled in the config');
    // Removed from the catalogue: no metadata, the record is enough.
    const removed = run([], table, { now: at(1), completedChecks: new Set(), meta: () => undefined, retired: () => 'removed' });
    assert.equal(removed.plans[0]?.finding().RecordState, 'ARCHIVED');
    assert.equal(removed.plans[0]?.finding().Title, META.title);
  });

  it('counts FAILED findings left alone because their check did not complete', () => {
    const { table } = run([result({ id: 'sg-1' }), result({ id: 'sg-2', status: 'PASSED' })], emptyTable());
    assert.equal(run([], table, { now: at(1), completedChecks: new Set() }).notReevaluated, 1);
  });

  it('with --no-publish-errors, an ERROR finding never sent is archived in the record only', () => {
    const { table } = run([result({ status: 'ERROR' })], emptyTable(), { publishErrors: false });
    assert.equal(table.digest.values().next().value?.lastImportedAt, undefined);
    const gone = run([], table, { now: at(1), publishErrors: false });
    assert.equal(gone.plans[0]?.kind, 'archive-local');
    assert.equal(gone.plans[0]?.import, false);
    assert.equal(gone.table.records.get(gone.plans[0]!.id)?.state, 'ARCHIVED');
  });

  it('merges duplicate finding ids, keeping the worst result', () => {
    const { plans } = run([result({ status: 'PASSED' }), result({ status: 'FAILED' })], emptyTable());
    assert.equal(plans.length, 1);
    assert.equal(plans[0]?.record.status, 'FAILED');
  });

  it('UpdatedAt always moves forward, even when the clock does not', () => {
    const first = run([result()], emptyTable());
    const { plans } = run([result({ evidence: { changed: true } })], first.table, { now: new Date(T0.getTime() - 5000) });
    assert.ok(plans[0]!.finding().UpdatedAt > first.written[0]!.lastUpdatedAt);
  });

  it('exempted findings are suppressed once, with the reason; expiry returns them to NEW', () => {
    const exemptions = [{ check: META.id, reason: 'accepted risk RISK-7', expires: '2026-06-30' }];
    const first = run([result()], emptyTable(), { exemptions });
    assert.equal(first.plans[0]?.workflow?.status, 'SUPPRESSED');
    assert.match(first.plans[0]?.workflow?.note ?? '', /RISK-7/);
    assert.equal(run([result()], first.table, { exemptions, now: at(1) }).plans[0]?.workflow, undefined);
    const afterExpiry = run([result()], first.table, { exemptions, now: new Date('2026-07-01T00:00:00Z') }).plans[0];
    assert.equal(afterExpiry?.workflow?.status, 'NEW');
    assert.equal(afterExpiry?.exemption, undefined);
  });
});
