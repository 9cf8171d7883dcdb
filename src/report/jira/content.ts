/**
 * What a rampart Jira ticket says: its fields and its ADF description, and the comments
 * that follow the finding's life (changes, closing, reopening, replacement). Pure: no I/O.
 *
 * Everything that comes from an account (resource ids and names, tags, summaries,
 * evidence) goes into ADF text nodes, never into markup or link targets, and passes
 * through `redact` first; evidence is redacted with `redactJson` and bounded in size.
 */
import { sha256Hex } from '../../findings/ids.js';
import { redact, redactJson } from '../../util/redact.js';
import type { CloseReason, FindingChange, JiraRoute, ReportedFinding } from '../model.js';

// ---------------------------------------------------------------------------
// Atlassian Document Format

export interface AdfMark {
  type: 'strong' | 'em' | 'code' | 'link' | string;
  attrs?: Record<string, unknown>;
}

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: AdfMark[];
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/** The fields of one rampart issue, as the Jira client sends them. */
export interface TicketContent {
  project: string;
  issueType: string;
  /** At most 255 characters, one line. */
  summary: string;
  description: AdfDoc;
  labels: string[];
  priority?: string;
  components?: string[];
  parentKey?: string;
  assigneeAccountId?: string;
  /** YYYY-MM-DD. */
  duedate?: string;
}

export interface TicketContentOptions {
  /**
   * The AWS console origin for the Security Hub link, e.g. https://us-east-1.console.aws.amazon.com.
   * Derived from the finding's partition and region unless given; no link when neither works.
   */
  consoleBaseUrl?: string;
  /** Evidence JSON beyond this many characters is cut (default 8000). */
  evidenceMaxChars?: number;
  /** How to ask rampart to fix the finding (the Security Hub custom action), when it exists. */
  fixHint?: string;
}

/** Jira's limit on a summary. */
export const SUMMARY_MAX = 255;
export const DEFAULT_EVIDENCE_MAX_CHARS = 8000;
/** A comment's before/after values beyond this many characters are cut. */
const CHANGE_VALUE_MAX = 2000;
const MAX_TAGS_SHOWN = 30;

/** Control characters and line breaks become spaces; ADF text may hold anything else. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return redact(text).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** At most `max` UTF-16 units, never splitting a surrogate pair, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Keeps the start and the end (resource ids differ at the end as often as at the start). */
function middleTruncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return truncate(text, max);
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  let start = text.slice(0, head);
  let end = tail > 0 ? text.slice(text.length - tail) : '';
  if (/[\ud800-\udbff]$/.test(start)) start = start.slice(0, -1);
  if (/^[\udc00-\udfff]/.test(end)) end = end.slice(1);
  return `${start}…${end}`;
}

export function text(value: string, marks?: AdfMark[]): AdfNode {
  return marks && marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value };
}

const strong = (value: string): AdfNode => text(value, [{ type: 'strong' }]);
const code = (value: string): AdfNode => text(value, [{ type: 'code' }]);

