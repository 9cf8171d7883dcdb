/**
 * Reconciliation: this run's results against the records of earlier runs.
 * Pure: decides, for every finding, what to send and what to record.
 *  - first sighting times come from the record;
 *  - unchanged findings are not re-imported until the refresh window passes;
 *  - a finding whose resource is gone is archived, but only where its check
 *    actually ran (its inventory was collected) this run;
 *  - exemptions mark findings SUPPRESSED; an expired one returns them to NEW.
 */
import type { CheckMetadata } from '../core/check.js';
import type { CheckResult } from '../core/result.js';
import { findExemption, type ActiveExemption } from '../config/exemptions.js';
import type { Exemption } from '../config/schema.js';
import { buildFinding, findingSeverity } from '../findings/build.js';
import { canonicalJson, findingId, sha256Hex } from '../findings/ids.js';
import type { AsffFinding } from '../findings/types.js';
import { FINDING_SK, indexKeys, type FindingRecord } from './record.js';

export type PublishMode = 'changed' | 'all';

export interface WorkflowChange {
  status: 'SUPPRESSED' | 'NEW';
  note: string;
}

export interface FindingPlan {
  finding: AsffFinding;
  /** The record as it will be written if the import succeeds. */
  record: FindingRecord;
  prior?: FindingRecord;
  result?: CheckResult;
  import: boolean;
  archived: boolean;
  workflow?: WorkflowChange;
  exemption?: ActiveExemption;
}

export interface ReconcileInput {
  results: readonly CheckResult[];
  prior: ReadonlyMap<string, FindingRecord>;
  /** `${accountId}|${region}|${checkId}` for every check whose inventory was collected this run. */
  completedScopes: ReadonlySet<string>;
  meta: (checkId: string) => CheckMetadata | undefined;
  exemptions: readonly Exemption[];
  now: Date;
  refreshDays: number;
  mode: PublishMode;
  version: string;
}

export const scopeOf = (accountId: string, region: string, checkId: string): string => `${accountId}|${region}|${checkId}`;

const DAY_MS = 86_400_000;

function fingerprint(parts: { status: string; severity: string; findingSeverity: string; evidence: unknown; tags: unknown; recordState: string; title: string; summary: string }): string {
  return sha256Hex(canonicalJson(parts)).slice(0, 32);
}

/** Security Hub ignores an update whose UpdatedAt is not newer than the one it holds. */
function nextUpdatedAt(now: Date, prior?: FindingRecord): string {
  const last = prior ? Date.parse(prior.lastUpdatedAt) : Number.NaN;
  return new Date(Number.isNaN(last) || last < now.getTime() ? now.getTime() : last + 1).toISOString();
}

function needsImport(input: ReconcileInput, print: string, prior?: FindingRecord): boolean {
  if (input.mode === 'all' || !prior || !prior.lastImportedAt) return true;
  if (prior.importedFingerprint !== print) return true;
  return input.now.getTime() - Date.parse(prior.lastImportedAt) >= input.refreshDays * DAY_MS;
}

function workflowChange(exemption: ActiveExemption | undefined, prior: FindingRecord | undefined): WorkflowChange | undefined {
  if (exemption) {
    const unchanged = prior?.workflowSet === 'SUPPRESSED' && prior.exemption?.reason === exemption.reason && prior.exemption?.expires === exemption.expires;
    if (unchanged) return undefined;
    return { status: 'SUPPRESSED', note: `Exempted by rampart config: ${exemption.reason}${exemption.expires ? ` (until ${exemption.expires})` : ''}` };
  }
  if (prior?.workflowSet === 'SUPPRESSED') {
    return { status: 'NEW', note: `The rampart exemption${prior.exemption ? ` "${prior.exemption.reason}"` : ''} expired or was removed: the finding is active again.` };
  }
  return undefined;
}

