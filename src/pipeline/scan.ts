/**
 * One scan, end to end: plan → collect → evaluate → build findings →
 * reconcile → publish (Security Hub, record table, files).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { resolveAccounts, type AccountTarget } from '../aws/accounts.js';
import { createAwsClients, type AwsClients, type ClientSettings } from '../aws/clients.js';
import { enabledRegions, partitionRegions, RegionError, validateRegions } from '../aws/regions.js';
import type { RequestCounter } from '../aws/request-counter.js';
import type { RampartConfig } from '../config/schema.js';
import { SEVERITIES, severityRank, type Severity } from '../core/check.js';
import { planTasks, selectChecks, type PlanTask } from '../core/planner.js';
import type { Registry } from '../core/registry.js';
import { runPlan, type TaskOutcome } from '../core/runner.js';
import { OutputSink, type OutputFormat } from '../publish/files.js';
import type { CollectionFailure, FileEntry, PublishCounts, ScanSummary } from '../publish/report-model.js';
import { SecurityHubPublisher } from '../publish/securityhub.js';
import type { FindingPlan, PublishMode } from '../state/reconcile.js';
import { RecordStore, type ScopeState } from '../state/store.js';
import { createLimiter } from '../util/limit.js';
import { redact } from '../util/redact.js';
import type { Logger } from '../util/logger.js';
import { EXIT, exitCodeOf, type ExitCode, type ExitCondition } from './exit-codes.js';
import { ScopeWork, type ScopeReport, type ScopeSettings } from './scope.js';
import { TopFailing, type FailingEntry } from './top-failing.js';

/** What the pipeline tells a progress display (the CLI's implements it). */
export interface ScanProgress {
  start(tasks: readonly PlanTask[]): void;
  taskDone(task: PlanTask, outcome: TaskOutcome): void;
  phase(message: string): void;
  finish(): void;
}

export interface ScanOptions {
  regions?: readonly string[] | 'all';
  homeRegion: string;
  profile?: string;
  roleArn?: string;
  accounts?: readonly string[];
  roleName?: string;
  externalId?: string;
  endpointUrl?: string;
  services?: readonly string[];
  checks?: readonly string[];
  excludeChecks?: readonly string[];
  config: RampartConfig;
  table: string;
  createTable: boolean;
  securityHub: boolean;
  publishErrors: boolean;
  record: boolean;
  outputs: readonly OutputFormat[];
  outDir: string;
  failOn?: Severity;
  concurrency: number;
  publishMode: PublishMode;
  refreshDays: number;
  /** How the scan was started, for the report (redacted when shown). */
  commandLine?: string;
  /** How many of the worst unexempted FAILED findings the outcome keeps (default 0). */
  topFailed?: number;
}

export interface ScanDeps {
  registry: Registry;
  logger: Logger;
  progress: ScanProgress;
  version: string;
  counter?: RequestCounter;
  now?: () => Date;
}

export interface ScanOutcome {
  summary: ScanSummary;
  files: string[];
  /** Every exit condition met (see exit-codes.ts); exitCode is the one that decides. */
  conditions: ExitCondition[];
  exitCode: ExitCode;
  /** The worst unexempted FAILED findings (at most options.topFailed), worst first, and how many there were. */
  failing: { top: FailingEntry[]; total: number };
}

/** Scopes publishing to Security Hub at once (each is paced per account and region). */
const PUBLISH_SCOPES_AT_ONCE = 2;

async function resolveRegions(options: ScanOptions, baseClients: AwsClients): Promise<string[]> {
  const requested = options.regions ?? options.config.regions ?? [options.homeRegion];
  if (requested === 'all') return enabledRegions(baseClients);
  const regions = validateRegions(requested, options.regions ? '--regions' : 'config regions', { anyWellFormed: options.endpointUrl !== undefined });
  // A well-formed name can still be unknown (us-east-9): compare with the partition's regions.
  const known = await partitionRegions(baseClients);
  const unknown = known ? regions.filter((r) => !known.has(r)) : [];
  if (unknown.length > 0) throw new RegionError(`${options.regions ? '--regions' : 'config regions'} ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a region' : 'are not regions'} of this partition: use names such as ${[...(known ?? [])].slice(0, 3).join(', ')}, or all`);
  return regions;
}

