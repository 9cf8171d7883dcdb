/** The end-of-scan summary table printed on stdout. */
import { SEVERITIES } from '../core/check.js';
import { redactSummary } from '../publish/redact-report.js';
import type { ScanSummary } from '../publish/report-model.js';
import { padVisible, PLAIN, visibleWidth, type Style } from './style.js';

/** Rows of cells, the first column left-aligned, the others right-aligned (by visible width: cells may be coloured). */
export function table(rows: string[][], indent = ''): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => visibleWidth(r[col] ?? '')))) ?? [];
  return rows.map((r) => indent + r.map((cell, col) => padVisible(cell, widths[col] ?? 0, col === 0 ? 'left' : 'right')).join('  ')).join('\n');
}

export function renderSummary(scanSummary: ScanSummary, files: readonly string[] = [], style: Style = PLAIN): string {
  const summary = redactSummary(scanSummary);
  const severities = [...SEVERITIES].reverse();
  const rows: string[][] = [['status', ...severities.map((s) => style.severity(s)), 'total']];
  for (const status of ['FAILED', 'PASSED', 'ERROR'] as const) {
    const counts = severities.map((s) => summary.counts[status][s]);
    rows.push([style.status(status), ...counts.map(String), String(counts.reduce((a, b) => a + b, 0))]);
  }
  const p = summary.publish;
  const lines = [
    '',
    `rampart ${summary.tool.version} scan: ${summary.accounts.length} account(s) [${summary.accounts.join(', ')}] × ${summary.regions.length} region(s) [${summary.regions.join(', ')}]`,
    `checks run: ${summary.checksRun}   resources seen: ${summary.resources}   time: ${(summary.durationMs / 1000).toFixed(1)} s`,
    '',
    'results by check severity:',
    table(rows),
    '',
    `Security Hub findings: imported ${p.imported}, failed ${p.failed}, unchanged ${p.unchanged}, archived ${p.archived}, suppressed ${p.suppressed}, pending ${p.pending}`,
  ];
  if (summary.keptFailed > 0) lines.push(`kept FAILED: ${summary.keptFailed} finding(s) whose latest evaluation failed keep their last known state (counted as FAILED above)`);
  if (summary.notReevaluated > 0) lines.push(`not re-evaluated: ${summary.notReevaluated} FAILED finding(s) whose check did not complete this run were left as they were`);
  if (summary.collectionFailures.length > 0) {
    lines.push('', `inventories that could not be collected (${summary.collectionFailures.length}); their checks are ERROR:`);
    for (const f of summary.collectionFailures) lines.push(`  ${f.accountId} ${f.region} ${f.collector}: ${f.message}`);
  }
  if (summary.problems.length > 0) {
    lines.push('', 'problems:');
    for (const problem of summary.problems) lines.push(`  ${problem}`);
  }
  if (files.length > 0) lines.push('', `files: ${files.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
