/** The one ASFF builder: a check result (or an archived record) becomes a Security Hub finding. */
import type { CheckMetadata, Evidence, Severity } from '../core/check.js';
import type { CheckResult } from '../core/result.js';
import type { ResourceRef } from '../core/resource.js';
import { redact, redactJson } from '../util/redact.js';
import { relatedRequirements } from './compliance.js';
import { findingId, productArn } from './ids.js';
import { enforceLimits, LIMITS, truncate } from './limits.js';
import type { AsffFinding, ComplianceStatus, RecordState } from './types.js';

export const TOOL_NAME = 'rampart';

export interface FindingTimes {
  /** The first sighting, from the record table (now for a new finding). */
  firstSeenAt: string;
  /** This run's time; must be later than the UpdatedAt Security Hub holds. */
  updatedAt: string;
  lastSeenAt: string;
}

export interface BuildInput {
  meta: CheckMetadata;
  result: CheckResult;
  times: FindingTimes;
  recordState: RecordState;
  version: string;
  /** The latest evaluation failed; the finding keeps its last known state (said in it). */
  evaluationError?: string;
  /** Why an archived finding was archived. */
  archiveReason?: string;
}

const COMPLIANCE: Record<CheckResult['status'], ComplianceStatus> = {
  PASSED: 'PASSED',
  FAILED: 'FAILED',
  ERROR: 'NOT_AVAILABLE',
};

/** Only a FAILED result carries the check's severity; PASSED and ERROR are informational. */
export function findingSeverity(result: Pick<CheckResult, 'status' | 'severity'>): Severity {
  return result.status === 'FAILED' ? result.severity : 'INFORMATIONAL';
}

/** Evidence as one ProductFields value (≤ 2048 characters), trimmed with a note when longer. */
export function evidenceField(evidence: Evidence): { value: string; truncated: boolean } {
  const full = JSON.stringify(evidence);
  if (full.length <= LIMITS.productFieldValue) return { value: full, truncated: false };
  const trimmed: Evidence = {};
  for (const [key, value] of Object.entries(evidence)) {
    trimmed[key] = Array.isArray(value) ? value.slice(0, 3) : value;
    if (Array.isArray(value) && value.length > 3) trimmed[`${key}Count`] = value.length;
  }
  const shorter = JSON.stringify(trimmed);
  return { value: truncate(shorter, LIMITS.productFieldValue), truncated: true };
}

function describe(meta: CheckMetadata, result: CheckResult, evaluationError?: string): string {
  const outcome = result.status === 'PASSED' ? 'Passed' : result.status === 'FAILED' ? 'Failed' : 'Could not be evaluated';
  const stale = evaluationError ? ` (last known state: the latest evaluation failed: ${evaluationError})` : '';
  return `${outcome}: ${result.summary}${stale} | ${meta.description}`;
}

function asffResource(resource: ResourceRef): AsffFinding['Resources'][number] {
  const out: AsffFinding['Resources'][number] = {
    Type: resource.type,
    Id: resource.arn,
    Partition: resource.partition,
    Region: resource.region,
  };
  const tags = Object.entries(resource.tags);
  if (tags.length > 0) out.Tags = Object.fromEntries(tags.slice(0, 50));
  if (resource.details && Object.keys(resource.details).length > 0) out.Details = resource.details;
  return out;
}

/**
 * The finding with its free text redacted: the Description and the
 * ProductFields values quote summaries, evidence and AWS errors. Resources are
 * left as they are: their ids are the finding's identity. Idempotent.
 */
export function redactFinding(finding: AsffFinding): AsffFinding {
  const fields = Object.entries(finding.ProductFields);
  const productFields = Object.fromEntries(fields.map(([key, value]) => [key, redact(value)]));
  const description = redact(finding.Description);
  const unchanged = description === finding.Description && fields.every(([key, value]) => productFields[key] === value);
  return unchanged ? finding : { ...finding, Description: description, ProductFields: productFields };
}

export function buildFinding(input: BuildInput): AsffFinding {
  const { meta, result, times } = input;
  const severity = findingSeverity(result);
  const evidence = evidenceField(redactJson(result.evidence));
  const productFields: Record<string, string> = {
    'rampart/toolName': TOOL_NAME,
    'rampart/toolVersion': input.version,
    'rampart/checkId': meta.id,
    'rampart/service': meta.service,
    'rampart/status': result.status,
    'rampart/checkSeverity': result.severity,
    'rampart/evidence': evidence.value,
  };
  for (const [key, value] of Object.entries(result.productFields ?? {})) productFields[`rampart/${key}`] = value;
  if (input.evaluationError) productFields['rampart/evaluationError'] = input.evaluationError;
  if (input.archiveReason) productFields['rampart/archiveReason'] = input.archiveReason;
  if (evidence.truncated) productFields['rampart/evidenceTruncated'] = 'true (the full evidence is in the rampart record table)';
  const requirements = relatedRequirements(meta.compliance);
  const finding: AsffFinding = {
    SchemaVersion: '2018-10-08',
    Id: findingId(result.accountId, result.region, meta.id, result.resource.arn),
    ProductArn: productArn(result.partition, result.region, result.accountId),
    ProductName: TOOL_NAME,
    CompanyName: TOOL_NAME,
    GeneratorId: meta.id,
    AwsAccountId: result.accountId,
    Region: result.region,
    Types: meta.findingTypes,
    CreatedAt: times.firstSeenAt,
    FirstObservedAt: times.firstSeenAt,
    UpdatedAt: times.updatedAt,
    LastObservedAt: times.lastSeenAt,
    Severity: { Label: severity, Original: result.severity },
    Title: meta.title,
    Description: describe(meta, result, input.evaluationError),
    Remediation: { Recommendation: { Text: meta.remediation.text, ...(meta.remediation.url ? { Url: meta.remediation.url } : {}) } },
    ProductFields: productFields,
    Resources: [asffResource(result.resource)],
    Compliance: { Status: COMPLIANCE[result.status], ...(requirements.length > 0 ? { RelatedRequirements: requirements } : {}) },
    FindingProviderFields: { Severity: { Label: severity, Original: result.severity }, Types: meta.findingTypes },
    RecordState: input.recordState,
  };
  // Redacted before the limits cut the text: a cut secret would no longer be recognised.
  return enforceLimits(redactFinding(finding));
}
