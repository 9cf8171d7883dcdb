/**
 * What rampart says in Slack, as Block Kit: one message per finding (edited in place when it
 * changes or is resolved), the thread reply naming a change, a digest of many findings, and
 * the run summary. Pure functions of what the caller hands in.
 *
 * Everything from the audited account (resource ids, ARNs, tags, evidence, summaries) is
 * user-controlled: it is redacted, escaped for mrkdwn (&, <, >, so it cannot forge a link or a
 * mention) and bounded to Block Kit's limits (50 blocks, section text 3000, header 150,
 * 10 fields of 2000) before it goes into a block.
 */
import type { KnownBlock } from '@slack/web-api';
import type { Severity } from '../../core/check.js';
import { redact, redactJson } from '../../util/redact.js';
import { SEVERITY_ORDER, type CloseReason, type FindingChange, type ReportedFinding } from '../model.js';

export type Block = KnownBlock;

/** A message as chat.postMessage and chat.update take it: blocks, and the text notifications and screen readers show. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  /** Our own bound for the notification text (Slack truncates at 40 000). */
  text: 3000,
  /** The evidence code block inside one section. */
  evidence: 2500,
} as const;

const SEVERITY_EMOJI: Record<Severity, string> = {
  CRITICAL: ':red_circle:',
  HIGH: ':large_orange_circle:',
  MEDIUM: ':large_yellow_circle:',
  LOW: ':large_blue_circle:',
  INFORMATIONAL: ':white_circle:',
};

const ELLIPSIS = '…';

// ---------------------------------------------------------------------------
// Text helpers

/** mrkdwn control characters escaped, as Slack requires for text it should not interpret. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cut to at most `max` characters, ending in `suffix`; never splits an escape entity or a surrogate pair. */
export function truncate(text: string, max: number, suffix = ELLIPSIS): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - suffix.length));
  cut = cut.replace(/&[a-z]{0,3}$/, ''); // a partial &amp; / &lt; / &gt;
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + suffix;
}

/** Untrusted text made safe for mrkdwn: redacted, escaped, bounded. */
function safe(text: string, max: number): string {
  return truncate(escapeMrkdwn(redact(text)), max);
}

/** Plain text (headers): redacted and bounded; plain_text is not parsed for links or mentions. */
function plain(text: string, max: number): string {
  return truncate(redact(text).replace(/\s+/g, ' ').trim(), max);
}

/** `<url|label>` when the URL is http(s), else the escaped label. */
function link(url: string | undefined, label: string): string {
  const text = escapeMrkdwn(label).replace(/\|/g, '¦');
  if (url === undefined || !/^https?:\/\/[^\s<>|]+$/.test(url)) return text;
  return `<${url.replace(/&/g, '&amp;')}|${text}>`;
}

/** A timestamp as Slack renders it in the reader's time zone, with the ISO text as fallback. */
function slackDate(iso: string | undefined): string {
  if (iso === undefined) return 'unknown';
  const seconds = Math.floor(Date.parse(iso) / 1000);
  if (!Number.isFinite(seconds)) return escapeMrkdwn(iso);
  return `<!date^${seconds}^{date_short_pretty} {time}|${escapeMrkdwn(iso)}>`;
}

function mrkdwn(text: string): { type: 'mrkdwn'; text: string } {
  return { type: 'mrkdwn', text };
}

function section(text: string): Block {
  return { type: 'section', text: mrkdwn(truncate(text, LIMITS.sectionText)) };
}

function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: plain(text, LIMITS.headerText), emoji: true } };
}

function context(...texts: string[]): Block {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(truncate(t, LIMITS.sectionText))) };
}

function field(label: string, value: string): { type: 'mrkdwn'; text: string } {
  return mrkdwn(truncate(`*${label}*\n${value}`, LIMITS.fieldText));
}

/** A code span of untrusted text (backticks replaced so it cannot close the span). */
function code(text: string, max: number): string {
  return `\`${safe(text.replace(/`/g, "'"), max)}\``;
}

