/**
 * The record table's item shapes. One FINDING item per finding, owned by the
 * scanner. Later pipeline steps keep their state for the same finding in
 * sibling items under the same partition key (sk TICKET, NOTIFICATION,
 * REMEDIATION#<time>), so a scan's batched writes never overwrite a ticket
 * reference or a remediation in flight, and one Query by pk returns it all.
 */
import type { Evidence, Severity } from '../core/check.js';
import type { ResultStatus } from '../core/result.js';
import type { ResourceRef } from '../core/resource.js';

export const FINDING_SK = 'FINDING';

/** FAILED, PASSED, ERROR, or ARCHIVED once the resource is gone. */
export type RecordStateKey = ResultStatus | 'ARCHIVED';

export interface FindingRecord {
  pk: string;
  sk: typeof FINDING_SK;
  findingId: string;
  accountId: string;
  region: string;
  checkId: string;
  service: string;
  resource: ResourceRef;
  status: ResultStatus;
  recordState: 'ACTIVE' | 'ARCHIVED';
  /** The check's severity after overrides. */
  severity: Severity;
  /** The label sent to Security Hub (INFORMATIONAL unless FAILED). */
  findingSeverity: Severity;
  title: string;
  summary: string;
  evidence: Evidence;
  /** Hash of what a re-import would change: status, severity, evidence, tags, record state. */
  fingerprint: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /** The UpdatedAt of the last finding built (Security Hub ignores updates that are not newer). */
  lastUpdatedAt: string;
  lastImportedAt?: string;
  importedFingerprint?: string;
  lastImportError?: string;
  resolvedAt?: string;
  archivedAt?: string;
  exemption?: { reason: string; expires?: string };
  /** The workflow status rampart last set through BatchUpdateFindings. */
  workflowSet?: 'SUPPRESSED' | 'NEW';
  // Index keys.
  state: RecordStateKey;
  /** `${region}#${checkId}#${resourceArn}`: the scan scope, for reconciliation. */
  scopeKey: string;
  /** `${state}#${checkId}#${region}`: open findings by account. */
  accountStateKey: string;
  /** `${state}#${accountId}#${region}`: findings of a check by status. */
  checkStateKey: string;
}

/** Sibling items the reporting and remediation steps own (written by those steps, never by a scan). */
export interface TicketItem {
  pk: string;
  sk: 'TICKET';
  system: 'jira';
  key: string;
  url?: string;
  state: string;
  updatedAt: string;
}

export interface NotificationItem {
  pk: string;
  sk: 'NOTIFICATION';
  channel: string;
  lastSentAt: string;
  lastStatus: RecordStateKey;
}

export interface RemediationItem {
  pk: string;
  sk: `REMEDIATION#${string}`;
  action: string;
  state: 'QUEUED' | 'BACKED_UP' | 'APPLIED' | 'FAILED' | 'ROLLED_BACK';
  backupLocation?: string;
  updatedAt: string;
}

export function indexKeys(record: Pick<FindingRecord, 'status' | 'recordState' | 'region' | 'checkId' | 'accountId' | 'resource'>): Pick<FindingRecord, 'state' | 'scopeKey' | 'accountStateKey' | 'checkStateKey'> {
  const state: RecordStateKey = record.recordState === 'ARCHIVED' ? 'ARCHIVED' : record.status;
  return {
    state,
    scopeKey: `${record.region}#${record.checkId}#${record.resource.arn}`,
    accountStateKey: `${state}#${record.checkId}#${record.region}`,
    checkStateKey: `${state}#${record.accountId}#${record.region}`,
  };
}
