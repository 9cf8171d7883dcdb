/**
 * The HTML report: one self-contained page (inline CSS, one small inline script allowed by
 * its hash, no network access) for people to read, print or attach to a ticket. Without
 * the script everything is shown; with it the findings table can be sorted and filtered.
 *
 * Resource names, tags, summaries and evidence come from the audited accounts and are
 * attacker-controlled. All markup is therefore built with the `html` template tag, which
 * escapes every interpolated value unless it is markup the tag produced itself.
 */
import { createHash } from 'node:crypto';
import { SEVERITIES, severityRank, type Evidence, type JsonValue, type Severity } from '../core/check.js';
import { FRAMEWORKS, parseRequirement, type Framework } from '../findings/compliance.js';
import { FINDINGS_TABLE_SCRIPT } from './html-script.js';
import { redactEntry, redactSummary } from './redact-report.js';
import type { CollectionFailure, EntryStatus, ReportEntry, ScanSummary } from './report-model.js';

// ---------------------------------------------------------------------------
// Escaping and the markup builder

class Markup {
  constructor(readonly text: string) {}
}

type Fragment = Markup | string | number | readonly Markup[];

const EMPTY = new Markup('');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function html(strings: TemplateStringsArray, ...values: Fragment[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += fragmentText(value) + (strings[index + 1] ?? '');
  });
  return new Markup(out);
}

function fragmentText(value: Fragment): string {
  if (value instanceof Markup) return value.text;
  if (typeof value === 'string' || typeof value === 'number') return escapeHtml(String(value));
  return value.map((part) => part.text).join('');
}

