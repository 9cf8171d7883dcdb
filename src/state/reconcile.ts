/**
 * Reconciliation of one account and region: this run's results against the
 * scope's digest. Pure: decides, for every finding, what to send to Security
 * Hub and what to record, and (settle) what the record says once Security
 * Hub has answered.
 *  - first sighting times come from the digest, never from this run;
 *  - unchanged findings are neither re-imported (until the refresh window
 *    passes) nor rewritten;
 *  - a state change (resolved, archived) is committed only once Security Hub
 *    accepted it; until then it is pending and retried on every run;
 *  - a FAILED finding whose latest evaluation failed stays FAILED, with its
 *    last known severity and evidence and a note saying why;
 *  - a finding whose resource is gone is archived only where its check
 *    completed this run; one of a check that was disabled or removed, on a run
 *    that could have run it; one never sent to Security Hub is archived in the
 *    record only;
 *  - exemptions mark findings SUPPRESSED; an expired one returns them to NEW.
 */
import type { CheckMetadata } from '../core/check.js';
import type { CheckResult, ResultStatus } from '../core/result.js';
import { findExemption, type ActiveExemption } from '../config/exemptions.js';
import type { Exemption } from '../config/schema.js';
import { buildFinding, findingSeverity } from '../findings/build.js';
import { canonicalJson, findingId, sha256Hex } from '../findings/ids.js';
import type { AsffFinding } from '../findings/types.js';
import { exemptionKey, type DigestEntry } from './digest.js';
import { FINDING_SK, indexKeys, type FindingRecord } from './record.js';
import { digestEntryOf } from './store.js';

export type PublishMode = 'changed' | 'all';

export interface WorkflowChange {
  status: 'SUPPRESSED' | 'NEW';
  note: string;
}

export type PlanKind = 'result' | 'kept-failed' | 'archive' | 'archive-local';

export interface FindingPlan {
  id: string;
  kind: PlanKind;
  /** The record as it will be written once Security Hub accepted this run's state. */
  record: FindingRecord;
  prior?: DigestEntry;
  result?: CheckResult;
  /** The ASFF finding, built on each call (only imports and files need it, and neither keeps it). */
  finding(): AsffFinding;
  import: boolean;
  /** The record differs from the stored one, so it is written even when nothing is imported. */
  changed: boolean;
  workflow?: WorkflowChange;
  exemption?: ActiveExemption;
  archiveReason?: string;
}

export interface ScopeInput {
  accountId: string;
  region: string;
  results: readonly CheckResult[];
  digest: ReadonlyMap<string, DigestEntry>;
  /** Checks whose evaluation completed in this scope: the scope in which vanished resources are archived. */
  completedChecks: ReadonlySet<string>;
  /**
   * Why the findings of a check are no longer watched (disabled in the config, removed
   * from the catalogue), when this run could have run it here; undefined otherwise.
   */
  retired(checkId: string): string | undefined;
  meta(checkId: string): CheckMetadata | undefined;
  exemptions: readonly Exemption[];
  now: Date;
  refreshDays: number;
  mode: PublishMode;
  version: string;
  /** ERROR results go to Security Hub (NOT_AVAILABLE) only when true. */
  publishErrors: boolean;
}

/** The check id inside a finding id (`rampart/<account>/<region>/<check>/<resource>`). */
export function checkIdOf(findingIdText: string): string {
  return findingIdText.split('/')[3] ?? '';
}

const DAY_MS = 86_400_000;

function fingerprint(parts: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(parts)).slice(0, 32);
}

/** Security Hub ignores an update whose UpdatedAt is not newer than the one it holds. */
function nextUpdatedAt(now: Date, prior?: DigestEntry): string {
  const last = prior ? Date.parse(prior.lastUpdatedAt) : Number.NaN;
  return new Date(Number.isNaN(last) || last < now.getTime() ? now.getTime() : last + 1).toISOString();
}

function needsImport(input: ScopeInput, print: string, prior?: DigestEntry): boolean {
  if (input.mode === 'all' || !prior || !prior.lastImportedAt || prior.pending) return true;
  if (prior.importedFingerprint !== print) return true;
  return input.now.getTime() - Date.parse(prior.lastImportedAt) >= input.refreshDays * DAY_MS;
}

