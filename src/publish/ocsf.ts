/**
 * findings.ocsf.json: each finding as an OCSF 1.6.0 Compliance Finding (class_uid 2003).
 *
 * Why this class and version: rampart's results are configuration checks of a resource
 * against controls (FSBP, CIS, NIST), which is what Compliance Finding describes and what
 * the new Security Hub emits for its own control results (Security Hub reads OCSF 1.6).
 * Prowler writes Detection Finding (2004, OCSF 1.1) for the same kind of check, but a
 * Detection Finding has no `compliance` object, so the pass/fail per control and the
 * requirements would end up in unmapped fields. The cloud profile is applied (`cloud`).
 *
 * Mapping of rampart's statuses:
 * - compliance.status_id: PASSED → 1 Pass, FAILED → 3 Fail, ERROR (not evaluated) →
 *   2 Warning ("did not yield a result due to missing information"). An ARCHIVED finding
 *   keeps the compliance status it was last published with.
 * - status_id (the finding's workflow): FAILED → 1 New, or 3 Suppressed when exempted;
 *   PASSED → 4 Resolved (as Security Hub resolves passed controls); ERROR → 1 New (to be
 *   looked at); ARCHIVED (resource gone, check retired) → 5 Archived.
 * - activity_id: 1 Create on the first sighting, 2 Update on later runs, 3 Close for an
 *   archived finding; type_uid = 2003 * 100 + activity_id.
 *
 * The text comes from the redacted ASFF finding and the redacted entry, so a secret an
 * AWS error quoted never reaches the file.
 */
import type { Severity } from '../core/check.js';
import { redactFinding } from '../findings/build.js';
import { FRAMEWORKS, parseRequirement } from '../findings/compliance.js';
import type { ComplianceStatus } from '../findings/types.js';
import { redactEntry } from './redact-report.js';
import type { EntryStatus, FileEntry } from './report-model.js';

export const OCSF_VERSION = '1.6.0';
export const COMPLIANCE_FINDING = { class_uid: 2003, class_name: 'Compliance Finding', category_uid: 2, category_name: 'Findings' } as const;

export const ACTIVITIES = { 1: 'Create', 2: 'Update', 3: 'Close' } as const;
type ActivityId = keyof typeof ACTIVITIES;

export const SEVERITY_IDS: Record<Severity, { id: number; caption: string }> = {
  INFORMATIONAL: { id: 1, caption: 'Informational' },
  LOW: { id: 2, caption: 'Low' },
  MEDIUM: { id: 3, caption: 'Medium' },
  HIGH: { id: 4, caption: 'High' },
  CRITICAL: { id: 5, caption: 'Critical' },
};

export const FINDING_STATUS_IDS = { New: 1, Suppressed: 3, Resolved: 4, Archived: 5 } as const;
type FindingStatus = keyof typeof FINDING_STATUS_IDS;

export const COMPLIANCE_STATUS_IDS = { Pass: 1, Warning: 2, Fail: 3 } as const;
type ComplianceCaption = keyof typeof COMPLIANCE_STATUS_IDS;

const COMPLIANCE_CAPTION: Record<ComplianceStatus, ComplianceCaption> = { PASSED: 'Pass', FAILED: 'Fail', WARNING: 'Warning', NOT_AVAILABLE: 'Warning' };

export interface OcsfResource {
  uid: string;
  name: string;
  type: string;
  region: string;
  cloud_partition: string;
  labels?: string[];
}

export interface OcsfComplianceFinding {
  class_uid: 2003;
  class_name: string;
  category_uid: 2;
  category_name: string;
  activity_id: ActivityId;
  activity_name: string;
  type_uid: number;
  type_name: string;
  time: number;
  severity_id: number;
  severity: string;
  status_id: number;
  status: string;
  message: string;
  metadata: { version: string; profiles: string[]; event_code: string; uid: string; product: { name: string; vendor_name: string; version: string; uid: string } };
  cloud: { provider: 'AWS'; region: string; cloud_partition: string; account: { uid: string; type: string; type_id: 10 } };
  finding_info: { uid: string; title: string; desc: string; types: string[]; created_time: number; first_seen_time: number; last_seen_time: number; modified_time: number };
  compliance: { control: string; standards: string[]; requirements: string[]; status_id: number; status: string; status_code: string; status_detail: string };
  remediation: { desc: string; references?: string[] };
  resources: OcsfResource[];
  unmapped: Record<string, string>;
}

