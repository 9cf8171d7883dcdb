/**
 * One account and region, once its inventories are in: reconcile with the
 * record table, make first sightings durable, publish to Security Hub, record
 * what Security Hub accepted, and let the results go. Scopes are processed as
 * soon as their tasks finish, so a run holds only the scopes still in flight.
 */
import type { AwsClients } from '../aws/clients.js';
import { describeAwsError } from '../aws/errors.js';
import type { CheckMetadata, Severity } from '../core/check.js';
import type { CheckResult } from '../core/result.js';
import type { TaskOutcome } from '../core/runner.js';
import type { Exemption } from '../config/schema.js';
import type { OutputSink } from '../publish/files.js';
import type { FileEntry, PublishCounts } from '../publish/report-model.js';
import type { SecurityHubPublisher, WorkflowUpdate } from '../publish/securityhub.js';
import { digestWrite, type DigestEntry } from '../state/digest.js';
import { MARKER_SK, scopePk, type FindingRecord, type ScopeMarker } from '../state/record.js';
import { planArchives, planResults, recordsNeededForArchives, recordsNeededForResults, settle, type FindingPlan, type ImportOutcome, type PublishMode, type ScopeInput } from '../state/reconcile.js';
import type { RecordStore, ScopeState, StoreWrite } from '../state/store.js';
import type { Limiter } from '../util/limit.js';
import type { TopFailing } from './top-failing.js';

export const DIGEST_FORMAT = 2;

export interface ScopeSettings {
  securityHub: boolean;
  publishErrors: boolean;
  mode: PublishMode;
  refreshDays: number;
  version: string;
  exemptions: readonly Exemption[];
  meta(checkId: string): CheckMetadata | undefined;
  retired(checkId: string): string | undefined;
  /** Where the files are written as scopes finish (undefined: no files). */
  sink?: OutputSink;
  /** How a plan becomes a file entry. */
  entryFor(plan: FindingPlan): FileEntry;
  /** Keeps the worst unexempted FAILED findings for the terminal. */
  topFailed?: TopFailing;
}

export interface ScopeDeps {
  store?: RecordStore;
  publisher?: SecurityHubPublisher;
  /** Bounds how many scopes publish at once. */
  publishLimit: Limiter;
  clientsFor(accountId: string, region: string): AwsClients;
  now(): Date;
}

export interface ScopeReport extends PublishCounts {
  accountId: string;
  region: string;
  keptFailed: number;
  notReevaluated: number;
  /** This run's results by status and the check's severity (a FAILED finding kept through a failed evaluation counts as FAILED). */
  counts: Record<'PASSED' | 'FAILED' | 'ERROR', Record<Severity, number>>;
  /** FAILED findings, not exempted, not archived, by severity (for --fail-on). */
  openFailed: Record<Severity, number>;
  problems: string[];
  timings: { reconcileMs: number; publishMs: number; recordMs: number };
}

function emptyReport(accountId: string, region: string): ScopeReport {
  return {
    accountId, region, imported: 0, failed: 0, unchanged: 0, archived: 0, suppressed: 0, pending: 0, keptFailed: 0, notReevaluated: 0,
    counts: { PASSED: severityRow(), FAILED: severityRow(), ERROR: severityRow() },
    openFailed: severityRow(), problems: [], timings: { reconcileMs: 0, publishMs: 0, recordMs: 0 },
  };
}

/** Findings built and sent at a time: bounds the memory a large scope needs to publish. */
const IMPORT_CHUNK = 500;

const severityRow = (): Record<Severity, number> => ({ INFORMATIONAL: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 });

const EMPTY_STATE: ScopeState = { digest: new Map(), shards: new Map(), source: 'empty' };

/** A scope processed at once: its outcomes, then the rest (the remediation write-back uses this). */
export async function processScope(
  scope: { accountId: string; region: string },
  outcomes: readonly TaskOutcome[],
  statePromise: Promise<ScopeState> | undefined,
  settings: ScopeSettings,
  deps: ScopeDeps,
): Promise<ScopeReport> {
  const work = new ScopeWork(scope, statePromise, settings, deps);
  for (const outcome of outcomes) work.add(outcome);
  return work.finish();
}

