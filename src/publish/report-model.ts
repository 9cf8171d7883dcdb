/** What the file writers (ASFF, OCSF, CSV, HTML) and the terminal summary receive. */
import type { Evidence, Severity } from '../core/check.js';
import type { AsffFinding } from '../findings/types.js';

export type EntryStatus = 'PASSED' | 'FAILED' | 'ERROR' | 'ARCHIVED';

/** What the CSV and HTML reports read of a finding (all a report keeps of it in memory). */
export type ReportFinding = Pick<AsffFinding, 'Id' | 'Severity' | 'Description' | 'FirstObservedAt' | 'LastObservedAt' | 'UpdatedAt' | 'Compliance'>;

export interface ReportEntry {
  finding: ReportFinding;
  status: EntryStatus;
  checkId: string;
  checkTitle: string;
  service: string;
  /** The check's severity (after config overrides), also for PASSED results. */
  severity: Severity;
  accountId: string;
  region: string;
  resourceType: string;
  resourceArn: string;
  resourceId: string;
  summary: string;
  evidence: Evidence;
  remediation: { text: string; url: string };
  exemption?: { reason: string; expires?: string };
}

export interface CollectionFailure {
  accountId: string;
  region: string;
  collector: string;
  checks: string[];
  message: string;
}

export interface PublishCounts {
  imported: number;
  failed: number;
  unchanged: number;
  archived: number;
  suppressed: number;
  /** Changes Security Hub has not accepted (or that were not sent): retried next run. */
  pending: number;
}

export interface ScanSummary {
  tool: { name: string; version: string };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  accounts: string[];
  regions: string[];
  checksRun: number;
  resources: number;
  /** status → severity → count, over this run's results (archived findings excluded). */
  counts: Record<'PASSED' | 'FAILED' | 'ERROR', Record<Severity, number>>;
  /** FAILED findings kept FAILED because their latest evaluation failed (counted as FAILED above). */
  keptFailed: number;
  /** FAILED findings not re-evaluated because their check did not complete (left as they were). */
  notReevaluated: number;
  collectionFailures: CollectionFailure[];
  publish: PublishCounts;
  /** Wall time by phase, in ms; reconcile, publish and record are summed over scopes and overlap collection. */
  phases: { collectMs: number; reconcileMs: number; publishMs: number; recordMs: number };
  /**
   * One line per problem publishing, recording or writing the results (publish failures,
   * disabled Security Hub…): the results are complete, not all were delivered. Results
   * missing from the run are in collectionFailures instead.
   */
  problems: string[];
  /** Who ran the scan, for the report (the command line is redacted). */
  runBy?: { callerArn?: string; profile?: string; commandLine?: string };
}

/** An entry as the pipeline hands it to the files: with the whole finding, for findings.asff.json and findings.ocsf.json. */
export interface FileEntry extends ReportEntry {
  finding: AsffFinding;
}