/** A paragraph of inline nodes; empty text nodes (which Jira rejects) are dropped. */
export function paragraph(...inline: AdfNode[]): AdfNode {
  const content = inline.filter((n) => n.type !== 'text' || (n.text ?? '') !== '');
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

function heading(level: number, value: string): AdfNode {
  return { type: 'heading', attrs: { level }, content: [text(value)] };
}

function bulletList(items: AdfNode[][]): AdfNode {
  return { type: 'bulletList', content: items.map((inline) => ({ type: 'listItem', content: [paragraph(...inline)] })) };
}

function codeBlock(value: string, language?: string): AdfNode {
  const node: AdfNode = { type: 'codeBlock', content: value === '' ? [] : [text(value)] };
  if (language) node.attrs = { language };
  return node;
}

/** A link when the target is http(s), else the label followed by the target as plain text. */
function link(label: string, href: string): AdfNode[] {
  let ok = false;
  try {
    const url = new URL(href);
    ok = url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    ok = false;
  }
  return ok ? [text(label, [{ type: 'link', attrs: { href } }])] : [text(`${label}: ${clean(href)}`)];
}

function doc(...content: AdfNode[]): AdfDoc {
  return { type: 'doc', version: 1, content };
}

/** `Label: value` as a list item's inline content. */
function field(label: string, ...value: AdfNode[]): AdfNode[] {
  return [strong(`${label}: `), ...value];
}

// ---------------------------------------------------------------------------
// Ticket fields

/** The label that lets a crashed run adopt its orphan issue: `rampart-` + 16 hex of sha256(finding id). */
export function stableLabel(findingId: string): string {
  return `rampart-${sha256Hex(findingId).slice(0, 16)}`;
}

export const RAMPART_LABEL = 'rampart';

/** Labels as Jira accepts them: no whitespace, not empty, at most 255 characters, no duplicates. */
export function ticketLabels(routeLabels: readonly string[], findingId: string): string[] {
  const labels = [...routeLabels.map((l) => l.trim().replace(/\s+/g, '-')).filter((l) => l !== '').map((l) => l.slice(0, 255)), RAMPART_LABEL, stableLabel(findingId)];
  return [...new Set(labels)];
}

/** `[SEVERITY] <check title>: <resource id>`, one line, within Jira's 255 characters. */
export function ticketSummary(finding: ReportedFinding): string {
  const { record, meta } = finding;
  const prefix = `[${record.severity}] `;
  const title = clean(meta?.title ?? record.title).trim();
  let resource = clean(record.resource.id).trim();
  const full = `${prefix}${title}: ${resource}`;
  if (full.length <= SUMMARY_MAX) return full;
  // Keep the resource recognisable (its start and end), then give the title what is left.
  resource = middleTruncate(resource, Math.min(resource.length, 100));
  const room = SUMMARY_MAX - prefix.length - 2 - resource.length;
  return `${prefix}${truncate(title, Math.max(room, 1))}: ${resource}`.slice(0, SUMMARY_MAX);
}

/** The date `days` after `iso` (UTC), as YYYY-MM-DD; undefined when the time does not parse. */
export function dueDate(iso: string, days: number): string | undefined {
  const start = Date.parse(iso);
  if (Number.isNaN(start) || !Number.isFinite(days)) return undefined;
  return new Date(start + Math.round(days) * 86_400_000).toISOString().slice(0, 10);
}

const CONSOLE_HOSTS: Record<string, (region: string) => string> = {
  aws: (region) => `https://${region}.console.aws.amazon.com`,
  'aws-cn': (region) => `https://${region}.console.amazonaws.cn`,
  'aws-us-gov': (region) => `https://${region}.console.amazonaws-us-gov.com`,
};

/**
 * The finding in the Security Hub console: the findings page filtered on `Id EQUALS <id>`.
 * The console reads the filter from the fragment, encoded twice (the `\operator\:EQUALS\:`
 * prefix as well as the value), as the console itself writes it.
 */
export function securityHubFindingUrl(findingId: string, region: string, partition = 'aws', consoleBaseUrl?: string): string | undefined {
  const base = consoleBaseUrl?.replace(/\/+$/, '') ?? CONSOLE_HOSTS[partition]?.(region);
  if (!base) return undefined;
  const value = encodeURIComponent(encodeURIComponent(findingId));
  return `${base}/securityhub/home?region=${encodeURIComponent(region)}#/findings?search=Id%3D%255Coperator%255C%253AEQUALS%255C%253A${value}`;
}

/** Evidence as pretty JSON, redacted, cut at `max` characters with a note saying so. */
export function evidenceText(evidence: unknown, max = DEFAULT_EVIDENCE_MAX_CHARS): string {
  const json = JSON.stringify(redactJson(evidence ?? {}), null, 2) ?? '{}';
  if (json.length <= max) return json;
  return `${truncate(json, max)}\n… (cut: ${json.length} characters in all; the whole evidence is in the Security Hub finding)`;
}

function complianceItems(finding: ReportedFinding): AdfNode[][] {
  const compliance = finding.meta?.compliance;
  if (!compliance) return [];
  const rows: [string, string[] | undefined][] = [
    ['AWS FSBP', compliance.fsbp],
    ['CIS AWS Foundations', compliance.cis],
    ['NIST 800-53', compliance.nist],
  ];
  return rows.filter(([, ids]) => ids && ids.length > 0).map(([label, ids]) => field(label, text((ids as string[]).join(', '))));
}

export function ticketDescription(finding: ReportedFinding, options: TicketContentOptions = {}): AdfDoc {
  const { record, meta } = finding;
  const content: AdfNode[] = [];
  const summary = clean(record.summary).trim();
  if (summary !== '') content.push(paragraph(text(summary)));
  if (meta?.description) content.push(paragraph(text(clean(meta.description))));

  const consoleUrl = securityHubFindingUrl(record.findingId, record.region, record.resource.partition, options.consoleBaseUrl);
  const details: AdfNode[][] = [
    field('Severity', text(record.severity)),
    field('Account', text(clean(record.accountId))),
    field('Region', text(clean(record.region))),
    field('Resource', text(`${clean(record.resource.type)} ${clean(record.resource.id)}`)),
    field('Resource ARN', code(clean(record.resource.arn))),
    field('Check', code(clean(record.checkId))),
    field('First seen', text(record.firstSeenAt)),
    field('Last seen', text(finding.lastSeenAt)),
  ];
  if (consoleUrl) details.push(field('Security Hub', ...link('open the finding', consoleUrl)));
  content.push(heading(3, 'Finding'), bulletList(details));

  const tags = Object.entries(record.resource.tags ?? {});
  if (tags.length > 0) {
    const shown = tags.slice(0, MAX_TAGS_SHOWN).map(([key, value]) => [code(truncate(clean(key), 128)), text(` = ${truncate(clean(value), 256)}`)]);
    if (tags.length > MAX_TAGS_SHOWN) shown.push([text(`… and ${tags.length - MAX_TAGS_SHOWN} more`)]);
    content.push(heading(3, 'Resource tags'), bulletList(shown));
  }

  content.push(heading(3, 'Evidence'), codeBlock(evidenceText(record.evidence, options.evidenceMaxChars), 'json'));

  if (meta?.remediation) {
    content.push(heading(3, 'Remediation'));
    if (meta.remediation.text) content.push(paragraph(text(meta.remediation.text)));
    if (meta.remediation.url) content.push(paragraph(...link('Documentation', meta.remediation.url)));
  }
  if (options.fixHint) content.push(paragraph(strong('Fix with rampart: '), text(clean(options.fixHint))));

  const compliance = complianceItems(finding);
  if (compliance.length > 0) content.push(heading(3, 'Compliance'), bulletList(compliance));

  content.push(paragraph(text('Reported by rampart. Finding id: ', [{ type: 'em' }]), code(clean(record.findingId))));
  return doc(...content);
}

/** Everything a new issue for the finding carries. */
export function ticketContent(finding: ReportedFinding, route: JiraRoute, options: TicketContentOptions = {}): TicketContent {
  const content: TicketContent = {
    project: route.project,
    issueType: route.issueType,
    summary: ticketSummary(finding),
    description: ticketDescription(finding, options),
    labels: ticketLabels(route.labels, finding.record.findingId),
  };
  if (route.priority) content.priority = route.priority;
  if (route.components.length > 0) content.components = [...route.components];
  if (route.parentKey) content.parentKey = route.parentKey;
  if (route.assigneeAccountId) content.assigneeAccountId = route.assigneeAccountId;
  if (route.dueDays !== undefined) {
    const due = dueDate(finding.record.firstSeenAt, route.dueDays);
    if (due) content.duedate = due;
  }
  return content;
}

// ---------------------------------------------------------------------------
// Comments

const CHANGE_LABELS: Record<FindingChange['field'], string> = {
  severity: 'Severity',
  evidence: 'Evidence',
  tags: 'Resource tags',
  status: 'Status',
  summary: 'Summary',
};

/** One comment naming what changed, before → after. */
export function changeComment(changes: readonly FindingChange[], scanTime: string): AdfDoc {
  const content: AdfNode[] = [paragraph(text(`rampart's scan at ${scanTime} found ${changes.length === 1 ? 'a change' : `${changes.length} changes`} in this finding:`))];
  const inline: AdfNode[][] = [];
  for (const change of changes) {
    const label = CHANGE_LABELS[change.field] ?? change.field;
    if (change.field === 'evidence') {
      if (inline.length > 0) content.push(bulletList(inline.splice(0)));
      content.push(paragraph(strong(`${label} before:`)), codeBlock(truncate(redact(change.before), CHANGE_VALUE_MAX), 'json'));
      content.push(paragraph(strong(`${label} after:`)), codeBlock(truncate(redact(change.after), CHANGE_VALUE_MAX), 'json'));
      continue;
    }
    inline.push(field(label, text(truncate(clean(change.before), CHANGE_VALUE_MAX) || '(none)'), text(' → '), text(truncate(clean(change.after), CHANGE_VALUE_MAX) || '(none)')));
  }
  if (inline.length > 0) content.push(bulletList(inline));
  return doc(...content);
}

const CLOSE_REASONS: Record<CloseReason, string> = {
  fixed: 'the finding passed',
  deleted: 'the resource no longer exists (the finding is archived)',
  exempted: 'the finding is now exempted',
};

/** Why rampart closes the issue, and when. */
export function closeComment(reason: CloseReason, scanTime: string, detail?: string): AdfDoc {
  const lines = [paragraph(text(`Resolved: in rampart's scan at ${scanTime} ${CLOSE_REASONS[reason]}. rampart closes this issue.`))];
  const extra = detail === undefined ? '' : clean(detail).trim();
  if (extra !== '') lines.push(paragraph(strong(reason === 'exempted' ? 'Exemption: ' : 'Detail: '), text(truncate(extra, CHANGE_VALUE_MAX))));
  return doc(...lines);
}

export function reopenComment(scanTime: string): AdfDoc {
  return doc(paragraph(text(`The finding failed again in rampart's scan at ${scanTime}: rampart reopens this issue.`)));
}

/** On the new issue that follows a finding whose old issue the workflow cannot reopen. */
export function replacedComment(oldKey: string): AdfDoc {
  return doc(paragraph(text(`This finding was reported before in ${clean(oldKey)}, which is closed and cannot be reopened; this issue follows it from now on.`)));
}

/** On the old, closed issue: where the finding is followed now. */
export function supersededComment(newKey: string): AdfDoc {
  return doc(paragraph(text(`The finding failed again; this issue cannot be reopened, so rampart follows it in ${clean(newKey)}.`)));
}