function workflowChange(exemption: ActiveExemption | undefined, prior: DigestEntry | undefined): WorkflowChange | undefined {
  if (exemption) {
    if (prior?.workflowSet === 'SUPPRESSED' && prior.exemptionKey === exemptionKey(exemption)) return undefined;
    return { status: 'SUPPRESSED', note: `Exempted by rampart config: ${exemption.reason}${exemption.expires ? ` (until ${exemption.expires})` : ''}` };
  }
  if (prior?.workflowSet === 'SUPPRESSED') {
    return { status: 'NEW', note: 'The rampart exemption expired or was removed: the finding is active again.' };
  }
  return undefined;
}


/** The committed state a prior FAILED finding still has in Security Hub. */
function wasFailed(prior: DigestEntry | undefined): boolean {
  if (!prior) return false;
  const state = prior.pending ?? prior;
  return state.status === 'FAILED' && state.recordState === 'ACTIVE';
}

/** Full records reconciliation needs besides the digest: the findings it archives or keeps FAILED. */
export function recordsNeeded(input: ScopeInput): string[] {
  const current = new Set(input.results.map(resultId));
  return [...recordsNeededForResults(input), ...recordsNeededForArchives(input, current)];
}

/** The records a batch of results needs: FAILED findings whose evaluation failed now, kept FAILED from their record. */
export function recordsNeededForResults(input: Pick<ScopeInput, 'results' | 'digest'>): string[] {
  return input.results.filter((result) => result.status === 'ERROR' && wasFailed(input.digest.get(resultId(result)))).map(resultId);
}

/** The records the archives need: the scope's findings not seen this run (`current`) that are archived now. */
export function recordsNeededForArchives(input: ScopeInput, current: ReadonlySet<string>): string[] {
  const ids: string[] = [];
  for (const prior of input.digest.values()) {
    if (!current.has(prior.id) && archiveReason(input, prior) !== undefined) ids.push(prior.id);
  }
  return ids;
}

const resultId = (result: CheckResult): string => findingId(result.accountId, result.region, result.checkId, result.resource.arn);

function archiveReason(input: ScopeInput, prior: DigestEntry): string | undefined {
  if (prior.pending?.recordState === 'ARCHIVED') return 'the archive was not accepted by Security Hub yet';
  if (prior.recordState === 'ARCHIVED') return undefined;
  const checkId = checkIdOf(prior.id);
  if (input.completedChecks.has(checkId)) return 'the resource no longer exists';
  return input.retired(checkId);
}

interface RecordParts {
  result: CheckResult;
  meta: Pick<CheckMetadata, 'service' | 'title'>;
  prior?: DigestEntry;
  print: string;
  updatedAt: string;
  recordState: 'ACTIVE' | 'ARCHIVED';
  firstSeenAt: string;
  lastSeenAt: string;
  extra?: Partial<FindingRecord>;
}

