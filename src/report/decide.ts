/**
 * What Jira and Slack must show for one finding, from its record and what was
 * last reported. Pure; the report step carries the decisions out. Decisions are
 * made afresh each run from the record, so an action that failed is simply
 * decided again next run: nothing is lost, and an unchanged finding costs nothing.
 */
import { severityRank, type Severity } from '../core/check.js';
import { canonicalJson, sha256Hex } from '../findings/ids.js';
import type { FindingRecord } from '../state/record.js';
import type { NotificationItem, Reported, TicketItem } from '../state/outbox.js';
import type { CloseReason, FindingChange } from './model.js';

const TEXT_LIMIT = 600;

const hash = (value: unknown): string => sha256Hex(canonicalJson(value)).slice(0, 16);
const bounded = (text: string): string => (text.length <= TEXT_LIMIT ? text : `${text.slice(0, TEXT_LIMIT - 1)}…`);

export function snapshot(record: FindingRecord): Reported {
  return {
    severity: record.severity,
    status: record.status,
    recordState: record.recordState,
    summary: record.summary,
    evidenceHash: hash(record.evidence),
    tagsHash: hash(record.resource.tags),
    evidenceText: bounded(JSON.stringify(record.evidence)),
    tagsText: bounded(JSON.stringify(record.resource.tags)),
  };
}

/** What changed since the report, field by field (before → after). */
export function changesSince(before: Reported, record: FindingRecord): FindingChange[] {
  const now = snapshot(record);
  const changes: FindingChange[] = [];
  if (before.severity !== now.severity) changes.push({ field: 'severity', before: before.severity, after: now.severity });
  if (before.evidenceHash !== now.evidenceHash) changes.push({ field: 'evidence', before: before.evidenceText, after: now.evidenceText });
  if (before.tagsHash !== now.tagsHash) changes.push({ field: 'tags', before: before.tagsText, after: now.tagsText });
  return changes;
}

export interface Reportable {
  /** Reporting is on for the finding's check and account. */
  enabled: boolean;
  minSeverity?: Severity;
}

/** A finding Jira and Slack should show as open: FAILED in Security Hub, not exempted, reporting on, severe enough. */
export function wantsReport(record: FindingRecord, reportable: Reportable): boolean {
  if (!reportable.enabled || record.status !== 'FAILED' || record.recordState !== 'ACTIVE' || record.exemption) return false;
  return !reportable.minSeverity || severityRank(record.severity) >= severityRank(reportable.minSeverity);
}

/** Why an open ticket or message closes; undefined when it stays (a configuration change alone closes nothing). */
export function closeReason(record: FindingRecord | undefined): CloseReason | undefined {
  if (!record || record.recordState === 'ARCHIVED') return 'deleted';
  if (record.exemption) return 'exempted';
  if (record.status === 'PASSED') return 'fixed';
  return undefined;
}

export type TicketAction =
  | { kind: 'create' }
  | { kind: 'adopt' }
  | { kind: 'update'; changes: FindingChange[] }
  | { kind: 'close'; reason: CloseReason }
  | { kind: 'reopen' }
  | { kind: 'none' };

export function ticketAction(record: FindingRecord | undefined, ticket: TicketItem | undefined, wanted: boolean): TicketAction {
  if (wanted) {
    if (!ticket) return { kind: 'create' };
    if (ticket.state === 'TICKET#CLAIMED' || !ticket.key) return { kind: 'adopt' };
    if (ticket.state === 'TICKET#CLOSED') return { kind: 'reopen' };
    const changes = ticket.reported && record ? changesSince(ticket.reported, record) : [];
    return changes.length > 0 ? { kind: 'update', changes } : { kind: 'none' };
  }
  if (ticket?.state !== 'TICKET#OPEN') return { kind: 'none' };
  const reason = closeReason(record);
  return reason ? { kind: 'close', reason } : { kind: 'none' };
}

export type NotificationAction =
  | { kind: 'post' }
  | { kind: 'update'; changes: FindingChange[] }
  | { kind: 'resolve'; reason: CloseReason }
  | { kind: 'none' };

export function notificationAction(record: FindingRecord | undefined, note: NotificationItem | undefined, wanted: boolean): NotificationAction {
  if (wanted) {
    if (!note || !note.ts || note.state !== 'NOTIFY#OPEN') return { kind: 'post' };
    const changes = note.reported && record ? changesSince(note.reported, record) : [];
    return changes.length > 0 ? { kind: 'update', changes } : { kind: 'none' };
  }
  if (note?.state !== 'NOTIFY#OPEN' || !note.ts) return { kind: 'none' };
  const reason = closeReason(record);
  return reason ? { kind: 'resolve', reason } : { kind: 'none' };
}