function planResult(input: ReconcileInput, result: CheckResult, meta: CheckMetadata): FindingPlan {
  const id = findingId(result.accountId, result.region, result.checkId, result.resource.arn);
  const prior = input.prior.get(id);
  const nowIso = input.now.toISOString();
  const exemption = findExemption(input.exemptions, result, input.now);
  const firstSeenAt = prior?.firstSeenAt ?? nowIso;
  const updatedAt = nextUpdatedAt(input.now, prior);
  const finding = buildFinding({ meta, result, times: { firstSeenAt, updatedAt, lastSeenAt: nowIso }, recordState: 'ACTIVE', version: input.version });
  const labelled = findingSeverity(result);
  const print = fingerprint({ status: result.status, severity: result.severity, findingSeverity: labelled, evidence: result.evidence, tags: result.resource.tags, recordState: 'ACTIVE', title: meta.title, summary: result.summary });
  const resolvedAt = result.status === 'PASSED' ? (prior?.status === 'FAILED' ? nowIso : prior?.resolvedAt) : undefined;
  const base = {
    pk: id,
    sk: FINDING_SK as typeof FINDING_SK,
    findingId: id,
    accountId: result.accountId,
    region: result.region,
    checkId: result.checkId,
    service: meta.service,
    resource: result.resource,
    status: result.status,
    recordState: 'ACTIVE' as const,
    severity: result.severity,
    findingSeverity: labelled,
    title: meta.title,
    summary: result.summary,
    evidence: result.evidence,
    fingerprint: print,
    firstSeenAt,
    lastSeenAt: nowIso,
    lastUpdatedAt: updatedAt,
    ...(prior?.lastImportedAt ? { lastImportedAt: prior.lastImportedAt } : {}),
    ...(prior?.importedFingerprint ? { importedFingerprint: prior.importedFingerprint } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
    ...(exemption ? { exemption } : {}),
    ...(prior?.workflowSet ? { workflowSet: prior.workflowSet } : {}),
  };
  const record: FindingRecord = { ...base, ...indexKeys(base) };
  const workflow = workflowChange(exemption, prior);
  return { finding, record, prior, result, import: needsImport(input, print, prior), archived: false, ...(workflow ? { workflow } : {}), ...(exemption ? { exemption } : {}) };
}

function planArchive(input: ReconcileInput, prior: FindingRecord, meta: CheckMetadata): FindingPlan {
  const nowIso = input.now.toISOString();
  const updatedAt = nextUpdatedAt(input.now, prior);
  const summary = `the resource ${prior.resource.id} no longer exists (last seen ${prior.lastSeenAt})`;
  const result: CheckResult = {
    checkId: prior.checkId,
    accountId: prior.accountId,
    region: prior.region,
    partition: prior.resource.partition,
    resource: prior.resource,
    status: prior.status,
    severity: prior.severity,
    summary,
    evidence: prior.evidence,
  };
  const finding = buildFinding({ meta, result, times: { firstSeenAt: prior.firstSeenAt, updatedAt, lastSeenAt: prior.lastSeenAt }, recordState: 'ARCHIVED', version: input.version });
  const print = fingerprint({ status: prior.status, severity: prior.severity, findingSeverity: prior.findingSeverity, evidence: prior.evidence, tags: prior.resource.tags, recordState: 'ARCHIVED', title: meta.title, summary });
  const base = { ...prior, recordState: 'ARCHIVED' as const, summary, fingerprint: print, lastUpdatedAt: updatedAt, archivedAt: nowIso };
  const record: FindingRecord = { ...base, ...indexKeys(base) };
  return { finding, record, prior, import: true, archived: true };
}

export function reconcile(input: ReconcileInput): FindingPlan[] {
  const plans: FindingPlan[] = [];
  const current = new Set<string>();
  for (const result of input.results) {
    const meta = input.meta(result.checkId);
    if (!meta) throw new Error(`no metadata for check ${result.checkId}`);
    const plan = planResult(input, result, meta);
    current.add(plan.record.findingId);
    plans.push(plan);
  }
  for (const prior of input.prior.values()) {
    if (current.has(prior.findingId) || prior.recordState === 'ARCHIVED') continue;
    if (!input.completedScopes.has(scopeOf(prior.accountId, prior.region, prior.checkId))) continue;
    const meta = input.meta(prior.checkId);
    if (!meta) continue;
    plans.push(planArchive(input, prior, meta));
  }
  return plans;
}