/**
 * One scope's work as its inventories come in. Each inventory's results are
 * planned against the scope's digest and written to the files as soon as the
 * inventory is in (while the others are still collected); what needs the whole
 * scope (archives, first sightings, Security Hub, the record) waits for finish().
 */
export class ScopeWork {
  private readonly report: ScopeReport;
  private readonly runTime: Date;
  private readonly completedChecks = new Set<string>();
  private readonly plans: FindingPlan[] = [];
  private readonly priorRecords = new Map<string, FindingRecord>();
  private state = EMPTY_STATE;
  private recordable: boolean;
  private loaded?: Promise<void>;
  private planning: Promise<void> = Promise.resolve();

  constructor(
    private readonly scope: { accountId: string; region: string },
    private readonly statePromise: Promise<ScopeState> | undefined,
    private readonly settings: ScopeSettings,
    private readonly deps: ScopeDeps,
  ) {
    this.report = emptyReport(scope.accountId, scope.region);
    this.runTime = deps.now();
    this.recordable = deps.store !== undefined;
  }

  /** Plans one inventory's results (in the order the inventories arrive). */
  add(outcome: TaskOutcome): void {
    for (const checkId of outcome.completedChecks) this.completedChecks.add(checkId);
    const results = outcome.results;
    this.planning = this.planning.then(() => this.plan(results));
    this.planning.catch(() => undefined); // awaited in finish()
  }

  private input(results: readonly CheckResult[]): ScopeInput {
    const { settings } = this;
    return {
      accountId: this.scope.accountId, region: this.scope.region, results, digest: this.state.digest, completedChecks: this.completedChecks,
      retired: settings.retired, meta: settings.meta, exemptions: settings.exemptions, now: this.runTime, refreshDays: settings.refreshDays,
      mode: settings.mode, version: settings.version, publishErrors: settings.publishErrors,
    };
  }

  private unreadable(error: unknown): void {
    const { accountId, region } = this.scope;
    this.recordable = false;
    this.report.problems.push(`the records of ${accountId}/${region} cannot be read from ${this.deps.store?.tableName} (${describeAwsError(error).message}): its findings were written to the files only`);
  }

