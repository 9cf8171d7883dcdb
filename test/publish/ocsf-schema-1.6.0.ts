/**
 * The attributes OCSF 1.6.0 requires of a Compliance Finding, and the enums rampart
 * uses, copied from the schema:
 *   https://schema.ocsf.io/1.6.0/classes/compliance_finding (class 2003, extends finding → base_event)
 *   https://schema.ocsf.io/1.6.0/profiles/cloud
 *   https://schema.ocsf.io/1.6.0/objects/{metadata,product,finding_info,compliance,cloud,remediation,resource_details}
 * (source: github.com/ocsf/ocsf-schema v1.6.0, events/base_event.json, events/findings/finding.json,
 * events/findings/compliance_finding.json, profiles/cloud.json, objects/*.json).
 * Paths are dotted; `[]` is every element of an array.
 */
export const OCSF_VERSION = '1.6.0';

export const REQUIRED_PATHS: readonly string[] = [
  // base_event
  'activity_id',
  'category_uid',
  'class_uid',
  'metadata',
  'severity_id',
  'time',
  'type_uid',
  // finding
  'finding_info',
  // compliance_finding
  'compliance',
  // the cloud profile
  'cloud',
  // objects
  'metadata.product',
  // product: name is required in the schema's objects/product.json, vendor_name in earlier 1.x releases
  'metadata.product.name',
  'metadata.product.vendor_name',
  'metadata.version',
  // compliance: standards is required (objects/compliance.json)
  'compliance.standards',
  'finding_info.uid',
  'cloud.provider',
  // remediation is recommended; when present, its desc is required
  'remediation.desc',
];

/** resource_details: at least one of these in each resource (a schema constraint). */
export const RESOURCE_AT_LEAST_ONE = ['name', 'uid'] as const;

export const ENUMS = {
  class_uid: [2003],
  category_uid: [2],
  /** finding.activity_id */
  activity_id: [0, 1, 2, 3, 99],
  /** base_event.severity_id */
  severity_id: [0, 1, 2, 3, 4, 5, 6, 99],
  /** finding.status_id */
  status_id: [0, 1, 2, 3, 4, 5, 6, 99],
  /** compliance.status_id: Pass, Warning, Fail */
  compliance_status_id: [1, 2, 3],
  /** account.type_id 10: AWS Account */
  account_type_id: [10],
} as const;
