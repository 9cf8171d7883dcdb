/** The CSV report: one row per result, RFC 4180, safe to open in a spreadsheet. */
import { severityRank } from '../core/check.js';
import { redactEntry } from './redact-report.js';
import type { EntryStatus, ReportEntry } from './report-model.js';

type Column = readonly [header: string, value: (entry: ReportEntry) => string];

const COLUMNS: readonly Column[] = [
  ['account', (e) => e.accountId],
  ['region', (e) => e.region],
  ['service', (e) => e.service],
  ['check_id', (e) => e.checkId],
  ['check_title', (e) => e.checkTitle],
  ['status', (e) => e.status],
  ['severity', (e) => e.finding.Severity.Label],
  ['check_severity', (e) => e.severity],
  ['resource_type', (e) => e.resourceType],
  ['resource_id', (e) => e.resourceId],
  ['resource_arn', (e) => e.resourceArn],
  ['summary', (e) => e.summary],
  ['description', (e) => e.finding.Description],
  ['evidence', (e) => JSON.stringify(e.evidence)],
  ['exempt_reason', (e) => e.exemption?.reason ?? ''],
  ['exempt_expires', (e) => e.exemption?.expires ?? ''],
  ['remediation_text', (e) => e.remediation.text],
  ['remediation_url', (e) => e.remediation.url],
  ['compliance_ids', (e) => (e.finding.Compliance.RelatedRequirements ?? []).join(';')],
  ['finding_id', (e) => e.finding.Id],
  ['first_observed_at', (e) => e.finding.FirstObservedAt],
  ['last_observed_at', (e) => e.finding.LastObservedAt],
  ['updated_at', (e) => e.finding.UpdatedAt],
];

const STATUS_ORDER: Record<EntryStatus, number> = { FAILED: 0, ERROR: 1, PASSED: 2, ARCHIVED: 3 };

// Spreadsheets evaluate a cell starting with one of these as a formula; resource names
// and tags are chosen by whoever controls the account, so such cells are neutralised.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function renderCsv(entries: readonly ReportEntry[]): string {
  const rows = [COLUMNS.map(([header]) => header), ...entries.map(redactEntry).sort(compareEntries).map((entry) => COLUMNS.map(([, value]) => value(entry)))];
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

function csvField(raw: string): string {
  const value = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** FAILED (most severe first), ERROR, PASSED, ARCHIVED; then account, region, check, resource. */
function compareEntries(a: ReportEntry, b: ReportEntry): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    severityRank(b.finding.Severity.Label) - severityRank(a.finding.Severity.Label) ||
    compareText(a.accountId, b.accountId) ||
    compareText(a.region, b.region) ||
    compareText(a.checkId, b.checkId) ||
    compareText(a.resourceId, b.resourceId) ||
    compareText(a.resourceArn, b.resourceArn)
  );
}

// Code-unit order, so the output does not depend on the machine's locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
