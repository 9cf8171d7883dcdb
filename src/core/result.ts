/** What the runner produces for one (account, region, check, resource). */
import type { Evidence, Severity } from './check.js';
import type { ResourceRef } from './resource.js';

export type ResultStatus = 'PASSED' | 'FAILED' | 'ERROR';

export interface CheckResult {
  checkId: string;
  accountId: string;
  /** The region the finding lives in: the scanned region, or the home region for global inventories. */
  region: string;
  partition: string;
  resource: ResourceRef;
  status: ResultStatus;
  /** The check's severity after config overrides. */
  severity: Severity;
  summary: string;
  evidence: Evidence;
  /** Extra ProductFields for this finding (`rampart/<key>`), e.g. the remediation that fixed it. */
  productFields?: Record<string, string>;
}