/** How a plan becomes a file entry (the scan's files, and any step that re-publishes one finding). */
export function entryFor(plan: FindingPlan, registry: Registry): FileEntry {
  const record = plan.record;
  const check = registry.check(record.checkId);
  return {
    finding: plan.finding(),
    status: plan.kind === 'archive' ? 'ARCHIVED' : record.status,
    checkId: record.checkId,
    checkTitle: record.title,
    service: record.service,
    severity: record.severity,
    accountId: record.accountId,
    region: record.region,
    resourceType: record.resource.type,
    resourceArn: record.resource.arn,
    resourceId: record.resource.id,
    summary: record.summary,
    evidence: record.evidence,
    remediation: check?.meta.remediation ?? { text: '', url: '' },
    ...(plan.exemption ? { exemption: plan.exemption } : {}),
  };
}

/** Why a check's findings are no longer watched, when this run could have run it (else undefined). */
function retiredReason(registry: Registry, options: ScanOptions): (checkId: string) => string | undefined {
  return (checkId) => {
    const check = registry.check(checkId);
    const service = check?.meta.service ?? checkId.split('-')[0] ?? '';
    // A run limited on the command line could not have run what it left out.
    if (options.checks && options.checks.length > 0 && !options.checks.includes(checkId)) return undefined;
    if (options.excludeChecks?.includes(checkId)) return undefined;
    if (options.services && options.services.length > 0 && !options.services.includes(service)) return undefined;
    if (!check) return `the check ${checkId} is no longer in rampart's catalogue`;
    const configServices = options.config.services;
    if (!options.services && configServices && configServices.length > 0 && !configServices.includes(service)) return `the service ${service} is not in the config's services`;
    if (options.config.checks?.[checkId]?.enabled === false && !options.checks?.includes(checkId)) return `the check ${checkId} is disabled in the config`;
    return undefined;
  };
}

