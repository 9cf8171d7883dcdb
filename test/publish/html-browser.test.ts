/**
 * report.html in a real browser (headless Chromium): it renders with its CSP, its one
 * script runs (the hash matches), the filters and the sorting work, and nothing is
 * logged as an error.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../src/core/check.js';
import { buildFinding } from '../../src/findings/build.js';
import { writeOutputs } from '../../src/publish/files.js';
import type { EntryStatus, FileEntry, ScanSummary } from '../../src/publish/report-model.js';
import { Chromium, chromiumMissing } from '../helpers/chromium.js';
import { tempDir } from '../helpers/cli.js';
import { META, result } from '../helpers/fixtures.js';

const TIMES = { firstSeenAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z', lastSeenAt: '2026-01-02T00:00:00.000Z' };

function entry(resourceId: string, region: string, status: Exclude<EntryStatus, 'ARCHIVED'>, severity: Severity, accountId = '123456789012'): FileEntry {
  const r = result({ id: resourceId, region, status, severity, accountId, summary: `${resourceId} is ${status.toLowerCase()}` });
  const resource = { ...r.resource, region, arn: `arn:aws:ec2:${region}:${accountId}:security-group/${resourceId}` };
  const finding = buildFinding({ meta: META, result: { ...r, resource }, times: TIMES, recordState: 'ACTIVE', version: '1' });
  return {
    finding, status, checkId: META.id, checkTitle: META.title, service: META.service, severity, accountId, region,
    resourceType: resource.type, resourceArn: resource.arn, resourceId, summary: r.summary, evidence: r.evidence, remediation: META.remediation,
  };
}

const ENTRIES: FileEntry[] = [
  entry('sg-a', 'us-east-1', 'FAILED', 'CRITICAL'),
  entry('sg-b', 'us-east-1', 'FAILED', 'HIGH'),
  entry('sg-c', 'eu-west-1', 'FAILED', 'MEDIUM', '210987654321'),
  entry('sg-d', 'eu-west-1', 'PASSED', 'HIGH'),
  entry('sg-e', 'us-west-2', 'PASSED', 'LOW'),
  entry('sg-f', 'us-west-2', 'ERROR', 'HIGH'),
  entry('bucket-logs', 'us-west-2', 'FAILED', 'LOW'),
];

const SUMMARY = {
  tool: { name: 'rampart', version: '1' },
  startedAt: TIMES.firstSeenAt,
  finishedAt: TIMES.updatedAt,
  durationMs: 1000,
  accounts: ['123456789012', '210987654321'],
  regions: ['us-east-1', 'eu-west-1', 'us-west-2'],
  checksRun: 1,
  resources: 7,
  counts: { PASSED: { INFORMATIONAL: 0, LOW: 1, MEDIUM: 0, HIGH: 1, CRITICAL: 0 }, FAILED: { INFORMATIONAL: 0, LOW: 1, MEDIUM: 1, HIGH: 1, CRITICAL: 1 }, ERROR: { INFORMATIONAL: 0, LOW: 0, MEDIUM: 0, HIGH: 1, CRITICAL: 0 } },
  keptFailed: 0,
  notReevaluated: 0,
  collectionFailures: [],
  publish: { imported: 7, failed: 0, unchanged: 0, archived: 0, suppressed: 0, pending: 0 },
  phases: { collectMs: 0, reconcileMs: 0, publishMs: 0, recordMs: 0 },
  problems: [],
  runBy: { callerArn: 'arn:aws:sts::123456789012:assumed-role/Audit/alice', commandLine: 'rampart scan --output html' },
} satisfies ScanSummary;

const VISIBLE_ROWS = `[...document.querySelectorAll('#findings-table tbody tr')].filter((row) => !row.hidden).map((row) => row.cells[6].textContent)`;

const missing = chromiumMissing();
if (missing) console.warn(`the report's browser test is skipped: ${missing}`);

describe.skipIf(missing !== undefined)(`report.html in headless Chromium${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let browser: Chromium | undefined;
  let session = '';
  const errors: string[] = [];

  beforeAll(async () => {
    const dir = tempDir();
    await writeOutputs(['html'], dir, ENTRIES, SUMMARY);
    browser = Chromium.launch();
    session = await browser.newPage();
    browser.on((message) => {
      if (message.sessionId !== session) return;
      const params = message.params ?? {};
      if (message.method === 'Runtime.consoleAPICalled' && params.type === 'error') errors.push(`console.error: ${JSON.stringify(params.args)}`);
      if (message.method === 'Runtime.exceptionThrown') errors.push(`exception: ${JSON.stringify(params.exceptionDetails)}`);
      if (message.method === 'Log.entryAdded') {
        const logEntry = params.entry as { level?: string; text?: string } | undefined;
        if (logEntry?.level === 'error') errors.push(`log: ${logEntry.text ?? ''}`);
      }
    });
    await browser.send('Runtime.enable', {}, session);
    await browser.send('Log.enable', {}, session);
    await browser.send('Page.enable', {}, session);
    const loaded = browser.waitFor('Page.loadEventFired', session);
    await browser.send('Page.navigate', { url: pathToFileURL(join(dir, 'report.html')).href }, session);
    await loaded;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders, runs its script under the CSP and shows every finding', { timeout: 60_000 }, async () => {
    const page = browser as Chromium;
    // act
    const state = await page.evaluate<{ title: string; controlsHidden: boolean; rows: string[]; shown: string; regions: number }>(
      session,
      `({ title: document.title, controlsHidden: document.getElementById('findings-controls').hidden, rows: ${VISIBLE_ROWS},
          shown: document.getElementById('findings-shown').textContent, regions: document.querySelectorAll('#by-region tbody tr').length })`,
    );
    // assert
    assert.equal(state.title, 'rampart report');
    assert.equal(state.controlsHidden, false, 'the script ran (its hash is allowed by the CSP) and showed the filters');
    assert.equal(state.rows.length, 7);
    assert.equal(state.shown, '7 of 7 findings shown');
    assert.equal(state.regions, 3);
  });

  it('filters by free text and by the selects', { timeout: 60_000 }, async () => {
    const page = browser as Chromium;
    const search = (text: string) => `(() => { const s = document.getElementById('findings-search'); s.value = ${JSON.stringify(text)}; s.dispatchEvent(new Event('input')); return ${VISIBLE_ROWS}; })()`;
    const choose = (filter: string, value: string) => `(() => { const s = document.querySelector('select[data-filter="${filter}"]'); s.value = ${JSON.stringify(value)}; s.dispatchEvent(new Event('change')); return ${VISIBLE_ROWS}; })()`;
    // act
    const byText = await page.evaluate<string[]>(session, search('bucket'));
    const byWords = await page.evaluate<string[]>(session, search('us-east-1 critical'));
    await page.evaluate(session, search(''));
    const byRegion = await page.evaluate<string[]>(session, choose('region', 'us-west-2'));
    const byRegionAndStatus = await page.evaluate<string[]>(session, choose('status', 'FAILED'));
    const byAccount = await page.evaluate<string[]>(session, `(${choose('region', '')}, ${choose('status', '')}, ${choose('account', '210987654321')})`);
    const shown = await page.evaluate<string>(session, `document.getElementById('findings-shown').textContent`);
    await page.evaluate(session, choose('account', ''));
    const all = await page.evaluate<string[]>(session, VISIBLE_ROWS);
    // assert
    assert.deepEqual(byText, ['bucket-logs']);
    assert.deepEqual(byWords, ['sg-a']);
    assert.deepEqual([...byRegion].sort(), ['bucket-logs', 'sg-e', 'sg-f']);
    assert.deepEqual(byRegionAndStatus, ['bucket-logs']);
    assert.deepEqual(byAccount, ['sg-c']);
    assert.equal(shown, '1 of 7 findings shown');
    assert.equal(all.length, 7);
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', { timeout: 60_000 }, async () => {
    const page = browser as Chromium;
    const click = (column: number) => `(() => { document.querySelectorAll('#findings-table thead th')[${column}].click(); return ${VISIBLE_ROWS}; })()`;
    // act
    const ascending = await page.evaluate<string[]>(session, click(6));
    const descending = await page.evaluate<string[]>(session, click(6));
    const bySeverity = await page.evaluate<string[]>(session, `(${click(0)}, [...document.querySelectorAll('#findings-table tbody tr')].map((row) => row.dataset.severity))`);
    const ariaSort = await page.evaluate<string | null>(session, `document.querySelectorAll('#findings-table thead th')[0].getAttribute('aria-sort')`);
    // assert
    assert.deepEqual(ascending, ['bucket-logs', 'sg-a', 'sg-b', 'sg-c', 'sg-d', 'sg-e', 'sg-f']);
    assert.deepEqual(descending, [...ascending].reverse());
    assert.deepEqual(bySeverity, ['LOW', 'LOW', 'MEDIUM', 'HIGH', 'HIGH', 'HIGH', 'CRITICAL'], 'severity sorts by rank, not by name');
    assert.equal(ariaSort, 'ascending');
  });

  it('logs no console error, exception or CSP violation', { timeout: 60_000 }, () => {
    assert.deepEqual(errors, []);
  });
});
