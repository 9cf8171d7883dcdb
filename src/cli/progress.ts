/**
 * Progress over accounts × regions × auditors: one redrawn line on a
 * terminal, plain log lines otherwise.
 */
import type { Logger } from '../util/logger.js';
import type { ScanProgress } from '../pipeline/scan.js';

export type Progress = ScanProgress;

export function createProgress(options: { tty: boolean; enabled: boolean; logger: Logger; stream?: NodeJS.WriteStream }): Progress {
  const stream = options.stream ?? process.stderr;
  let total = 0;
  let done = 0;
  let failed = 0;
  let accounts = 0;
  let regions = 0;
  let auditors = 0;
  const draw = (label: string): void => {
    if (!options.enabled || !options.tty) return;
    const width = 24;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} inventories (${accounts} account(s) × ${regions} region(s) × ${auditors} auditor(s))${failed ? `, ${failed} failed` : ''} ${label}`;
    stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 120) - 1)}`);
  };
  return {
    start(tasks) {
      total = tasks.length;
      accounts = new Set(tasks.map((t) => t.accountId)).size;
      regions = new Set(tasks.map((t) => t.region)).size;
      auditors = new Set(tasks.map((t) => t.collector.id)).size;
      if (options.enabled && !options.tty) options.logger.info(`scanning ${total} inventories: ${accounts} account(s) × ${regions} region(s) × ${auditors} auditor(s)`);
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
      if (options.enabled && options.tty) stream.write('\r\x1b[2K');
    },
  };
}
