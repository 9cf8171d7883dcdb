/** The ASFF shape rampart sends (a subset of AwsSecurityFinding, with the fields we set). */
import type { JsonValue, Severity } from '../core/check.js';

export type ComplianceStatus = 'PASSED' | 'FAILED' | 'WARNING' | 'NOT_AVAILABLE';
export type RecordState = 'ACTIVE' | 'ARCHIVED';

export interface AsffResource {
  Type: string;
  Id: string;
  Partition: string;
  Region: string;
  Tags?: Record<string, string>;
  Details?: Record<string, JsonValue>;
}

export interface AsffFinding {
  SchemaVersion: '2018-10-08';
  Id: string;
  ProductArn: string;
  ProductName: string;
  CompanyName: string;
  GeneratorId: string;
  AwsAccountId: string;
  Region: string;
  Types: string[];
  CreatedAt: string;
  UpdatedAt: string;
  FirstObservedAt: string;
  LastObservedAt: string;
  Severity: { Label: Severity; Original: string };
  Title: string;
  Description: string;
  Remediation: { Recommendation: { Text: string; Url?: string } };
  ProductFields: Record<string, string>;
  Resources: AsffResource[];
  Compliance: { Status: ComplianceStatus; RelatedRequirements?: string[]; SecurityControlId?: string };
  FindingProviderFields: { Severity: { Label: Severity; Original: string }; Types: string[] };
  RecordState: RecordState;
}