// ---------------------------------------------------------------------------
// One finding

export interface FindingDetail {
  /** Why a resolved finding was closed; inferred from the record when absent. */
  reason?: CloseReason;
  /** The Jira issue, once there is one. */
  ticket?: { key: string; url: string };
}

function closeReasonOf(finding: ReportedFinding): CloseReason {
  const { record } = finding;
  if (record.recordState === 'ARCHIVED' || record.pending?.recordState === 'ARCHIVED') return 'deleted';
  if (record.exemption) return 'exempted';
  return 'fixed';
}

function resolvedWording(finding: ReportedFinding, reason: CloseReason): { headline: string; when: string } {
  const { record } = finding;
  switch (reason) {
    case 'deleted':
      return {
        headline: `the resource no longer exists${record.archiveReason ? ` (${safe(record.archiveReason, 300)})` : ''}`,
        when: record.archivedAt ?? finding.scanTime,
      };
    case 'exempted':
      return {
        headline: `the finding is exempted${record.exemption ? `: ${safe(record.exemption.reason, 500)}${record.exemption.expires ? ` (until ${escapeMrkdwn(record.exemption.expires)})` : ''}` : ''}`,
        when: finding.scanTime,
      };
    case 'fixed':
      return { headline: 'fixed: the resource now passes the check', when: record.resolvedAt ?? finding.scanTime };
  }
}

function resourceLine(finding: ReportedFinding): string {
  const { resource } = finding.record;
  return `${code(resource.id || resource.arn, 300)} (${safe(resource.type, 100)})`;
}

/** The evidence as pretty JSON in a code block, redacted and bounded (the full text is in Security Hub and Jira). */
function evidenceBlock(finding: ReportedFinding): Block | undefined {
  const evidence = finding.record.evidence;
  if (Object.keys(evidence).length === 0) return undefined;
  const json = JSON.stringify(redactJson(evidence), null, 1).replace(/```/g, "'''");
  const escaped = escapeMrkdwn(json);
  const body = escaped.length <= LIMITS.evidence ? escaped : truncate(escaped, LIMITS.evidence, `\n${ELLIPSIS} (${escaped.length - LIMITS.evidence} more characters)`);
  return section(`*Evidence*\n\`\`\`${body}\`\`\``);
}

function tagsText(tags: Record<string, string>, max = 600): string | undefined {
  const entries = Object.entries(tags);
  if (entries.length === 0) return undefined;
  const shown = entries.slice(0, 10).map(([k, v]) => `${k}=${v}`).join(', ');
  return safe(entries.length > 10 ? `${shown}, and ${entries.length - 10} more` : shown, max);
}

/**
 * The message for one finding: a header with the severity and the check title, the essentials as
 * fields, the summary, the bounded evidence, the remediation link. `resolved` says why and when.
 */
