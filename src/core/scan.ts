/**
 * One scan, end to end: plan → collect → evaluate → build findings →
 * reconcile → publish (Security Hub, record table, files).
 */
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { resolveAccounts, type AccountTarget } from '../aws/accounts.js';
import { createAwsClients, type AwsClients, type ClientSettings } from '../aws/clients.js';
import { describeAwsError } from '../aws/errors.js';
import { enabledRegions, RegionError, validateRegions } from '../aws/regions.js';
import type { RequestCounter } from '../aws/request-counter.js';
import type { RampartConfig } from '../config/schema.js';
import { writeOutputs, type OutputFormat } from '../publish/files.js';
import type { CollectionFailure, PublishCounts, ReportEntry, ScanSummary } from '../publish/report-model.js';
import { SecurityHubPublisher, type WorkflowUpdate } from '../publish/securityhub.js';
import type { FindingRecord } from '../state/record.js';
import { reconcile, scopeOf, type FindingPlan, type PublishMode } from '../state/reconcile.js';
import { RecordStore } from '../state/store.js';
import type { Logger } from '../util/logger.js';
import { SEVERITIES, severityRank, type Severity } from './check.js';
import { planTasks, selectChecks } from './planner.js';
import type { Registry } from './registry.js';
import { runPlan, type TaskOutcome } from './runner.js';
import type { Progress } from '../cli/progress.js';

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
}

export interface ScanDeps {
  registry: Registry;
  logger: Logger;
  progress: Progress;
  version: string;
  counter?: RequestCounter;
  now?: () => Date;
}

export interface ScanOutcome {
  summary: ScanSummary;
  entries: ReportEntry[];
  files: string[];
  /** 0 clean, 3 something was not published or recorded, 4 a FAILED finding at or above --fail-on. */
  exitCode: number;
}

const EXIT_PUBLISH_PROBLEM = 3;
const EXIT_FAIL_ON = 4;

function emptyCounts(): ScanSummary['counts'] {
  const row = (): Record<Severity, number> => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  return { PASSED: row(), FAILED: row(), ERROR: row() };
}

async function resolveRegions(options: ScanOptions, baseClients: AwsClients): Promise<string[]> {
  const requested = options.regions ?? options.config.regions ?? [options.homeRegion];
  if (requested === 'all') return enabledRegions(baseClients);
  const regions = validateRegions(requested, options.regions ? '--regions' : 'config regions');
  // A well-formed name can still be unknown (us-east-9): compare with the partition's regions.
  let known: Set<string> | undefined;
  try {
    const response = await baseClients.get(EC2Client).send(new DescribeRegionsCommand({ AllRegions: true }));
    known = new Set((response.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : [])));
  } catch {
    known = undefined; // cannot list: the scan itself reports unreachable regions as collection errors
  }
  const unknown = known && known.size > 0 ? regions.filter((r) => !known.has(r)) : [];
  if (unknown.length > 0) throw new RegionError(`--regions: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a region' : 'are not regions'} of this partition: use names such as ${[...(known ?? [])].slice(0, 3).join(', ')}, or all`);
  return regions;
}

function entryFor(plan: FindingPlan, registry: Registry): ReportEntry {
  const record = plan.record;
  const check = registry.check(record.checkId);
  return {
    finding: plan.finding,
    status: plan.archived ? 'ARCHIVED' : record.status,
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
    const regions = await resolveRegions(options, clientsFor(base.accountId, options.homeRegion));
    const store = options.record ? new RecordStore(clientsFor(base.accountId, options.homeRegion).get(DynamoDBClient), options.table) : undefined;
    if (store) {
      const state = await store.ensureTable(options.createTable);
      if (state === 'created') logger.info(`created the record table ${options.table}`);
    }
    const tasks = planTasks(planned, targets.map((t) => t.accountId), regions, options.homeRegion);
    progress.start(tasks);
    const outcomes = await runPlan(tasks, {
      clientsFor,
      logger,
      concurrency: options.concurrency,
      onTaskDone: (task, outcome) => progress.taskDone(task, outcome),
    });
    return await publishOutcomes(options, deps, { outcomes, regions, accountIds: targets.map((t) => t.accountId), store, clientsFor, started, now, checksRun: planned.length });
  } finally {
    progress.finish();
    for (const clients of clientCache.values()) clients.destroy();
  }
}

