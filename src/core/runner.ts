/**
 * The runner: collects each planned inventory once and evaluates its checks.
 * A collection failure becomes one ERROR result per dependent check; a check
 * that throws becomes an ERROR result for that resource. Never PASSED, never
 * "no resources".
 */
import type { AwsClients } from '../aws/clients.js';
import { describeAwsError } from '../aws/errors.js';
import { describeCallStats, emptyCallStats, withCallStats } from '../aws/call-stats.js';
import type { Logger } from '../util/logger.js';
import { createLimiter, type Limiter } from '../util/limit.js';
import { redact, redactJson } from '../util/redact.js';
import { lowerSeverity } from './check.js';
import type { PlanTask, PlannedCheck } from './planner.js';
import { accountRef, partitionOf, type ResourceRef } from './resource.js';
import type { CheckResult } from './result.js';

export interface TaskOutcome {
  accountId: string;
  region: string;
  collectorId: string;
  service: string;
  ok: boolean;
  error?: { code: string; message: string; kind: string };
  durationMs: number;
  resources: number;
  /** Checks whose inventory was collected: the scope in which missing findings may be archived. */
  completedChecks: string[];
  /** Checks of the task that did not complete (inventory not collected, or select() failed). */
  failedChecks: string[];
  results: CheckResult[];
  notApplicable: number;
}

export interface RunOptions {
  clientsFor(accountId: string, region: string): AwsClients;
  logger: Logger;
  /** How many inventories are collected at once. */
  concurrency: number;
  /** How many detail calls one collector makes at once. */
  detailConcurrency?: number;
  onTaskStart?(task: PlanTask): void;
  onTaskDone?(task: PlanTask, outcome: TaskOutcome): void;
}

function errorResult(task: PlanTask, planned: PlannedCheck, resource: ResourceRef, message: string): CheckResult {
  const summary = redact(message);
  return {
    checkId: planned.check.meta.id,
    accountId: task.accountId,
    region: task.region,
    partition: partitionOf(task.region),
    resource,
    status: 'ERROR',
    severity: planned.severity,
    summary,
    evidence: { error: summary },
  };
}

export function evaluateChecks(task: PlanTask, inventory: unknown): { results: CheckResult[]; resources: number; notApplicable: number; completedChecks: string[] } {
  const results: CheckResult[] = [];
  // A check that could not select its resources did not complete: nothing of it may be archived.
  const completedChecks: string[] = [];
  const seen = new Set<string>();
  let notApplicable = 0;
  for (const planned of task.checks) {
    const { check } = planned;
    let items: readonly { ref: ResourceRef }[];
    try {
      items = check.select(inventory);
    } catch (error) {
      results.push(errorResult(task, planned, accountRef(task.accountId, task.region), `check ${check.meta.id} failed to select resources: ${(error as Error).message}`));
      continue;
    }
    completedChecks.push(check.meta.id);
    for (const item of items) {
      seen.add(item.ref.arn);
      const base = { checkId: check.meta.id, accountId: task.accountId, region: task.region, partition: partitionOf(task.region), resource: item.ref, severity: planned.severity };
      try {
        const verdict = check.evaluate(item, planned.params, inventory);
        if (verdict.status === 'NOT_APPLICABLE') {
          notApplicable += 1;
          continue;
        }
        const severity = verdict.status === 'FAILED' && verdict.levelsBelow ? lowerSeverity(planned.severity, verdict.levelsBelow) : planned.severity;
        // Summaries and evidence quote account-controlled values (tags, policies): no secret goes on to the record, the files or Security Hub.
        const summary = redact(verdict.summary ?? (verdict.status === 'PASSED' ? 'compliant' : 'non-compliant'));
        results.push({ ...base, severity, status: verdict.status, summary, evidence: redactJson(verdict.evidence ?? {}) });
      } catch (error) {
        results.push(errorResult(task, planned, item.ref, (error as Error).message));
      }
    }
  }
  return { results, resources: seen.size, notApplicable, completedChecks };
}

async function runTask(task: PlanTask, options: RunOptions, detailLimit: Limiter): Promise<TaskOutcome> {
  const started = Date.now();
  const base = { accountId: task.accountId, region: task.region, collectorId: task.collector.id, service: task.collector.service };
  let inventory: unknown;
  const stats = emptyCallStats();
  const debugStats = (): void => options.logger.debug(`${task.accountId} ${task.region} ${task.collector.id}: ${Date.now() - started} ms, ${describeCallStats(stats)}`, {
    account: task.accountId, region: task.region, collector: task.collector.id, durationMs: Date.now() - started, ...stats,
  });
  try {
    inventory = await withCallStats(stats, () => task.collector.collect({
      accountId: task.accountId,
      region: task.region,
      partition: partitionOf(task.region),
      clients: options.clientsFor(task.accountId, task.region),
      clientsIn: (region) => options.clientsFor(task.accountId, region),
      ...(task.scanRegions ? { scanRegions: task.scanRegions } : {}),
      limit: detailLimit,
      logger: options.logger,
    }));
  } catch (error) {
    debugStats();
    const info = describeAwsError(error);
    const summary = `the ${task.collector.id} inventory could not be collected in ${task.accountId}/${task.region}: ${info.message}`;
    options.logger.warn(summary);
    return {
      ...base,
      ok: false,
      error: { code: info.code, message: info.message, kind: info.kind },
      durationMs: Date.now() - started,
      resources: 0,
      completedChecks: [],
      failedChecks: task.checks.map((planned) => planned.check.meta.id),
      results: task.checks.map((planned) => errorResult(task, planned, accountRef(task.accountId, task.region), summary)),
      notApplicable: 0,
    };
  }
  debugStats();
  const evaluated = evaluateChecks(task, inventory);
  return {
    ...base,
    ok: true,
    durationMs: Date.now() - started,
    resources: evaluated.resources,
    completedChecks: evaluated.completedChecks,
    failedChecks: task.checks.map((p) => p.check.meta.id).filter((id) => !evaluated.completedChecks.includes(id)),
    results: evaluated.results,
    notApplicable: evaluated.notApplicable,
  };
}

export async function runPlan(tasks: readonly PlanTask[], options: RunOptions): Promise<TaskOutcome[]> {
  const taskLimit = createLimiter(options.concurrency);
  // Detail calls are bounded per account and region, across that target's collectors.
  const detailLimits = new Map<string, Limiter>();
  const detailLimitFor = (task: PlanTask): Limiter => {
    const key = `${task.accountId}/${task.region}`;
    let limit = detailLimits.get(key);
    if (!limit) {
      limit = createLimiter(options.detailConcurrency ?? 8);
      detailLimits.set(key, limit);
    }
    return limit;
  };
  return Promise.all(
    tasks.map((task) =>
      taskLimit(async () => {
        options.onTaskStart?.(task);
        const outcome = await runTask(task, options, detailLimitFor(task));
        options.onTaskDone?.(task, outcome);
        return outcome;
      }),
    ),
  );
}