  /** The digest, once: a scope whose state cannot be read is planned as new and recorded nowhere. */
  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.deps.store || !this.statePromise) return;
      try {
        this.state = await this.statePromise;
      } catch (error) {
        this.unreadable(error);
      }
    })();
    return this.loaded;
  }

  private async fetchRecords(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((id) => !this.priorRecords.has(id));
    if (!this.deps.store || !this.recordable || missing.length === 0) return;
    try {
      for (const [id, record] of await this.deps.store.getRecords(missing)) this.priorRecords.set(id, record);
    } catch (error) {
      this.unreadable(error);
    }
  }

  private async plan(results: readonly CheckResult[]): Promise<void> {
    await this.load();
    const input = this.input(results);
    await this.fetchRecords(recordsNeededForResults(input));
    const started = Date.now();
    const plans = planResults(input, this.priorRecords);
    this.plans.push(...plans);
    this.report.timings.reconcileMs += Date.now() - started;
    await this.writeFiles(plans);
  }

  private async writeFiles(plans: readonly FindingPlan[]): Promise<void> {
    const sink = this.settings.sink;
    if (!sink?.wanted) return;
    const entries: FileEntry[] = [];
    for (const plan of plans) {
      if (plan.kind === 'archive-local') continue;
      entries.push(this.settings.entryFor(plan));
      if (entries.length >= IMPORT_CHUNK) await sink.add(entries.splice(0));
    }
    await sink.add(entries);
  }

  async finish(): Promise<ScopeReport> {
    await this.load();
    await this.planning;
    const { accountId, region } = this.scope;
    const { report, settings, deps, runTime, completedChecks } = this;
    const archiveInput = this.input([]);
    const current = new Set(this.plans.map((plan) => plan.id));
    await this.fetchRecords(recordsNeededForArchives(archiveInput, current));
    let started = Date.now();
    const archives = planArchives(archiveInput, current, this.priorRecords);
    const plans = [...this.plans, ...archives.plans];
    report.notReevaluated = archives.notReevaluated;
    const recordable = this.recordable;
    const state = this.state;
    const publishable = deps.store && !recordable ? [] : plans;
    report.timings.reconcileMs += Date.now() - started;

    // First sightings are made durable before anything is imported, so CreatedAt never moves: the
    // digest (the authority for first sightings) is written first; the records follow after the import.
    let storedShards = state.shards;
    const digest = new Map<string, DigestEntry>(state.digest);
    const notSent = new Map<string, string>();
    if (deps.store && recordable) {
      started = Date.now();
      const fresh = publishable.filter((p) => !p.prior);
      if (fresh.length > 0) {
        for (const plan of fresh) digest.set(plan.id, settle(plan, { kind: 'not-sent', reason: 'first sighting: not imported yet' }, undefined, runTime).entry);
        const shards = digestWrite(accountId, region, digest, storedShards);
        const writes: StoreWrite[] = [...shards.put.map((put) => ({ put })), ...shards.remove.map((sk) => ({ remove: { pk: scopePk(accountId, region), sk } }))];
        try {
          const written = await deps.store.write(writes);
          if (written.failed.length > 0) throw new Error(`${written.failed.length} item(s) not written, e.g. ${written.failed[0]?.findingId}: ${written.failed[0]?.error}`);
          storedShards = shards.shards;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          report.problems.push(`the first sightings of ${fresh.length} new finding(s) in ${accountId}/${region} could not be recorded (${message}): they were not imported and will be next run`);
          for (const plan of fresh) {
            notSent.set(plan.id, 'its first sighting could not be recorded');
            digest.delete(plan.id);
          }
        }
      }
      report.timings.recordMs += Date.now() - started;
    }

    // Security Hub: what changed, and workflow (exemptions) where it applies.
    const imported = new Set<string>();
    const importFailures = new Map<string, string>();
    const workflowDone = new Set<string>();
    const toImport = publishable.filter((p) => p.import && !notSent.has(p.id));
    if (settings.securityHub && deps.publisher && toImport.length > 0) {
      started = Date.now();
      const publisher = deps.publisher;
      await deps.publishLimit(async () => {
        // Findings are built a chunk at a time and let go once sent.
        for (let i = 0; i < toImport.length; i += IMPORT_CHUNK) {
          const result = await publisher.importFindings(toImport.slice(i, i + IMPORT_CHUNK).map((p) => p.finding()));
          for (const id of result.imported) imported.add(id);
          for (const [id, error] of result.failed) importFailures.set(id, error);
          for (const problem of result.problems) if (!report.problems.includes(problem)) report.problems.push(problem);
        }
      });
      report.timings.publishMs += Date.now() - started;
    }
    if (settings.securityHub && deps.publisher) {
      const updates: WorkflowUpdate[] = publishable
        .filter((p) => p.workflow && p.kind !== 'archive' && p.kind !== 'archive-local' && (imported.has(p.id) || (p.prior?.lastImportedAt !== undefined && !importFailures.has(p.id))))
        .map((p) => {
          const finding = p.finding();
          const workflow = p.workflow as NonNullable<FindingPlan['workflow']>;
          return { findingId: p.id, productArn: finding.ProductArn, accountId: finding.AwsAccountId, region: finding.Region, status: workflow.status, note: workflow.note };
        });
      if (updates.length > 0) {
        started = Date.now();
        const updateReport = await deps.publisher.updateWorkflow(updates);
        for (const id of updateReport.updated) workflowDone.add(id);
        report.suppressed = updates.filter((u) => u.status === 'SUPPRESSED' && workflowDone.has(u.findingId)).length;
        if (updateReport.failed.size > 0) {
          report.problems.push(`${updateReport.failed.size} finding(s) in ${accountId}/${region} could not have their workflow set by BatchUpdateFindings (exemptions), e.g. ${[...updateReport.failed.values()][0]}`);
        }
        report.timings.publishMs += Date.now() - started;
      }
    }

    // Record what Security Hub accepted; a change it did not accept stays pending.
    const writes: StoreWrite[] = [];
    for (const plan of publishable) {
      const outcome = importOutcome(plan, settings, imported, importFailures, notSent);
      if (plan.import && outcome.kind !== 'imported') report.pending += 1;
      if (outcome.kind === 'failed') report.failed += 1;
      if (outcome.kind === 'imported') {
        if (plan.kind === 'archive') report.archived += 1;
        else report.imported += 1;
      }
      if (outcome.kind === 'not-needed' && plan.kind !== 'archive-local') report.unchanged += 1;
      if (plan.kind === 'archive-local') report.archived += 1;
      if (plan.kind === 'kept-failed') report.keptFailed += 1;
      if (notSent.has(plan.id) && !plan.prior) continue;
      const settled = settle(plan, outcome, plan.workflow ? workflowDone.has(plan.id) : undefined, runTime);
      digest.set(plan.id, settled.entry);
      if (settled.record) writes.push({ put: settled.record });
    }
    if (importFailures.size > 0) {
      const sample = [...importFailures.entries()].filter(([, e]) => !report.problems.includes(e)).slice(0, 5);
      if (sample.length > 0) report.problems.push(`${importFailures.size} finding(s) in ${accountId}/${region} failed to import into Security Hub, e.g. ${sample.map(([id, e]) => `${id}: ${e}`).join('; ')}`);
    }
    if (deps.store && recordable) {
      started = Date.now();
      const shards = digestWrite(accountId, region, digest, storedShards);
      writes.push(...shards.put.map((put) => ({ put })), ...shards.remove.map((sk) => ({ remove: { pk: scopePk(accountId, region), sk } })));
      writes.push({ put: marker(accountId, region, state.marker, completedChecks, runTime) });
      try {
        const written = await deps.store.write(writes);
        if (written.failed.length > 0) report.problems.push(`${written.failed.length} record(s) could not be written to ${deps.store.tableName}, e.g. ${written.failed[0]?.findingId}: ${written.failed[0]?.error}`);
      } catch (error) {
        report.problems.push(`the record table ${deps.store.tableName} could not be written: ${describeAwsError(error).message}`);
      }
      report.timings.recordMs += Date.now() - started;
    }

    for (const plan of plans) {
      const record = plan.record;
      if (plan.kind === 'result' || plan.kind === 'kept-failed') report.counts[record.status][record.severity] += 1;
      if (plan.kind !== 'archive' && plan.kind !== 'archive-local' && record.status === 'FAILED' && !plan.exemption) {
        report.openFailed[record.severity] += 1;
        settings.topFailed?.add({ severity: record.severity, checkId: record.checkId, accountId: record.accountId, region: record.region, resourceId: record.resource.id, resourceArn: record.resource.arn, summary: record.summary });
      }
    }
    await this.writeFiles(archives.plans);
    return report;
  }
}

function importOutcome(plan: FindingPlan, settings: ScopeSettings, imported: ReadonlySet<string>, failures: ReadonlyMap<string, string>, notSent: ReadonlyMap<string, string>): ImportOutcome {
  if (!plan.import) return { kind: 'not-needed' };
  const held = notSent.get(plan.id);
  if (held) return { kind: 'not-sent', reason: held };
  if (!settings.securityHub) return { kind: 'not-sent', reason: 'Security Hub publishing was off for this run' };
  if (imported.has(plan.id)) return { kind: 'imported' };
  return { kind: 'failed', error: failures.get(plan.id) ?? 'not imported' };
}

function marker(accountId: string, region: string, prior: ScopeMarker | undefined, completed: ReadonlySet<string>, now: Date): ScopeMarker {
  const at = now.toISOString();
  const checks = { ...(prior?.checks ?? {}) };
  for (const checkId of completed) checks[checkId] = at;
  return { pk: scopePk(accountId, region), sk: MARKER_SK, accountId, region, lastScanAt: at, checks, format: DIGEST_FORMAT };
}