/** A link only for https URLs; anything else (javascript:, data:, http:…) is shown as text. */
function safeLink(url: string, label: string = url): Markup {
  if (!/^https:\/\//i.test(url)) return html`<span class="url">${url}</span>`;
  return html`<a href="${url}" rel="noopener noreferrer">${label}</a>`;
}

// ---------------------------------------------------------------------------
// Page

const SEVERITIES_DESC: readonly Severity[] = [...SEVERITIES].reverse();

const SEVERITY_COLOURS: Record<Severity, string> = {
  CRITICAL: '#7b1020',
  HIGH: '#c0392b',
  MEDIUM: '#b35c00',
  LOW: '#1f5f8b',
  INFORMATIONAL: '#5d6d7e',
};

const SEVERITY_CSS = SEVERITIES.map((s) => {
  const c = SEVERITY_COLOURS[s];
  return `.badge.sev-${s.toLowerCase()}{background:${c}}.check.sev-${s.toLowerCase()}{border-left-color:${c}}`;
}).join('\n');

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1f23;background:#fff;max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:1.7em;margin:0 0 4px}
h2{font-size:1.25em;border-bottom:2px solid #d5d8dc;padding-bottom:4px;margin:32px 0 12px}
h3{font-size:1.05em;margin:0 0 6px}
nav a{margin-right:12px}
a{color:#1a5fb4}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #d5d8dc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f5;font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
.zero{color:#9aa5ad}
code,pre,.mono,.url{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
pre{background:#f8f9f9;border:1px solid #d5d8dc;padding:8px;margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere}
.muted{color:#5d6d7e}
.badge{display:inline-block;padding:1px 6px;border-radius:3px;color:#fff;font-size:11px;font-weight:700;letter-spacing:.03em;vertical-align:middle}
.badge.exempt{background:#6c3483}
.alert{border:2px solid #c0392b;background:#fdedec;padding:8px 14px;margin:16px 0}
.alert h2{border:0;margin:4px 0 8px;color:#922b21}
.check{border:1px solid #d5d8dc;border-left:6px solid #5d6d7e;padding:12px 16px;margin:18px 0}
.remediation{background:#f4f9f4;border:1px solid #cfe3cf;padding:6px 10px;margin:8px 0}
.resource{border-top:1px dashed #d5d8dc;padding:10px 0 4px}
.resource.exempted{opacity:.8}
.resource .arn{overflow-wrap:anywhere;color:#5d6d7e}
.exemption{color:#6c3483;font-weight:600}
.evidence table{font-size:12.5px}
.evidence .key{font-weight:600;margin-top:6px}
.empty{font-style:italic;color:#5d6d7e}
.notice{border:2px solid #b35c00;background:#fef5e7;padding:8px 14px;margin:16px 0}
summary{cursor:pointer;font-weight:600}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}
.filters[hidden]{display:none}
.filters input{min-width:16em}
#findings-table th.sortable{cursor:pointer;user-select:none}
#findings-table th[aria-sort="ascending"]::after{content:" ▲"}
#findings-table th[aria-sort="descending"]::after{content:" ▼"}
#findings-table td{overflow-wrap:anywhere}
.status-failed{color:#922b21;font-weight:600}
.status-error{color:#b35c00;font-weight:600}
.status-passed{color:#1e8449}
${SEVERITY_CSS}
@media print{
body{max-width:none;padding:0;font-size:11px}
nav,.filters{display:none}
a{color:inherit}
a[href^="https://"]::after{content:" (" attr(href) ")";font-size:90%;overflow-wrap:anywhere}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.resource,tr{break-inside:avoid}
h2,h3{break-after:avoid}
}`;

// The page needs no image or connection and runs only its own script, allowed by the hash
// of its exact text; the policy keeps it that way even if escaping were ever bypassed.
function contentSecurityPolicy(script: string): string {
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`;
}

export function renderHtmlReport(allEntries: readonly ReportEntry[], scanSummary: ScanSummary): string {
  const entries = allEntries.map(redactEntry);
  const summary = redactSummary(scanSummary);
  const failed = entries.filter((e) => e.status === 'FAILED');
  const errors = entries.filter((e) => e.status === 'ERROR');
  const passed = entries.filter((e) => e.status === 'PASSED');
  const current = entries.filter((e) => e.status !== 'ARCHIVED');
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(FINDINGS_TABLE_SCRIPT)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>rampart report</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
<header>
<h1>rampart report</h1>
<p class="muted">${summary.tool.name} ${summary.tool.version} · finished ${summary.finishedAt}</p>
<nav><a href="#summary">Summary</a><a href="#regions">Regions</a><a href="#compliance">Compliance</a><a href="#findings">All findings</a><a href="#failures">Failing findings</a><a href="#errors">Not evaluated</a><a href="#passed">Passed checks</a></nav>
</header>
${incompleteRunBanner(summary)}
${scanFacts(summary)}
${severitySummary(summary)}
${failureBreakdowns(failed)}
${regionBreakdown(current)}
${complianceView(current)}
${runProblems(summary)}
${findingsTable(current)}
${failingFindings(failed, entries.length)}
${errorResults(errors)}
${passedChecks(passed, failed)}
<script>${new Markup(FINDINGS_TABLE_SCRIPT)}</script>
</body>
</html>
`;
  return page.text;
}

// ---------------------------------------------------------------------------
// Sections

/** Only a collection failure leaves results out; the problems are about delivering complete results. */
function incompleteRunBanner(summary: ScanSummary): Markup {
  const failures = summary.collectionFailures.length;
  const problems = summary.problems.length;
  if (failures > 0) {
    return html`<div class="alert" role="alert"><strong>This run is incomplete:</strong> ${plural(failures, 'collection failure')}, ${plural(problems, 'problem')}. Results below may be missing resources; see <a href="#problems">Collection failures and problems</a>.</div>`;
  }
  if (problems === 0) return EMPTY;
  return html`<div class="notice" role="alert"><strong>Not everything was delivered:</strong> ${plural(problems, 'problem')} publishing, recording or writing. The results below are complete, but not all of them reached Security Hub or the record table; see <a href="#problems">Problems</a>.</div>`;
}

function scanFacts(summary: ScanSummary): Markup {
  const p = summary.publish;
  const rows: [string, string][] = [
    ['Tool', `${summary.tool.name} ${summary.tool.version}`],
    ['Started', summary.startedAt],
    ['Finished', summary.finishedAt],
    ['Duration', formatDuration(summary.durationMs)],
    [`Accounts (${summary.accounts.length})`, summary.accounts.join(', ') || 'none'],
    [`Regions (${summary.regions.length})`, summary.regions.join(', ') || 'none'],
    ['Checks run', String(summary.checksRun)],
    ['Resources evaluated', String(summary.resources)],
    ['Security Hub', `${p.imported} imported, ${p.unchanged} unchanged, ${p.archived} archived, ${p.suppressed} suppressed, ${p.failed} failed to publish`],
    ...runByRows(summary.runBy),
  ];
  return html`<section id="facts"><h2>Scan</h2><table class="facts">${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}</table></section>`;
}

function runByRows(runBy: ScanSummary['runBy']): [string, string][] {
  if (!runBy) return [];
  return [
    ...(runBy.callerArn ? [['Run by', runBy.callerArn] as [string, string]] : []),
    ...(runBy.profile ? [['Profile', runBy.profile] as [string, string]] : []),
    ...(runBy.commandLine ? [['Command line', runBy.commandLine] as [string, string]] : []),
  ];
}

function severitySummary(summary: ScanSummary): Markup {
  const failedTotal = sum(SEVERITIES.map((s) => summary.counts.FAILED[s]));
  const passedTotal = sum(SEVERITIES.map((s) => summary.counts.PASSED[s]));
  const errorTotal = sum(SEVERITIES.map((s) => summary.counts.ERROR[s]));
  return html`<section id="summary"><h2>Summary</h2>
<table class="severity-summary">
<thead><tr><th colspan="${SEVERITIES_DESC.length + 1}">Failed</th><th rowspan="2">Passed</th><th rowspan="2">Error</th></tr>
<tr>${SEVERITIES_DESC.map((s) => html`<th>${severityBadge(s)}</th>`)}<th>Total</th></tr></thead>
<tbody><tr>${SEVERITIES_DESC.map((s) => countCell(summary.counts.FAILED[s], `failed-${s.toLowerCase()}`))}${countCell(failedTotal, 'failed-total')}${countCell(passedTotal, 'passed')}${countCell(errorTotal, 'error')}</tr></tbody>
</table></section>`;
}

function failureBreakdowns(failed: readonly ReportEntry[]): Markup {
  if (failed.length === 0) return EMPTY;
  return html`<section id="breakdown"><h2>Failures by service and account</h2>
${breakdownTable('by-service', 'Service', groupBy(failed, (e) => e.service))}
${breakdownTable('by-account', 'Account', groupBy(failed, (e) => e.accountId))}
</section>`;
}

function breakdownTable(id: string, keyLabel: string, groups: Map<string, ReportEntry[]>): Markup {
  const rows = [...groups].sort(([ka, a], [kb, b]) => b.length - a.length || compareText(ka, kb));
  return html`<table id="${id}"><thead><tr><th>${keyLabel}</th><th>Failed</th>${SEVERITIES_DESC.map((s) => html`<th>${severityBadge(s)}</th>`)}<th>Exempted</th></tr></thead>
<tbody>${rows.map(
    ([key, group]) =>
      html`<tr><td>${key}</td>${countCell(group.length)}${SEVERITIES_DESC.map((s) => countCell(group.filter((e) => e.severity === s).length))}${countCell(group.filter((e) => e.exemption).length)}</tr>`,
  )}</tbody></table>`;
}

const STATUS_ORDER: Record<EntryStatus, number> = { FAILED: 0, ERROR: 1, PASSED: 2, ARCHIVED: 3 };

function regionBreakdown(entries: readonly ReportEntry[]): Markup {
  if (entries.length === 0) return EMPTY;
  const rows = [...groupBy(entries, (e) => e.region)].map(([region, group]) => {
    const count = (status: EntryStatus) => group.filter((e) => e.status === status).length;
    return { region, failed: count('FAILED'), passed: count('PASSED'), error: count('ERROR') };
  });
  rows.sort((a, b) => b.failed - a.failed || compareText(a.region, b.region));
  return html`<section id="regions"><h2>Findings by region</h2>
<table id="by-region"><thead><tr><th>Region</th><th>Failed</th><th>Passed</th><th>Error</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${r.region}</td>${countCell(r.failed)}${countCell(r.passed)}${countCell(r.error)}</tr>`)}</tbody></table></section>`;
}

interface ControlResult {
  control: string;
  /** Checks with an unexempted FAILED finding on this control, and how many findings each. */
  failing: Map<string, number>;
  passed: boolean;
}

/** Per framework, the controls this run's checks map to; a control fails when any unexempted FAILED finding maps to it. */
function frameworkControls(entries: readonly ReportEntry[], framework: Framework): ControlResult[] {
  const controls = new Map<string, ControlResult>();
  for (const entry of entries) {
    for (const requirement of entry.finding.Compliance.RelatedRequirements ?? []) {
      const parsed = parseRequirement(requirement);
      if (parsed?.framework !== framework) continue;
      const result = controls.get(parsed.control) ?? { control: parsed.control, failing: new Map<string, number>(), passed: false };
      controls.set(parsed.control, result);
      if (entry.status === 'FAILED' && !entry.exemption) result.failing.set(entry.checkId, (result.failing.get(entry.checkId) ?? 0) + 1);
      else if (entry.status === 'PASSED' || entry.status === 'FAILED') result.passed = true;
    }
  }
  return [...controls.values()].sort((a, b) => compareControls(a.control, b.control));
}

function complianceView(entries: readonly ReportEntry[]): Markup {
  const frameworks = FRAMEWORKS.map((framework) => ({ framework, controls: frameworkControls(entries, framework) })).filter((f) => f.controls.length > 0);
  if (frameworks.length === 0) return EMPTY;
  const failedOf = (controls: readonly ControlResult[]) => controls.filter((c) => c.failing.size > 0);
  const passedOf = (controls: readonly ControlResult[]) => controls.filter((c) => c.failing.size === 0 && c.passed);
  return html`<section id="compliance"><h2>Compliance by framework</h2>
<p class="muted">A control fails when any unexempted failing finding maps to it; controls whose checks were all not evaluated count as neither.</p>
<table id="compliance-summary"><thead><tr><th>Framework</th><th>Controls evaluated</th><th>Passed</th><th>Failed</th></tr></thead>
<tbody>${frameworks.map(
    ({ framework, controls }) =>
      html`<tr data-framework="${framework.key}"><td>${framework.name}</td>${countCell(controls.length)}${countCell(passedOf(controls).length)}${countCell(failedOf(controls).length)}</tr>`,
  )}</tbody></table>
${frameworks.map(({ framework, controls }) => {
    const failing = failedOf(controls);
    if (failing.length === 0) return html`<p id="failing-${framework.key}"><strong>${framework.name}:</strong> no failing control.</p>`;
    return html`<details id="failing-${framework.key}"><summary>${framework.name}: ${plural(failing.length, 'failing control')}</summary>
<table><thead><tr><th>Control</th><th>Failing checks (findings)</th></tr></thead>
<tbody>${failing.map(
      (c) =>
        html`<tr><td>${c.control}</td><td>${[...c.failing].sort(([a], [b]) => compareText(a, b)).map(([checkId, count]) => html`<a href="#check-${checkId}"><code>${checkId}</code></a> (${count}) `)}</td></tr>`,
    )}</tbody></table></details>`;
  })}
</section>`;
}

const FILTERS = [
  ['severity', 'Severity'],
  ['status', 'Status'],
  ['service', 'Service'],
  ['region', 'Region'],
  ['account', 'Account'],
] as const;

type FilterKey = (typeof FILTERS)[number][0];

function filterValue(entry: ReportEntry, key: FilterKey): string {
  if (key === 'severity') return entry.severity;
  if (key === 'status') return entry.status;
  if (key === 'service') return entry.service;
  if (key === 'region') return entry.region;
  return entry.accountId;
}

/** Every finding in one flat table; the controls stay hidden until the script shows them. */
function findingsTable(entries: readonly ReportEntry[]): Markup {
  if (entries.length === 0) return html`<section id="findings"><h2>All findings (0)</h2><p class="empty">The run produced no findings.</p></section>`;
  const sorted = [...entries].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      severityRank(b.severity) - severityRank(a.severity) ||
      compareText(a.accountId, b.accountId) ||
      compareText(a.region, b.region) ||
      compareText(a.checkId, b.checkId) ||
      compareText(a.resourceId, b.resourceId),
  );
  const options = (key: FilterKey): string[] => {
    const values = [...new Set(entries.map((e) => filterValue(e, key)))];
    if (key === 'severity') return values.sort((a, b) => severityRank(b as Severity) - severityRank(a as Severity));
    if (key === 'status') return values.sort((a, b) => STATUS_ORDER[a as EntryStatus] - STATUS_ORDER[b as EntryStatus]);
    return values.sort(compareText);
  };
  return html`<section id="findings"><h2>All findings (${entries.length})</h2>
<div class="filters" id="findings-controls" hidden>
<input type="search" id="findings-search" placeholder="Search findings" aria-label="Search findings">
${FILTERS.map(
    ([key, label]) =>
      html`<label>${label} <select data-filter="${key}"><option value="">all</option>${options(key).map((value) => html`<option value="${value}">${value}</option>`)}</select></label>`,
  )}
<span id="findings-shown" class="muted" aria-live="polite"></span>
</div>
<table id="findings-table"><thead><tr><th>Severity</th><th>Status</th><th>Service</th><th>Region</th><th>Account</th><th>Check</th><th>Resource</th></tr></thead>
<tbody>${sorted.map(
    (e) =>
      html`<tr data-severity="${e.severity}" data-status="${e.status}" data-service="${e.service}" data-region="${e.region}" data-account="${e.accountId}"><td data-sort="${severityRank(e.severity)}">${severityBadge(e.severity)}</td><td class="status-${e.status.toLowerCase()}" data-sort="${STATUS_ORDER[e.status]}">${e.status}${e.exemption ? ' (exempted)' : ''}</td><td>${e.service}</td><td>${e.region}</td><td>${e.accountId}</td><td><code>${e.checkId}</code></td><td><code>${e.resourceId}</code></td></tr>`,
  )}</tbody></table></section>`;
}

function runProblems(summary: ScanSummary): Markup {
  const { collectionFailures, problems } = summary;
  if (collectionFailures.length === 0 && problems.length === 0) return EMPTY;
  return html`<section id="problems" class="alert"><h2>${collectionFailures.length > 0 ? 'Collection failures and problems' : 'Problems'}</h2>
${problems.length > 0 ? html`<ul>${problems.map((p) => html`<li>${p}</li>`)}</ul>` : EMPTY}
${collectionFailures.length > 0 ? collectionFailureTable(collectionFailures) : EMPTY}
</section>`;
}

function collectionFailureTable(failures: readonly CollectionFailure[]): Markup {
  return html`<p>These inventories could not be collected, so the listed checks did not run there:</p>
<table><thead><tr><th>Account</th><th>Region</th><th>Collector</th><th>Checks not run</th><th>Error</th></tr></thead>
<tbody>${failures.map(
    (f) => html`<tr><td>${f.accountId}</td><td>${f.region}</td><td><code>${f.collector}</code></td><td>${f.checks.join(', ')}</td><td>${f.message}</td></tr>`,
  )}</tbody></table>`;
}

function failingFindings(failed: readonly ReportEntry[], totalEntries: number): Markup {
  if (failed.length === 0) {
    const why = totalEntries === 0 ? 'the run produced no results.' : 'every evaluated resource passed.';
    return html`<section id="failures"><h2>Failing findings</h2><p class="empty">No findings: ${why}</p></section>`;
  }
  const checks = [...groupBy(failed, (e) => e.checkId).values()].sort(
    (a, b) => severityRank(b[0]!.severity) - severityRank(a[0]!.severity) || compareText(a[0]!.checkId, b[0]!.checkId),
  );
  return html`<section id="failures"><h2>Failing findings (${failed.length})</h2>${checks.map(checkSection)}</section>`;
}

function checkSection(group: readonly ReportEntry[]): Markup {
  const first = group[0]!;
  const requirements = first.finding.Compliance.RelatedRequirements ?? [];
  const resources = [...group].sort(
    (a, b) =>
      Number(a.exemption !== undefined) - Number(b.exemption !== undefined) ||
      compareText(a.accountId, b.accountId) ||
      compareText(a.region, b.region) ||
      compareText(a.resourceId, b.resourceId),
  );
  return html`<article class="check sev-${first.severity.toLowerCase()}" id="check-${first.checkId}">
<h3>${severityBadge(first.severity)} ${first.checkTitle}</h3>
<p class="muted"><code>${first.checkId}</code> · ${first.service} · ${first.resourceType} · ${plural(group.length, 'failing finding')}</p>
${requirements.length > 0 ? html`<p>Compliance: ${requirements.join('; ')}</p>` : EMPTY}
<div class="remediation"><strong>Remediation:</strong> ${first.remediation.text} ${safeLink(first.remediation.url)}</div>
${resources.map(resourceBlock)}
</article>`;
}

function resourceBlock(entry: ReportEntry): Markup {
  const exemption = entry.exemption;
  return html`<div class="resource${exemption ? ' exempted' : ''}">
<div><code>${entry.resourceId}</code> <span class="muted">account ${entry.accountId} · ${entry.region}</span>${exemption ? html` <span class="badge exempt">EXEMPTED</span>` : EMPTY}</div>
<div class="arn mono">${entry.resourceArn}</div>
<p>${entry.summary}</p>
${exemption ? html`<p class="exemption">Exempted (suppressed in Security Hub): ${exemption.reason}${exemption.expires ? ` (expires ${exemption.expires})` : ''}</p>` : EMPTY}
${evidenceBlock(entry.evidence)}
</div>`;
}

function errorResults(errors: readonly ReportEntry[]): Markup {
  if (errors.length === 0) {
    return html`<section id="errors"><h2>Not evaluated</h2><p class="empty">Every selected resource was evaluated.</p></section>`;
  }
  const sorted = [...errors].sort(
    (a, b) => compareText(a.checkId, b.checkId) || compareText(a.accountId, b.accountId) || compareText(a.region, b.region) || compareText(a.resourceId, b.resourceId),
  );
  return html`<section id="errors"><h2>Not evaluated (${errors.length})</h2>
<p>These checks raised an error, so the resource is neither compliant nor failing:</p>
<table><thead><tr><th>Check</th><th>Account</th><th>Region</th><th>Resource</th><th>Reason</th></tr></thead>
<tbody>${sorted.map(
    (e) => html`<tr><td><code>${e.checkId}</code></td><td>${e.accountId}</td><td>${e.region}</td><td><code>${e.resourceId}</code></td><td>${e.summary}</td></tr>`,
  )}</tbody></table></section>`;
}

function passedChecks(passed: readonly ReportEntry[], failed: readonly ReportEntry[]): Markup {
  const failing = groupBy(failed, (e) => e.checkId);
  const checks = [...groupBy(passed, (e) => e.checkId).values()].sort((a, b) => compareText(a[0]!.checkId, b[0]!.checkId));
  const body =
    checks.length === 0
      ? html`<p class="empty">No check passed on any resource.</p>`
      : html`<table><thead><tr><th>Check</th><th>Title</th><th>Severity</th><th>Passed</th><th>Failed</th></tr></thead>
<tbody>${checks.map((group) => {
          const first = group[0]!;
          return html`<tr><td><code>${first.checkId}</code></td><td>${first.checkTitle}</td><td>${severityBadge(first.severity)}</td>${countCell(group.length)}${countCell(failing.get(first.checkId)?.length ?? 0)}</tr>`;
        })}</tbody></table>`;
  return html`<section id="passed"><h2>Passed checks</h2>
<details><summary>${plural(checks.length, 'check')} passed: ${plural(passed.length, 'passed finding')}</summary>
${body}
</details></section>`;
}

// ---------------------------------------------------------------------------
// Evidence: simple values as a key/value table, arrays of objects as tables
// (e.g. security group rules), anything else as indented JSON.

function evidenceBlock(evidence: Evidence): Markup {
  const fields = Object.entries(evidence);
  if (fields.length === 0) return EMPTY;
  const simple = fields.filter(([, value]) => isSimple(value));
  const tabular = fields.filter((field): field is [string, Record<string, JsonValue>[]] => isObjectArray(field[1]));
  const other = fields.filter(([, value]) => !isSimple(value) && !isObjectArray(value));
  return html`<div class="evidence">
${simple.length > 0 ? html`<table>${simple.map(([key, value]) => html`<tr><th scope="row">${key}</th><td>${cellText(value)}</td></tr>`)}</table>` : EMPTY}
${tabular.map(([key, rows]) => html`<div class="key">${key} (${rows.length})</div>${objectTable(rows)}`)}
${other.map(([key, value]) => html`<div class="key">${key}</div><pre>${JSON.stringify(value, null, 2)}</pre>`)}
</div>`;
}

function objectTable(rows: readonly Record<string, JsonValue>[]): Markup {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return html`<table><thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr>${columns.map((c) => html`<td>${cellText(row[c])}</td>`)}</tr>`)}</tbody></table>`;
}

function isScalar(value: JsonValue | undefined): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

/** A scalar, or a list of scalars (shown comma-separated). */
function isSimple(value: JsonValue): boolean {
  return isScalar(value) || (Array.isArray(value) && value.every(isScalar));
}

function isObjectArray(value: JsonValue): value is Record<string, JsonValue>[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0)
  );
}

function cellText(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  if (isScalar(value)) return String(value);
  if (Array.isArray(value) && value.every(isScalar)) return value.map(String).join(', ');
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------
// Small helpers

function severityBadge(severity: Severity): Markup {
  return html`<span class="badge sev-${severity.toLowerCase()}">${severity}</span>`;
}

function countCell(count: number, name?: string): Markup {
  const attr = name === undefined ? EMPTY : html` data-count="${name}"`;
  return html`<td class="num${count === 0 ? ' zero' : ''}"${attr}>${count}</td>`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  return hours > 0 ? `${hours} h ${minutes} min ${rest} s` : `${minutes} min ${rest} s`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Control ids in reading order: EC2.2 before EC2.10, 1.4 before 1.10 (fixed locale, so the order does not depend on the machine). */
function compareControls(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true }) || compareText(a, b);
}
