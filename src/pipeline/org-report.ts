/**
 * The organization report: the verdict of an org-wide fan-out, computed from
 * the accounts' run summaries (summary.ts). An account fails when its status is
 * not OK; an expected account with no summary is TIMEOUT (its task never
 * finished, or never started). The run passes when the failed share is within
 * the tolerated percentage, the same rule as the distributed Map's
 * ToleratedFailurePercentage: more than the tolerance fails.
 */
import { ACCOUNT_PATTERN } from '../config/schema.js';
import { parseRunSummary, SUMMARY_STATUSES, type RunSummary, type SummaryStatus } from './summary.js';

export const ORG_REPORT_EXIT = { PASS: 0, FAIL: 4 } as const;

export interface OrgAccountLine {
  account: string;
  status: SummaryStatus;
  message: string;
  exitCode: number | null;
  /** Where the summary came from; absent for an account with no summary. */
  source?: string;
}

export interface OrgReport {
  generatedAt: string;
  verdict: 'PASS' | 'FAIL';
  exitCode: (typeof ORG_REPORT_EXIT)[keyof typeof ORG_REPORT_EXIT];
  toleratedFailurePercentage: number;
  /** Failed accounts (not OK, or no summary) as a percentage of all accounts. */
  failurePercentage: number;
  accounts: number;
  byStatus: Record<SummaryStatus, number>;
  /** Summed over the accounts' summaries. */
  counts: { findings: number; failed: number; errors: number };
  /** Every account whose status is not OK, TIMEOUT for the ones with no summary; sorted by account. */
  failed: OrgAccountLine[];
  /** Documents under the summaries location that are not summaries (each also fails its account when the file name is one). */
  unreadable: Array<{ source: string; problem: string }>;
  /** Accounts with a summary that were not expected (counted like the others). */
  unexpected: string[];
  verdictLine: string;
}

export interface OrgReportOptions {
  toleratedFailurePercentage: number;
  /** The accounts the fan-out was given; without them, only summaries that exist count. */
  expectedAccounts?: readonly string[];
  now: Date;
}

/** The account a summary file is named after (`…/123456789012.json`), if any. */
function accountOfSource(source: string): string | undefined {
  const match = /(\d{12})\.json$/.exec(source);
  return match?.[1];
}

/** Newer wins; the run's own summary wins over the state machine's stand-in. */
function preferred(a: { summary: RunSummary }, b: { summary: RunSummary }): boolean {
  if ((a.summary.writer ?? 'task') !== (b.summary.writer ?? 'task')) return (a.summary.writer ?? 'task') === 'task';
  return a.summary.finishedAt >= b.summary.finishedAt;
}