export async function runScan(options: ScanOptions, deps: ScanDeps): Promise<ScanOutcome> {
  const { registry, logger, progress } = deps;
  const now = deps.now ?? (() => new Date());
  const started = now();
  const planned = selectChecks(registry, {
    services: options.services ?? options.config.services,
    checks: options.checks,
    excludeChecks: options.excludeChecks,
    settings: options.config.checks,
  });
  const settings: ClientSettings = { ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}), ...(deps.counter ? { counter: deps.counter } : {}) };
  const { base, targets } = await resolveAccounts({
    region: options.homeRegion,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.roleArn ? { roleArn: options.roleArn } : {}),
    ...(options.accounts ? { accounts: options.accounts } : {}),
    ...(options.roleName ? { roleName: options.roleName } : {}),
    ...(options.externalId ? { externalId: options.externalId } : {}),
    settings,
  });
  const clientCache = new Map<string, AwsClients>();
  const targetById = new Map<string, AccountTarget>(targets.map((t) => [t.accountId, t]));
  const clientsFor = (accountId: string, region: string): AwsClients => {
    const key = `${accountId}/${region}`;
    let clients = clientCache.get(key);
    if (!clients) {
      const target = accountId === base.accountId && !targetById.get(accountId)?.roleArn ? base : targetById.get(accountId) ?? base;
      clients = createAwsClients(accountId, region, target.credentials, settings);
      clientCache.set(key, clients);
    }
    return clients;
  };
  try {
    // Input first: a bad region is reported before anything (a table) is created.
    const regions = await resolveRegions(options, clientsFor(base.accountId, options.homeRegion));
    const store = options.record ? new RecordStore(clientsFor(base.accountId, options.homeRegion).get(DynamoDBClient), options.table) : undefined;
    if (store) {
      const state = await store.ensureTable(options.createTable);
      if (state === 'created') logger.info(`created the record table ${options.table}`);
    }
    const tasks = planTasks(planned, targets.map((t) => t.accountId), regions, options.homeRegion);
    const setupProblems: string[] = [];
    const topFailed = new TopFailing(options.topFailed ?? 0);
    let sink: OutputSink | undefined;
    try {
      sink = await OutputSink.open(options.outputs, options.outDir);
    } catch (error) {
      setupProblems.push(`the output files could not be written to ${options.outDir}: ${(error as Error).message}`);
    }
    const scopeSettings: ScopeSettings = {
      securityHub: options.securityHub,
      publishErrors: options.publishErrors,
      mode: options.publishMode,
      refreshDays: options.refreshDays,
      version: deps.version,
      exemptions: options.config.exemptions ?? [],
      meta: (id) => registry.check(id)?.meta,
      retired: retiredReason(registry, options),
      ...(sink ? { sink } : {}),
      entryFor: (plan) => entryFor(plan, registry),
      topFailed,
    };
    const scopeDeps = {
      ...(store ? { store } : {}),
      ...(options.securityHub ? { publisher: new SecurityHubPublisher({ clientsFor, logger }) } : {}),
      publishLimit: createLimiter(PUBLISH_SCOPES_AT_ONCE),
      clientsFor,
      now,
    };

    // Each scope (account and region) is reconciled, published and recorded as soon as its
    // last inventory is in; its prior state is read while its inventories are collected.
    const remaining = new Map<string, number>();
    for (const task of tasks) remaining.set(scopeKey(task), (remaining.get(scopeKey(task)) ?? 0) + 1);
    const works = new Map<string, { work: ScopeWork; outcomes: TaskOutcome[] }>();
    const scopeWork: Array<Promise<ScopeReport>> = [];
    const collectStarted = Date.now();
    let collectMs = 0;
    progress.start(tasks);
    const outcomes = await runPlan(tasks, {
      clientsFor,
      logger,
      concurrency: options.concurrency,
      onTaskStart: (task) => {
        const key = scopeKey(task);
        if (works.has(key)) return;
        let loading: Promise<ScopeState> | undefined;
        if (store) {
          loading = store.loadScope(task.accountId, task.region);
          loading.catch(() => undefined); // observed when the scope is planned
        }
        works.set(key, { work: new ScopeWork({ accountId: task.accountId, region: task.region }, loading, scopeSettings, scopeDeps), outcomes: [] });
      },
      onTaskDone: (task, outcome) => {
        progress.taskDone(task, outcome);
        const key = scopeKey(task);
        const scope = works.get(key);
        if (!scope) throw new Error(`no scope work for ${key}: a task finished that never started`);
        scope.work.add(outcome);
        scope.outcomes.push(outcome);
        const left = (remaining.get(key) ?? 1) - 1;
        remaining.set(key, left);
        if (left > 0) return;
        works.delete(key);
        const work = scope.work.finish().finally(() => {
          // The results are recorded and published: let them go.
          for (const done of scope.outcomes) done.results = [];
        });
        work.catch(() => undefined); // awaited below
        scopeWork.push(work);
      },
    });
    collectMs = Date.now() - collectStarted;
    progress.phase('publishing and recording');
    const reports = await Promise.all(scopeWork);
    return await finish(options, deps, { outcomes, reports, regions, accountIds: targets.map((t) => t.accountId), started, now, checksRun: planned.length, collectMs, sink, setupProblems, topFailed, ...(base.callerArn ? { callerArn: base.callerArn } : {}) });
  } finally {
    progress.finish();
    for (const clients of clientCache.values()) clients.destroy();
  }
}

const scopeKey = (task: { accountId: string; region: string }): string => `${task.accountId}/${task.region}`;

interface FinishContext {
  outcomes: TaskOutcome[];
  reports: ScopeReport[];
  regions: string[];
  accountIds: string[];
  started: Date;
  now(): Date;
  checksRun: number;
  collectMs: number;
  sink: OutputSink | undefined;
  setupProblems: string[];
  /** Who the base credentials are (the scan's caller). */
  callerArn?: string;
  topFailed: TopFailing;
}

