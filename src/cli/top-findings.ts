/** The worst failing findings of a run, one aligned line each, fitted to the terminal. */
import type { FailingEntry } from '../pipeline/top-failing.js';
import { redact } from '../util/redact.js';
import { padVisible, PLAIN, truncate, type Style } from './style.js';

export const DEFAULT_TOP = 10;

const INDENT = '  ';
const GAP = '  ';
const CHECK_MAX = 53;
const RESOURCE_MAX = 28;
const SUMMARY_MIN = 20;

/** The resource as a person names it: its id, or, when the id is an ARN, the ARN's resource without its type (db:x, security-group/x). */
export function shortResource(entry: Pick<FailingEntry, 'resourceId' | 'resourceArn'>): string {
  const id = entry.resourceId || entry.resourceArn;
  if (!id.startsWith('arn:')) return id;
  const resource = id.split(':').slice(5).join(':');
  const typeEnd = resource.search(/[:/]/);
  return (typeEnd < 0 ? resource : resource.slice(typeEnd + 1)) || id;
}

export interface TopFindingsOptions {
  /** Columns available, the indent included. */
  width: number;
  style?: Style;
  /** The file that lists them all (report.html, else findings.csv). */
  moreIn?: string;
  /** What the list is called in its heading. */
  heading?: string;
}

export function renderTopFindings(failing: { top: readonly FailingEntry[]; total: number }, options: TopFindingsOptions): string {
  if (failing.top.length === 0) return '';
  const style = options.style ?? PLAIN;
  const rows = failing.top.map((e) => ({ severity: e.severity, check: e.checkId, resource: redact(shortResource(e)), summary: redact(e.summary).replace(/\s+/g, ' ') }));
  const severityWidth = Math.max(...rows.map((r) => r.severity.length));
  let checkWidth = Math.min(CHECK_MAX, Math.max(...rows.map((r) => r.check.length)));
  let resourceWidth = Math.min(RESOURCE_MAX, Math.max(...rows.map((r) => r.resource.length)));
  const fixed = (): number => INDENT.length + severityWidth + checkWidth + resourceWidth + 3 * GAP.length;
  // A narrow terminal: the resource, then the check id give way so the summary keeps a readable width.
  resourceWidth = Math.max(Math.min(resourceWidth, 16), resourceWidth - Math.max(0, SUMMARY_MIN - (options.width - fixed())));
  checkWidth = Math.max(Math.min(checkWidth, 24), checkWidth - Math.max(0, SUMMARY_MIN - (options.width - fixed())));
  const summaryWidth = Math.max(1, options.width - fixed());
  const lines = [`${options.heading ?? 'top failing findings'} (${failing.total} unexempted FAILED, worst first):`];
  for (const row of rows) {
    lines.push([
      INDENT + padVisible(style.severity(row.severity), severityWidth),
      padVisible(truncate(row.check, checkWidth), checkWidth),
      padVisible(truncate(row.resource, resourceWidth), resourceWidth),
      truncate(row.summary, summaryWidth),
    ].join(GAP).trimEnd());
  }
  const more = failing.total - failing.top.length;
  if (more > 0) lines.push(`${INDENT}${more} more${options.moreIn ? ` in ${options.moreIn}` : ''}`);
  return `${lines.join('\n')}\n`;
}
