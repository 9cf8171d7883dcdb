/**
 * Progress over accounts × regions × auditors: one redrawn line on a
 * terminal, plain log lines otherwise. Both go through the shared terminal
 * writer, so a log line never overwrites the progress line.
 */
import type { PlanTask } from '../core/planner.js';
import type { Logger } from '../util/logger.js';
import type { ScanProgress } from '../pipeline/scan.js';
import type { Terminal } from './terminal.js';

export type Progress = ScanProgress;

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * What the inventories are made of: regional auditors run in every account and
 * region, global ones once per account (in the home region).
 */
export function describePlan(tasks: readonly PlanTask[]): string {
  const regional = tasks.filter((t) => !t.collector.global);
  const accounts = new Set(tasks.map((t) => t.accountId)).size;
  const regions = new Set(regional.map((t) => t.region)).size;
  const regionalAuditors = new Set(regional.map((t) => t.collector.id)).size;
  const globalAuditors = new Set(tasks.filter((t) => t.collector.global).map((t) => t.collector.id)).size;
  const parts = [
    ...(regionalAuditors > 0 ? [`${count(accounts, 'account')} × ${count(regions, 'region')} × ${count(regionalAuditors, 'regional auditor')}`] : []),
    ...(globalAuditors > 0 ? [regionalAuditors > 0 ? count(globalAuditors, 'global auditor') : `${count(accounts, 'account')} × ${count(globalAuditors, 'global auditor')}`] : []),
  ];
  return parts.join(' + ') || 'nothing to collect';
}

export function createProgress(options: { enabled: boolean; logger: Logger; terminal: Terminal; tty: boolean }): Progress {
  const { terminal } = options;
  let total = 0;
  let done = 0;
  let failed = 0;
  let plan = '';
  const draw = (label: string): void => {
    if (!options.enabled || !options.tty) return;
    const width = 24;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    terminal.status(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} inventories (${plan})${failed ? `, ${failed} failed` : ''} ${label}`);
  };
  return {
    start(tasks) {
      total = tasks.length;
      plan = describePlan(tasks);
      if (options.enabled && !options.tty) options.logger.info(`scanning ${total} inventories: ${plan}`);
      draw('');
    },
    taskDone(task, outcome) {
      done += 1;
      if (!outcome.ok) failed += 1;
      if (options.enabled && !options.tty) {
        options.logger.info(`[${done}/${total}] ${task.accountId} ${task.region} ${task.collector.id}: ${outcome.ok ? `${outcome.resources} resource(s), ${outcome.results.length} result(s)` : `FAILED ${outcome.error?.code ?? ''}`} in ${outcome.durationMs} ms`, {
          account: task.accountId, region: task.region, collector: task.collector.id, ok: outcome.ok,
        });
      }
      draw(`${task.collector.id} ${task.region}`);
    },
    phase(message) {
      if (!options.enabled) return;
      if (options.tty) draw(message);
      else options.logger.info(message);
    },
    finish() {
      terminal.clearStatus();
    },
  };
}