function findingStatus(status: EntryStatus, exempted: boolean): FindingStatus {
  if (status === 'ARCHIVED') return 'Archived';
  if (status === 'PASSED') return 'Resolved';
  return status === 'FAILED' && exempted ? 'Suppressed' : 'New';
}

function activity(entry: FileEntry): ActivityId {
  if (entry.status === 'ARCHIVED') return 3;
  return entry.finding.FirstObservedAt === entry.finding.UpdatedAt ? 1 : 2;
}

const epochMs = (iso: string): number => Date.parse(iso);

export function toOcsf(fileEntry: FileEntry): OcsfComplianceFinding {
  const finding = redactFinding(fileEntry.finding);
  const entry = redactEntry(fileEntry);
  const activityId = activity(fileEntry);
  const severity = SEVERITY_IDS[finding.Severity.Label];
  const workflow = findingStatus(entry.status, entry.exemption !== undefined);
  const compliance = COMPLIANCE_CAPTION[finding.Compliance.Status];
  const requirements = finding.Compliance.RelatedRequirements ?? [];
  const standards = FRAMEWORKS.filter((framework) => requirements.some((r) => parseRequirement(r)?.framework === framework)).map((f) => f.name);
  const url = finding.Remediation.Recommendation.Url;
  return {
    ...COMPLIANCE_FINDING,
    activity_id: activityId,
    activity_name: ACTIVITIES[activityId],
    type_uid: COMPLIANCE_FINDING.class_uid * 100 + activityId,
    type_name: `${COMPLIANCE_FINDING.class_name}: ${ACTIVITIES[activityId]}`,
    // The time of this evaluation; the first sighting is finding_info.created_time.
    time: epochMs(finding.UpdatedAt),
    severity_id: severity.id,
    severity: severity.caption,
    status_id: FINDING_STATUS_IDS[workflow],
    status: workflow,
    message: finding.Description,
    metadata: {
      version: OCSF_VERSION,
      profiles: ['cloud'],
      event_code: entry.checkId,
      uid: finding.Id,
      product: { name: finding.ProductName, vendor_name: finding.CompanyName, version: finding.ProductFields['rampart/toolVersion'] ?? '', uid: finding.ProductArn },
    },
    cloud: { provider: 'AWS', region: entry.region, cloud_partition: finding.Resources[0]?.Partition ?? 'aws', account: { uid: entry.accountId, type: 'AWS Account', type_id: 10 } },
    finding_info: {
      uid: finding.Id,
      title: finding.Title,
      desc: finding.Description,
      types: finding.Types,
      created_time: epochMs(finding.CreatedAt),
      first_seen_time: epochMs(finding.FirstObservedAt),
      last_seen_time: epochMs(finding.LastObservedAt),
      modified_time: epochMs(finding.UpdatedAt),
    },
    compliance: {
      control: entry.checkId,
      // The standard is required by earlier 1.x versions; a check mapped to none is judged against rampart's own catalogue.
      standards: standards.length > 0 ? standards : ['rampart'],
      requirements,
      status_id: COMPLIANCE_STATUS_IDS[compliance],
      status: compliance,
      status_code: finding.Compliance.Status,
      status_detail: entry.summary,
    },
    remediation: { desc: finding.Remediation.Recommendation.Text, ...(url ? { references: [url] } : {}) },
    resources: finding.Resources.map((resource) => ({
      uid: resource.Id,
      name: entry.resourceId,
      type: resource.Type,
      region: resource.Region,
      cloud_partition: resource.Partition,
      ...(resource.Tags && Object.keys(resource.Tags).length > 0 ? { labels: Object.entries(resource.Tags).map(([key, value]) => `${key}=${value}`) } : {}),
    })),
    unmapped: { ...finding.ProductFields, ...(entry.exemption ? { 'rampart/exemption': entry.exemption.reason } : {}) },
  };
}