export function findingMessage(finding: ReportedFinding, state: 'open' | 'resolved', detail: FindingDetail = {}): SlackMessage {
  const { record, meta } = finding;
  const title = meta?.title ?? record.title;
  const severity = record.severity;
  const blocks: Block[] = [];
  let text: string;

  if (state === 'resolved') {
    const reason = detail.reason ?? closeReasonOf(finding);
    const { headline, when } = resolvedWording(finding, reason);
    blocks.push(header(`:white_check_mark: Resolved (${reason}): ${title}`));
    blocks.push(section(`~${severity}~ *Resolved* — ${headline}, ${slackDate(when)}.`));
    text = truncate(`Resolved (${reason}): ${severity} ${escapeMrkdwn(title)}: ${safe(record.resource.id || record.resource.arn, 300)}`, LIMITS.text);
  } else {
    blocks.push(header(`${SEVERITY_EMOJI[severity]} ${severity} · ${title}`));
    text = truncate(
      `${severity} finding: ${escapeMrkdwn(title)}: ${safe(record.resource.id || record.resource.arn, 300)} in ${record.accountId} ${record.region}`,
      LIMITS.text,
    );
  }

  const fields = [
    field('Account', code(record.accountId, 100)),
    field('Region', code(record.region, 100)),
    field('Resource', resourceLine(finding)),
    field('Severity', `${SEVERITY_EMOJI[severity]} ${severity}`),
    field('First seen', slackDate(record.firstSeenAt)),
    field('Last seen', slackDate(finding.lastSeenAt)),
  ];
  if (detail.ticket) fields.push(field('Jira', link(detail.ticket.url, detail.ticket.key)));
  const tags = tagsText(record.resource.tags);
  if (tags) fields.push(field('Tags', tags));
  blocks.push({ type: 'section', fields: fields.slice(0, LIMITS.fields) });

  if (record.resource.arn && record.resource.arn !== record.resource.id) blocks.push(context(`ARN ${code(record.resource.arn, 1000)}`));
  if (record.summary) blocks.push(section(safe(record.summary, LIMITS.sectionText)));
  if (state === 'open') {
    const evidence = evidenceBlock(finding);
    if (evidence) blocks.push(evidence);
    if (meta) blocks.push(section(`*Remediation*\n${safe(meta.remediation.text, 2500)} ${link(meta.remediation.url, 'Documentation')}`));
  }
  const ids = [`check ${code(record.checkId, 200)}`];
  const compliance = meta ? [...(meta.compliance.fsbp ?? []).map((c) => `FSBP ${c}`), ...(meta.compliance.cis ?? []).map((c) => `CIS ${c}`)] : [];
  if (compliance.length > 0) ids.push(safe(compliance.join(', '), 500));
  blocks.push(context(...ids));
  return { text, blocks: blocks.slice(0, LIMITS.blocks) };
}

// ---------------------------------------------------------------------------
// A change, as a thread reply

const CHANGE_LABEL: Record<FindingChange['field'], string> = {
  severity: 'Severity',
  evidence: 'Evidence',
  tags: 'Tags',
  status: 'Status',
  summary: 'Summary',
};

/** The thread reply naming what changed (before → after) on the scan at `scanTime`. */
export function changeReply(changes: FindingChange[], scanTime: string): string {
  const head = `Changed on the scan of ${slackDate(scanTime)}:`;
  if (changes.length === 0) return `${head} nothing to report.`;
  const perChange = Math.max(200, Math.floor((LIMITS.text - head.length) / changes.length) - 20);
  const side = Math.floor((perChange - 40) / 2);
  const lines = changes.map((c) => {
    const short = c.before.length <= 60 && c.after.length <= 60 && !c.before.includes('\n') && !c.after.includes('\n');
    return short
      ? `• *${CHANGE_LABEL[c.field]}*: ${code(c.before || '(none)', side)} → ${code(c.after || '(none)', side)}`
      : `• *${CHANGE_LABEL[c.field]}*\n   before: ${code(c.before || '(none)', side)}\n   after: ${code(c.after || '(none)', side)}`;
  });
  return truncate([head, ...lines].join('\n'), LIMITS.text);
}

// ---------------------------------------------------------------------------
// Many findings in one message

export interface DigestOptions {
  /** How many findings the digest lists before "and N more" (default 40). */
  maxListed?: number;
  /** Jira issues by finding id, linked on their lines. */
  tickets?: ReadonlyMap<string, { key: string; url: string }>;
}

function bySeverity(a: ReportedFinding, b: ReportedFinding): number {
  return SEVERITY_ORDER.indexOf(a.record.severity) - SEVERITY_ORDER.indexOf(b.record.severity) || a.record.firstSeenAt.localeCompare(b.record.firstSeenAt);
}

function digestLine(finding: ReportedFinding, tickets: DigestOptions['tickets']): string {
  const { record } = finding;
  const ticket = tickets?.get(record.findingId);
  return truncate(
    `${SEVERITY_EMOJI[record.severity]} *${record.severity}* ${safe(finding.meta?.title ?? record.title, 200)}: ${code(record.resource.id || record.resource.arn, 200)} · ${code(record.accountId, 20)} ${escapeMrkdwn(record.region)}${ticket ? ` · ${link(ticket.url, ticket.key)}` : ''}`,
    700,
  );
}