function severityRow(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

async function finish(options: ScanOptions, deps: ScanDeps, ctx: FinishContext): Promise<ScanOutcome> {
  const { logger } = deps;
  const problems = [...ctx.setupProblems, ...ctx.reports.flatMap((r) => r.problems)];
  const sum = (field: 'imported' | 'failed' | 'unchanged' | 'archived' | 'suppressed' | 'pending' | 'keptFailed' | 'notReevaluated'): number => ctx.reports.reduce((total, r) => total + r[field], 0);
  const counts: PublishCounts = { imported: sum('imported'), failed: sum('failed'), unchanged: sum('unchanged'), archived: sum('archived'), suppressed: sum('suppressed'), pending: sum('pending') };
  const counted = { PASSED: severityRow(), FAILED: severityRow(), ERROR: severityRow() };
  for (const report of ctx.reports) {
    for (const status of ['PASSED', 'FAILED', 'ERROR'] as const) for (const severity of SEVERITIES) counted[status][severity] += report.counts[status][severity];
  }
  const openFailed = severityRow();
  for (const report of ctx.reports) for (const severity of SEVERITIES) openFailed[severity] += report.openFailed[severity];
  const collectionFailures: CollectionFailure[] = ctx.outcomes
    .filter((o) => !o.ok)
    .map((o) => ({ accountId: o.accountId, region: o.region, collector: o.collectorId, checks: o.failedChecks, message: o.error?.message ?? 'unknown error' }));
  const incompleteChecks = ctx.outcomes.filter((o) => o.ok && o.failedChecks.length > 0);
  const finished = ctx.now();
  const timings = ctx.reports.reduce((t, r) => ({ reconcileMs: t.reconcileMs + r.timings.reconcileMs, publishMs: t.publishMs + r.timings.publishMs, recordMs: t.recordMs + r.timings.recordMs }), { reconcileMs: 0, publishMs: 0, recordMs: 0 });
  const summary: ScanSummary = {
    tool: { name: 'rampart', version: deps.version },
    startedAt: ctx.started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - ctx.started.getTime(),
    accounts: ctx.accountIds,
    regions: ctx.regions,
    checksRun: ctx.checksRun,
    resources: ctx.outcomes.reduce((total, o) => total + o.resources, 0),
    counts: counted,
    keptFailed: sum('keptFailed'),
    notReevaluated: sum('notReevaluated'),
    collectionFailures,
    publish: counts,
    phases: { collectMs: ctx.collectMs, ...timings },
    problems,
    runBy: {
      ...(ctx.callerArn ? { callerArn: ctx.callerArn } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.commandLine ? { commandLine: redact(options.commandLine) } : {}),
    },
  };
  let files: string[] = [];
  try {
    files = ctx.sink ? await ctx.sink.finish(summary) : [];
  } catch (error) {
    problems.push(`the output files could not be written to ${options.outDir}: ${(error as Error).message}`);
  }
  const conditions: ExitCondition[] = [];
  if (options.failOn) {
    const threshold = severityRank(options.failOn);
    const breaching = SEVERITIES.filter((s) => severityRank(s) >= threshold).reduce((total, s) => total + openFailed[s], 0);
    if (breaching > 0) conditions.push({ code: EXIT.FAIL_ON, message: `--fail-on ${options.failOn} reached: ${breaching} unexempted FAILED finding(s) at or above ${options.failOn}` });
  }
  if (problems.length > 0) conditions.push({ code: EXIT.NOT_PUBLISHED, message: `${problems.length} problem(s) publishing or recording (listed above): the files and the record table hold what could be kept` });
  if (collectionFailures.length > 0 || incompleteChecks.length > 0) {
    const parts = [
      ...(collectionFailures.length > 0 ? [`${collectionFailures.length} inventor${collectionFailures.length === 1 ? 'y' : 'ies'} could not be collected`] : []),
      ...(incompleteChecks.length > 0 ? [`${incompleteChecks.reduce((n, o) => n + o.failedChecks.length, 0)} check(s) could not select their resources`] : []),
    ];
    conditions.push({ code: EXIT.INCOMPLETE, message: `the scan is incomplete: ${parts.join(', ')} (their checks are ERROR)` });
  }
  for (const problem of problems) logger.error(problem);
  return { summary, files, conditions, exitCode: exitCodeOf(conditions), failing: ctx.topFailed.result() };
}