function buildRecord(input: Pick<ScopeInput, 'now'>, parts: RecordParts): FindingRecord {
  const { result, prior } = parts;
  const nowIso = input.now.toISOString();
  const id = prior?.id ?? findingId(result.accountId, result.region, result.checkId, result.resource.arn);
  const resolvedAt = result.status === 'PASSED' && parts.recordState === 'ACTIVE' ? (prior && prior.status !== 'PASSED' ? nowIso : prior?.resolvedAt ?? undefined) : undefined;
  const base = {
    pk: id,
    sk: FINDING_SK as typeof FINDING_SK,
    findingId: id,
    accountId: result.accountId,
    region: result.region,
    checkId: result.checkId,
    service: parts.meta.service,
    resource: result.resource,
    status: result.status,
    recordState: parts.recordState,
    severity: result.severity,
    findingSeverity: findingSeverity(result),
    title: parts.meta.title,
    summary: result.summary,
    evidence: result.evidence,
    fingerprint: parts.print,
    firstSeenAt: parts.firstSeenAt,
    lastSeenAt: parts.lastSeenAt,
    lastUpdatedAt: parts.updatedAt,
    ...(prior?.lastImportedAt ? { lastImportedAt: prior.lastImportedAt } : {}),
    ...(prior?.importedFingerprint ? { importedFingerprint: prior.importedFingerprint } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
    ...(parts.recordState === 'ARCHIVED' ? { archivedAt: nowIso } : {}),
    ...(prior?.workflowSet ? { workflowSet: prior.workflowSet } : {}),
    ...parts.extra,
  };
  return { ...base, ...indexKeys(base) };
}

function planResult(input: ScopeInput, result: CheckResult, meta: CheckMetadata, priorRecords: ReadonlyMap<string, FindingRecord>): FindingPlan {
  const id = resultId(result);
  const prior = input.digest.get(id);
  const nowIso = input.now.toISOString();
  const priorRecord = priorRecords.get(id);
  const kept = result.status === 'ERROR' && wasFailed(prior) && priorRecord !== undefined;
  // An evaluation that failed does not resolve a FAILED finding: keep its last known state.
  const judged: CheckResult = kept
    ? { ...result, status: 'FAILED', severity: priorRecord.severity, summary: priorRecord.summary, evidence: priorRecord.evidence }
    : result;
  const evaluationError = kept ? { message: result.summary, at: nowIso } : undefined;
  const exemption = findExemption(input.exemptions, judged, input.now);
  const updatedAt = nextUpdatedAt(input.now, prior);
  const print = fingerprint({
    status: judged.status, severity: judged.severity, findingSeverity: findingSeverity(judged), evidence: judged.evidence,
    tags: judged.resource.tags, recordState: 'ACTIVE', title: meta.title, summary: judged.summary, evaluationFailed: kept,
  });
  const firstSeenAt = prior?.firstSeenAt ?? nowIso;
  const record = buildRecord(input, {
    result: judged, meta, prior, print, updatedAt, recordState: 'ACTIVE', firstSeenAt, lastSeenAt: nowIso,
    extra: {
      ...(exemption ? { exemption } : {}),
      ...(evaluationError ? { evaluationError } : {}),
      // A kept finding was not resolved by this run: keep the resolution time it had, if any.
      ...(kept && priorRecord.resolvedAt ? { resolvedAt: priorRecord.resolvedAt } : {}),
    },
  });
  const workflow = workflowChange(exemption, prior);
  const doImport = needsImport(input, print, prior) && (input.publishErrors || judged.status !== 'ERROR');
  return {
    id,
    kind: kept ? 'kept-failed' : 'result',
    record,
    ...(prior ? { prior } : {}),
    result: judged,
    finding: () => buildFinding({
      meta, result: judged, times: { firstSeenAt, updatedAt, lastSeenAt: nowIso }, recordState: 'ACTIVE', version: input.version,
      ...(evaluationError ? { evaluationError: evaluationError.message } : {}),
    }),
    import: doImport,
    changed: !prior || prior.fingerprint !== print || prior.pending !== undefined || workflow !== undefined || prior.evaluationFailed !== (kept || undefined),
    ...(workflow ? { workflow } : {}),
    ...(exemption ? { exemption } : {}),
  };
}

type ArchiveContext = Pick<ScopeInput, 'now' | 'version' | 'meta'>;

/** Metadata for a check that is no longer in the catalogue: enough to archive its findings. */
function retiredMeta(record: FindingRecord): CheckMetadata {
  return {
    id: record.checkId,
    service: record.service,
    title: record.title,
    description: 'rampart no longer runs this check.',
    severity: record.severity,
    resourceType: record.resource.type,
    findingTypes: ['Software and Configuration Checks'],
    remediation: { text: 'None: rampart no longer runs this check.', url: '' },
    compliance: {},
  };
}

function planArchive(input: ArchiveContext, prior: DigestEntry, reason: string, record: FindingRecord | undefined): FindingPlan | undefined {
  if (!record) return undefined;
  const meta = input.meta(record.checkId) ?? retiredMeta(record);
  const updatedAt = nextUpdatedAt(input.now, prior);
  const summary = reason === 'the resource no longer exists' ? `the resource ${record.resource.id} no longer exists (last seen ${record.lastSeenAt})` : `archived: ${reason}`;
  const result: CheckResult = {
    checkId: record.checkId, accountId: record.accountId, region: record.region, partition: record.resource.partition,
    resource: record.resource, status: record.status, severity: record.severity, summary, evidence: record.evidence,
  };
  const print = fingerprint({ status: record.status, severity: record.severity, findingSeverity: record.findingSeverity, evidence: record.evidence, tags: record.resource.tags, recordState: 'ARCHIVED', title: meta.title, summary });
  const archived = buildRecord(input, { result, meta, prior, print, updatedAt, recordState: 'ARCHIVED', firstSeenAt: prior.firstSeenAt, lastSeenAt: record.lastSeenAt, extra: { archiveReason: reason } });
  return {
    id: prior.id,
    kind: 'archive',
    record: archived,
    prior,
    finding: () => buildFinding({ meta, result, times: { firstSeenAt: prior.firstSeenAt, updatedAt, lastSeenAt: record.lastSeenAt }, recordState: 'ARCHIVED', version: input.version, archiveReason: reason }),
    import: true,
    changed: true,
    archiveReason: reason,
  };
}

/**
 * A finding that never reached Security Hub is archived in the record only:
 * importing it would create (and bill) a new, already archived finding.
 */
function planLocalArchive(input: ArchiveContext, prior: DigestEntry, reason: string, stored: FindingRecord | undefined): FindingPlan {
  const base = stored ? { ...stored, recordState: 'ARCHIVED' as const, archivedAt: input.now.toISOString(), archiveReason: reason } : undefined;
  return {
    id: prior.id,
    kind: 'archive-local',
    // Without the stored record only the digest can say it is archived.
    record: base ? { ...base, ...indexKeys(base) } : (undefined as unknown as FindingRecord),
    prior,
    finding: () => {
      throw new Error(`${prior.id} is archived in the record only and has no finding to send`);
    },
    import: false,
    changed: true,
    archiveReason: reason,
  };
}

/**
 * The archive of one stored finding outside a scan (rampart prune): sent to
 * Security Hub when it was ever imported, else archived in the record only.
 */
export function planRecordArchive(record: FindingRecord, reason: string, meta: CheckMetadata | undefined, now: Date, version: string): FindingPlan {
  const prior = digestEntryOf(record);
  const input: ArchiveContext = { now, version, meta: () => meta };
  if (!record.lastImportedAt) return planLocalArchive(input, prior, reason, record);
  return planArchive(input, prior, reason, record) as FindingPlan;
}

export interface ScopePlan {
  plans: FindingPlan[];
  /** FAILED findings left as they are because their check did not complete here this run. */
  notReevaluated: number;
}

export function reconcileScope(input: ScopeInput, priorRecords: ReadonlyMap<string, FindingRecord>): ScopePlan {
  const plans = planResults(input, priorRecords);
  const archives = planArchives(input, new Set(plans.map((plan) => plan.id)), priorRecords);
  return { plans: [...plans, ...archives.plans], notReevaluated: archives.notReevaluated };
}

/**
 * The plans of a batch of results (a scope's, or one inventory's: a check runs in one
 * inventory of a scope, so no finding id spans two batches).
 */
export function planResults(input: ScopeInput, priorRecords: ReadonlyMap<string, FindingRecord>): FindingPlan[] {
  const plans: FindingPlan[] = [];
  const seen = new Map<string, number>();
  for (const result of input.results) {
    const meta = input.meta(result.checkId);
    if (!meta) throw new Error(`no metadata for check ${result.checkId}`);
    const plan = planResult(input, result, meta, priorRecords);
    // One finding per id: a resource selected twice by a check keeps its worst result.
    const index = seen.get(plan.id);
    if (index !== undefined) {
      const other = plans[index] as FindingPlan;
      if (statusRank(plan.record.status) > statusRank(other.record.status)) plans[index] = plan;
      continue;
    }
    seen.set(plan.id, plans.length);
    plans.push(plan);
  }
  return plans;
}

/** The archives of a scope, once all its results are planned: its findings not seen this run (`current`). */
export function planArchives(input: ScopeInput, current: ReadonlySet<string>, priorRecords: ReadonlyMap<string, FindingRecord>): ScopePlan {
  const plans: FindingPlan[] = [];
  let notReevaluated = 0;
  for (const prior of input.digest.values()) {
    if (current.has(prior.id)) continue;
    const reason = archiveReason(input, prior);
    if (reason === undefined) {
      if (wasFailed(prior) && prior.recordState === 'ACTIVE' && !input.completedChecks.has(checkIdOf(prior.id))) notReevaluated += 1;
      continue;
    }
    const stored = priorRecords.get(prior.id);
    const plan = prior.lastImportedAt ? planArchive(input, prior, reason, stored) : planLocalArchive(input, prior, reason, stored);
    plans.push(plan ?? planLocalArchive(input, prior, `${reason} (its record could not be read, so nothing was sent)`, stored));
  }
  return { plans, notReevaluated };
}

function statusRank(status: ResultStatus): number {
  return status === 'FAILED' ? 2 : status === 'ERROR' ? 1 : 0;
}

/** What happened to a plan's import. */
export type ImportOutcome = { kind: 'imported' } | { kind: 'failed'; error: string } | { kind: 'not-sent'; reason: string } | { kind: 'not-needed' };

export interface Settled {
  /** The record to write, or undefined when the stored one is current. */
  record?: FindingRecord;
  entry: DigestEntry;
}

/**
 * The record and digest entry once Security Hub answered: a change it
 * accepted is committed; one it did not (or that was not sent) keeps the
 * committed state and carries the change as pending, to retry next run.
 */
export function settle(plan: FindingPlan, outcome: ImportOutcome, workflowApplied: boolean | undefined, now: Date): Settled {
  const nowIso = now.toISOString();
  if (plan.kind === 'archive-local') {
    const entry: DigestEntry = { ...(plan.prior as DigestEntry), recordState: 'ARCHIVED' };
    delete entry.pending;
    return { ...(plan.record ? { record: plan.record } : {}), entry };
  }
  let record: FindingRecord = { ...plan.record };
  const prior = plan.prior;
  if (outcome.kind === 'imported') {
    record.lastImportedAt = nowIso;
    record.importedFingerprint = record.fingerprint;
    delete record.lastImportError;
    delete record.pending;
  } else if (outcome.kind === 'failed' || outcome.kind === 'not-sent') {
    const reason = outcome.kind === 'failed' ? outcome.error : outcome.reason;
    const pendingSince = prior?.pending && prior.pending.status === record.status && prior.pending.recordState === record.recordState ? prior.pending.since : nowIso;
    const pending = { status: record.status, recordState: record.recordState, since: pendingSince, reason };
    if (prior && (prior.status !== record.status || prior.recordState !== record.recordState)) {
      // Security Hub still shows the committed state: the record says so, with the change pending.
      record = { ...record, status: prior.status, recordState: prior.recordState };
      if (prior.resolvedAt) record.resolvedAt = prior.resolvedAt;
      else delete record.resolvedAt;
      delete record.archivedAt;
      record = { ...record, ...indexKeys(record) };
    }
    record.pending = pending;
    if (outcome.kind === 'failed') record.lastImportError = outcome.error;
  } else if (prior?.pending) {
    delete record.pending;
  }
  const workflowKept = plan.workflow !== undefined && workflowApplied !== true;
  if (plan.workflow && workflowApplied) {
    record.workflowSet = plan.workflow.status;
  } else if (workflowKept) {
    // Not applied yet: the workflow Security Hub holds stays recorded (and the digest keeps the
    // exemption it last applied) so the next run tries again. The record keeps the exemption the
    // config gives: reporting closes an exempted finding's ticket whatever Security Hub shows.
    if (prior?.workflowSet) record.workflowSet = prior.workflowSet;
    else delete record.workflowSet;
  }
  let entry = digestEntryOf(record);
  if (workflowKept) {
    entry = { ...entry, ...(prior?.exemptionKey ? { exemptionKey: prior.exemptionKey } : {}) };
    if (!prior?.exemptionKey) delete entry.exemptionKey;
  }
  const unchanged = outcome.kind === 'not-needed' && !plan.changed;
  if (unchanged) return { entry: prior ?? entry };
  const samePending = outcome.kind !== 'imported' && outcome.kind !== 'not-needed' && prior !== undefined && prior.pending !== undefined && entry.pending !== undefined
    && prior.fingerprint === entry.fingerprint && prior.pending.status === entry.pending.status && prior.pending.recordState === entry.pending.recordState && !plan.workflow;
  // A change still pending with nothing new to say is not rewritten every run.
  if (samePending) return { entry: prior };
  return { record, entry };
}