/** One message for many findings (mode "digest"): most severe first, packed into sections, "and N more" past the limit. */
export function digestMessage(findings: ReportedFinding[], channel: string, options: DigestOptions = {}): SlackMessage {
  const sorted = [...findings].sort(bySeverity);
  const counts = countBySeverity(sorted.map((f) => f.record.severity));
  const countText = SEVERITY_ORDER.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(', ');
  const scanTime = findings[0]?.scanTime;
  const noun = findings.length === 1 ? 'finding' : 'findings';
  const blocks: Block[] = [header(`rampart: ${findings.length} ${noun} to look at`)];
  blocks.push(context(`${countText || 'none'} · ${safe(channel, 100)}${scanTime ? ` · scan of ${slackDate(scanTime)}` : ''}`));

  const maxListed = Math.max(0, options.maxListed ?? 40);
  // header + count context + "and N more" context leave 47 section blocks
  const maxSections = LIMITS.blocks - 3;
  let listed = 0;
  let current = '';
  for (const finding of sorted) {
    if (listed >= maxListed) break;
    const line = digestLine(finding, options.tickets);
    if (current.length > 0 && current.length + 1 + line.length > LIMITS.sectionText) {
      // this section, and the one the next line starts, must both fit
      if (blocks.length - 2 + 2 > maxSections) break;
      blocks.push(section(current));
      current = '';
    }
    current = current.length > 0 ? `${current}\n${line}` : line;
    listed += 1;
  }
  if (current.length > 0) blocks.push(section(current));
  const rest = findings.length - listed;
  if (rest > 0) blocks.push(context(`and ${rest} more (${rest === 1 ? 'it is' : 'they are'} in Security Hub and the rampart report)`));
  const text = truncate(`rampart: ${findings.length} ${noun} (${countText || 'none'})`, LIMITS.text);
  return { text, blocks: blocks.slice(0, LIMITS.blocks) };
}

// ---------------------------------------------------------------------------
// The run summary

export interface SummaryTotals {
  new: number;
  resolved: number;
  openBySeverity: Record<Severity, number>;
  topAccounts: Array<{ accountId: string; open: number }>;
  scanTime: string;
}

function countBySeverity(severities: Severity[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<Severity, number>;
  for (const s of severities) counts[s] += 1;
  return counts;
}

/** The run summary: new, resolved, still open by severity, the accounts with the most open findings. */
export function summaryMessage(totals: SummaryTotals): SlackMessage {
  const open = SEVERITY_ORDER.reduce((sum, s) => sum + (totals.openBySeverity[s] ?? 0), 0);
  const openLines = SEVERITY_ORDER.filter((s) => (totals.openBySeverity[s] ?? 0) > 0).map((s) => `${SEVERITY_EMOJI[s]} ${s}: ${totals.openBySeverity[s]}`);
  const accounts = totals.topAccounts.slice(0, 10).map((a, i) => `${i + 1}. ${code(a.accountId, 20)}: ${a.open} open`);
  const blocks: Block[] = [
    header('rampart scan summary'),
    { type: 'section', fields: [field('New', String(totals.new)), field('Resolved', String(totals.resolved)), field('Still open', String(open))] },
    section(`*Open by severity*\n${openLines.length > 0 ? openLines.join('\n') : 'nothing open :tada:'}`),
  ];
  if (accounts.length > 0) blocks.push(section(`*Top accounts*\n${accounts.join('\n')}`));
  blocks.push(context(`scan of ${slackDate(totals.scanTime)}`));
  const text = `rampart: ${totals.new} new, ${totals.resolved} resolved, ${open} open (${SEVERITY_ORDER.filter((s) => (totals.openBySeverity[s] ?? 0) > 0).map((s) => `${totals.openBySeverity[s]} ${s}`).join(', ') || 'none'})`;
  return { text: truncate(text, LIMITS.text), blocks };
}