export function buildOrgReport(documents: ReadonlyArray<{ source: string; text: string }>, options: OrgReportOptions): OrgReport {
  const byAccount = new Map<string, { summary: RunSummary; source: string }>();
  const unreadable: Array<{ source: string; problem: string }> = [];
  for (const document of documents) {
    let summary: RunSummary;
    try {
      summary = parseRunSummary(document.text);
    } catch (error) {
      unreadable.push({ source: document.source, problem: (error as Error).message });
      const account = accountOfSource(document.source);
      if (account && !byAccount.has(account)) {
        const stamp = options.now.toISOString();
        byAccount.set(account, { source: document.source, summary: { account, status: 'ERROR', counts: { findings: 0, failed: 0, errors: 0 }, exitCode: null, startedAt: stamp, finishedAt: stamp, message: `the summary could not be read: ${(error as Error).message}`, writer: 'state-machine' } });
      }
      continue;
    }
    const candidate = { summary, source: document.source };
    const existing = byAccount.get(summary.account);
    if (!existing || preferred(candidate, existing)) byAccount.set(summary.account, candidate);
  }
  const expected = new Set(options.expectedAccounts ?? []);
  const lines: OrgAccountLine[] = [];
  for (const [account, { summary, source }] of byAccount) lines.push({ account, status: summary.status, message: summary.message, exitCode: summary.exitCode, source });
  for (const account of expected) {
    if (!byAccount.has(account)) lines.push({ account, status: 'TIMEOUT', message: 'no summary: the task did not finish (timed out, stopped) or never started', exitCode: null });
  }
  lines.sort((a, b) => a.account.localeCompare(b.account));
  const byStatus = Object.fromEntries(SUMMARY_STATUSES.map((s) => [s, 0])) as Record<SummaryStatus, number>;
  for (const line of lines) byStatus[line.status] += 1;
  const counts = { findings: 0, failed: 0, errors: 0 };
  for (const { summary } of byAccount.values()) {
    counts.findings += summary.counts.findings;
    counts.failed += summary.counts.failed;
    counts.errors += summary.counts.errors;
  }
  const failed = lines.filter((line) => line.status !== 'OK');
  const accounts = lines.length;
  const failurePercentage = accounts === 0 ? 100 : round((failed.length / accounts) * 100);
  const within = accounts > 0 && failurePercentage <= options.toleratedFailurePercentage;
  const verdict = within ? 'PASS' : 'FAIL';
  const verdictLine = accounts === 0
    ? 'FAIL: no account summary was found (is --summaries the right location?)'
    : `${verdict}: ${failed.length} of ${accounts} account(s) failed (${failurePercentage} %), tolerated ${options.toleratedFailurePercentage} %`;
  return {
    generatedAt: options.now.toISOString(),
    verdict,
    exitCode: within ? ORG_REPORT_EXIT.PASS : ORG_REPORT_EXIT.FAIL,
    toleratedFailurePercentage: options.toleratedFailurePercentage,
    failurePercentage,
    accounts,
    byStatus,
    counts,
    failed,
    unreadable,
    unexpected: expected.size > 0 ? [...byAccount.keys()].filter((a) => !expected.has(a)).sort() : [],
    verdictLine,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The short text version (stdout and report.txt). */
export function renderOrgReport(report: OrgReport): string {
  const statuses = SUMMARY_STATUSES.filter((s) => report.byStatus[s] > 0).map((s) => `${s} ${report.byStatus[s]}`).join(', ');
  const lines = [
    `rampart org report (${report.generatedAt}): ${report.accounts} account(s)${statuses ? `: ${statuses}` : ''}`,
    `results: ${report.counts.findings} (FAILED ${report.counts.failed}, ERROR ${report.counts.errors})`,
    report.verdictLine,
  ];
  if (report.failed.length > 0) {
    lines.push('', 'failed accounts:');
    const width = Math.max(...report.failed.map((f) => f.status.length));
    for (const f of report.failed) lines.push(`  ${f.account}  ${f.status.padEnd(width)}  ${f.message}`);
  }
  if (report.unreadable.length > 0) {
    lines.push('', 'unreadable summaries:');
    for (const u of report.unreadable) lines.push(`  ${u.source}: ${u.problem}`);
  }
  if (report.unexpected.length > 0) lines.push('', `summaries of accounts that were not expected: ${report.unexpected.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** The small document the state machine reads for its verdict (the whole report can exceed a state's 256 KiB). */
export function verdictDocument(report: OrgReport): { verdict: OrgReport['verdict']; exitCode: number; accounts: number; failed: number; failurePercentage: number; summary: string } {
  return { verdict: report.verdict, exitCode: report.exitCode, accounts: report.accounts, failed: report.failed.length, failurePercentage: report.failurePercentage, summary: report.verdictLine };
}

/** Account ids from a comma-separated list or a JSON array (the fan-out's accounts.json). */
export function parseAccountList(text: string, what: string): string[] {
  const trimmed = text.trim();
  let values: unknown[];
  if (trimmed.startsWith('[')) {
    try {
      values = JSON.parse(trimmed) as unknown[];
    } catch (error) {
      throw new Error(`${what}: not a JSON array: ${(error as Error).message}`);
    }
    if (!Array.isArray(values)) throw new Error(`${what}: expected a JSON array of account ids`);
  } else {
    values = trimmed.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  }
  const bad = values.filter((v) => typeof v !== 'string' || !ACCOUNT_PATTERN.test(v));
  if (bad.length > 0) throw new Error(`${what}: ${bad.slice(0, 3).map((b) => JSON.stringify(b)).join(', ')} ${bad.length === 1 ? 'is not a 12-digit account id' : 'are not 12-digit account ids'}`);
  return [...new Set(values as string[])];
}
