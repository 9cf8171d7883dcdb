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
/** Partition key of a scope's own items (its marker and its digest shards). */
export const scopePk = (accountId: string, region: string): string => `SCOPE#${accountId}#${region}`;
export const MARKER_SK = 'MARKER';
export const DIGEST_SK_PREFIX = 'DIGEST#';

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
  /**
   * Hash of what a re-import would change: status, severity, evidence, tags, record state.
   * The record's status and recordState are what Security Hub accepted; a change it has not
   * accepted yet is in `pending` and is retried on every run.
   */
  fingerprint: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /** The UpdatedAt of the last finding built (Security Hub ignores updates that are not newer). */
  lastUpdatedAt: string;
  lastImportedAt?: string;
  importedFingerprint?: string;
  lastImportError?: string;
  /** A change Security Hub has not accepted yet (or was not sent: --no-securityhub). */
  pending?: PendingChange;
  /**
   * The latest evaluation of a FAILED resource failed: the finding stays FAILED with its last
   * known severity and evidence until a real evaluation says otherwise.
   */
  evaluationError?: { message: string; at: string };
  resolvedAt?: string;
  archivedAt?: string;
  /** Why the finding was archived (resource gone, check disabled or removed, pruned). */
  archiveReason?: string;
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

export interface PendingChange {
  status: ResultStatus;
  recordState: 'ACTIVE' | 'ARCHIVED';
  since: string;
  reason: string;
}

/**
 * One per scanned account and region: when each check last completed there. A finding's
 * effective "last seen" is the later of its record's lastSeenAt and its check's completion
 * here, so an unchanged re-scan writes this marker and nothing else.
 */
export interface ScopeMarker {
  pk: string;
  sk: typeof MARKER_SK;
  accountId: string;
  region: string;
  lastScanAt: string;
  /** checkId → the last time it completed in this scope. */
  checks: Record<string, string>;
  /** The record format the scope's digest follows. */
  format: number;
}

/** When the finding was last confirmed by a complete evaluation of its check. */
export function effectiveLastSeen(record: Pick<FindingRecord, 'lastSeenAt' | 'checkId' | 'recordState' | 'pending'>, marker?: Pick<ScopeMarker, 'checks'>): string {
  const watched = record.recordState === 'ACTIVE' && record.pending?.recordState !== 'ARCHIVED';
  const completed = watched ? marker?.checks[record.checkId] : undefined;
  return completed && completed > record.lastSeenAt ? completed : record.lastSeenAt;
}

/** The remediation step's sibling items are in remediations.ts, the reporting step's in outbox.ts. */

export function indexKeys(record: Pick<FindingRecord, 'status' | 'recordState' | 'region' | 'checkId' | 'accountId' | 'resource'>): Pick<FindingRecord, 'state' | 'scopeKey' | 'accountStateKey' | 'checkStateKey'> {
  const state: RecordStateKey = record.recordState === 'ARCHIVED' ? 'ARCHIVED' : record.status;
  return {
    state,
    scopeKey: `${record.region}#${record.checkId}#${record.resource.arn}`,
    accountStateKey: `${state}#${record.checkId}#${record.region}`,
    checkStateKey: `${state}#${record.accountId}#${record.region}`,
  };
}
