/**
 * What the reporting step's parts share: a finding as reported, where it is
 * routed, and what changed. The Jira and Slack modules build their content
 * from these and never read the record table themselves.
 */
import type { CheckMetadata, Severity } from '../core/check.js';
import type { FindingRecord } from '../state/record.js';

/** A finding as the report step hands it to Jira and Slack. */
export interface ReportedFinding {
  record: FindingRecord;
  /** The check's metadata; undefined when the check has left the catalogue. */
  meta?: CheckMetadata;
  /** When the finding was last confirmed (effectiveLastSeen). */
  lastSeenAt: string;
  /** The time of the scan the report follows. */
  scanTime: string;
}

/** Where a finding's ticket goes, after the config's defaults, account and tag overrides and the owner. */
export interface JiraRoute {
  project: string;
  issueType: string;
  /** Jira priority name for the finding's severity, when configured. */
  priority?: string;
  labels: string[];
  components: string[];
  parentKey?: string;
  /** The owner's Jira accountId, when the owner could be resolved. */
  assigneeAccountId?: string;
  /** Days from the first sighting to the due date (per-severity SLA), when configured. */
  dueDays?: number;
}

export interface SlackRoute {
  channel: string;
  /** Slack user ids told directly (the resolved owner). */
  userIds: string[];
}

/** One difference between what was reported and what the finding is now. */
export interface FindingChange {
  field: 'severity' | 'evidence' | 'tags' | 'status' | 'summary';
  before: string;
  after: string;
}

export type CloseReason = 'fixed' | 'deleted' | 'exempted';

export const SEVERITY_ORDER: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