interface PublishContext {
  outcomes: TaskOutcome[];
  regions: string[];
  accountIds: string[];
  store?: RecordStore;
  clientsFor(accountId: string, region: string): AwsClients;
  started: Date;
  now(): Date;
  checksRun: number;
}

async function loadPrior(store: RecordStore | undefined, outcomes: readonly TaskOutcome[], problems: string[]): Promise<{ prior: Map<string, FindingRecord>; unreadable: Set<string> }> {
  const prior = new Map<string, FindingRecord>();
  const unreadable = new Set<string>();
  if (!store) return { prior, unreadable };
  const scopes = [...new Set(outcomes.map((o) => `${o.accountId}/${o.region}`))];
  await Promise.all(
    scopes.map(async (scope) => {
      const [accountId, region] = scope.split('/') as [string, string];
      try {
        for (const record of await store.loadScope(accountId, region)) prior.set(record.findingId, record);
      } catch (error) {
        unreadable.add(scope);
        problems.push(`the records of ${accountId}/${region} cannot be read from ${store.tableName} (${describeAwsError(error).message}): its findings were written to the files only`);
      }
    }),
  );
  return { prior, unreadable };
}

async function publishOutcomes(options: ScanOptions, deps: ScanDeps, ctx: PublishContext): Promise<ScanOutcome> {
  const { registry, logger, progress } = deps;
  const problems: string[] = [];
  const results = ctx.outcomes.flatMap((o) => o.results);
  const completedScopes = new Set(ctx.outcomes.flatMap((o) => o.completedChecks.map((checkId) => scopeOf(o.accountId, o.region, checkId))));
  progress.phase('reconciling with the record table');
  const { prior, unreadable } = await loadPrior(ctx.store, ctx.outcomes, problems);
  const runTime = ctx.now();
  const plans = reconcile({
    results,
    prior,
    completedScopes,
    meta: (id) => registry.check(id)?.meta,
    exemptions: options.config.exemptions ?? [],
    now: runTime,
    refreshDays: options.refreshDays,
    mode: options.publishMode,
    version: deps.version,
  });
  const publishable = plans.filter((p) => !unreadable.has(`${p.record.accountId}/${p.record.region}`));
  const counts: PublishCounts = { imported: 0, failed: 0, unchanged: 0, archived: 0, suppressed: 0 };
  const importFailures = new Map<string, string>();
  const imported = new Set<string>();
  const workflowDone = new Set<string>();
  const workflowFailed = new Map<string, string>();

  if (options.securityHub) {
    progress.phase('publishing to Security Hub');
    const publisher = new SecurityHubPublisher({ clientsFor: ctx.clientsFor, logger });
    const toImport = publishable.filter((p) => p.import && (options.publishErrors || p.record.status !== 'ERROR' || p.archived));
    const report = await publisher.importFindings(toImport.map((p) => p.finding));
    for (const id of report.imported) imported.add(id);
    for (const [id, error] of report.failed) importFailures.set(id, error);
    problems.push(...new Set(report.problems));
    counts.imported = toImport.filter((p) => imported.has(p.finding.Id) && !p.archived).length;
    counts.archived = toImport.filter((p) => imported.has(p.finding.Id) && p.archived).length;
    counts.failed = importFailures.size;
    counts.unchanged = publishable.filter((p) => !p.import).length;
    const failedSample = [...importFailures.entries()].filter(([, e]) => !report.problems.includes(e)).slice(0, 5);
    if (importFailures.size > 0 && failedSample.length > 0) {
      problems.push(`${importFailures.size} finding(s) failed to import into Security Hub, e.g. ${failedSample.map(([id, e]) => `${id}: ${e}`).join('; ')}`);
    }
    const updates: WorkflowUpdate[] = publishable
      .filter((p) => p.workflow && !p.archived && (imported.has(p.finding.Id) || (p.prior?.lastImportedAt !== undefined && !importFailures.has(p.finding.Id))))
      .map((p) => ({
        findingId: p.finding.Id,
        productArn: p.finding.ProductArn,
        accountId: p.finding.AwsAccountId,
        region: p.finding.Region,
        status: (p.workflow as NonNullable<FindingPlan['workflow']>).status,
        note: (p.workflow as NonNullable<FindingPlan['workflow']>).note,
      }));
    if (updates.length > 0) {
      const updateReport = await publisher.updateWorkflow(updates);
      for (const id of updateReport.updated) workflowDone.add(id);
      for (const [id, error] of updateReport.failed) workflowFailed.set(id, error);
      counts.suppressed = updates.filter((u) => u.status === 'SUPPRESSED' && workflowDone.has(u.findingId)).length;
      if (workflowFailed.size > 0) {
        problems.push(`${workflowFailed.size} finding(s) could not have their workflow set by BatchUpdateFindings (exemptions), e.g. ${[...workflowFailed.values()][0]}`);
      }
    }
  }

  if (ctx.store) {
    progress.phase('writing the record table');
    const importTime = runTime.toISOString();
    const records = publishable.map((plan) => {
      const record: FindingRecord = { ...plan.record };
      if (imported.has(plan.finding.Id)) {
        record.lastImportedAt = importTime;
        record.importedFingerprint = record.fingerprint;
        delete record.lastImportError;
      } else if (importFailures.has(plan.finding.Id)) {
        record.lastImportError = importFailures.get(plan.finding.Id);
      }
      if (plan.workflow) {
        if (workflowDone.has(plan.finding.Id)) {
          record.workflowSet = plan.workflow.status;
        } else {
          // Not applied yet: keep what Security Hub holds so the next run tries again.
          if (plan.prior?.exemption) record.exemption = plan.prior.exemption;
          else delete record.exemption;
          if (plan.prior?.workflowSet) record.workflowSet = plan.prior.workflowSet;
          else delete record.workflowSet;
        }
      }
      return record;
    });
    try {
      const written = await ctx.store.write(records, new Set(prior.keys()));
      if (written.failed.length > 0) problems.push(`${written.failed.length} record(s) could not be written to ${ctx.store.tableName}, e.g. ${written.failed[0]?.findingId}: ${written.failed[0]?.error}`);
    } catch (error) {
      problems.push(`the record table ${ctx.store.tableName} could not be written: ${describeAwsError(error).message}`);
    }
  }

  const entries = plans.map((p) => entryFor(p, registry));
  const counted = emptyCounts();
  for (const result of ctx.outcomes.flatMap((o) => o.results)) counted[result.status][result.severity] += 1;
  const collectionFailures: CollectionFailure[] = ctx.outcomes
    .filter((o) => !o.ok)
    .map((o) => ({ accountId: o.accountId, region: o.region, collector: o.collectorId, checks: o.results.map((r) => r.checkId), message: o.error?.message ?? 'unknown error' }));
  const finished = ctx.now();
  const summary: ScanSummary = {
    tool: { name: 'rampart', version: deps.version },
    startedAt: ctx.started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - ctx.started.getTime(),
    accounts: ctx.accountIds,
    regions: ctx.regions,
    checksRun: ctx.checksRun,
    resources: ctx.outcomes.reduce((sum, o) => sum + o.resources, 0),
    counts: counted,
    collectionFailures,
    publish: counts,
    problems,
  };
  let files: string[] = [];
  try {
    files = await writeOutputs(options.outputs, options.outDir, entries, summary);
  } catch (error) {
    problems.push(`the output files could not be written to ${options.outDir}: ${(error as Error).message}`);
  }
  let exitCode = 0;
  if (options.failOn) {
    const threshold = severityRank(options.failOn);
    const gate = plans.some((p) => !p.archived && p.record.status === 'FAILED' && !p.exemption && severityRank(p.record.severity) >= threshold);
    if (gate) exitCode = EXIT_FAIL_ON;
  }
  if (problems.length > 0) exitCode = EXIT_PUBLISH_PROBLEM;
  for (const problem of problems) logger.error(problem);
  return { summary, entries, files, exitCode };
}
