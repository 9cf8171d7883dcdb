/** The finding fields the front filters, sorts and groups by, and where each lives in an ASFF finding. */
import { invalidInput, isObject, type JsonObject } from './wire.js';

export type Kind = 'string' | 'number' | 'date' | 'map' | 'boolean';

export interface Field {
  kind: Kind;
  /** Dotted path into the finding; arrays on the way are flattened (Resources.Id is every resource's Id). */
  path: string;
}

const field = (kind: Kind, path: string): Field => ({ kind, path });

export const FIELDS: ReadonlyMap<string, Field> = new Map<string, Field>([
  ['ProductArn', field('string', 'ProductArn')],
  ['AwsAccountId', field('string', 'AwsAccountId')],
  ['AwsAccountName', field('string', 'AwsAccountName')],
  ['Id', field('string', 'Id')],
  ['GeneratorId', field('string', 'GeneratorId')],
  ['Region', field('string', 'Region')],
  ['Type', field('string', 'Types')],
  ['SeverityLabel', field('string', 'Severity.Label')],
  ['Title', field('string', 'Title')],
  ['Description', field('string', 'Description')],
  ['RecommendationText', field('string', 'Remediation.Recommendation.Text')],
  ['SourceUrl', field('string', 'SourceUrl')],
  ['ProductName', field('string', 'ProductName')],
  ['CompanyName', field('string', 'CompanyName')],
  ['ResourceType', field('string', 'Resources.Type')],
  ['ResourceId', field('string', 'Resources.Id')],
  ['ResourcePartition', field('string', 'Resources.Partition')],
  ['ResourceRegion', field('string', 'Resources.Region')],
  ['ResourceAwsS3BucketOwnerId', field('string', 'Resources.Details.AwsS3Bucket.OwnerId')],
  ['ResourceAwsS3BucketOwnerName', field('string', 'Resources.Details.AwsS3Bucket.OwnerName')],
  ['ResourceAwsEc2InstanceType', field('string', 'Resources.Details.AwsEc2Instance.Type')],
  ['ResourceAwsEc2InstanceImageId', field('string', 'Resources.Details.AwsEc2Instance.ImageId')],
  ['ResourceAwsEc2InstanceVpcId', field('string', 'Resources.Details.AwsEc2Instance.VpcId')],
  ['ResourceAwsEc2InstanceSubnetId', field('string', 'Resources.Details.AwsEc2Instance.SubnetId')],
  ['ResourceAwsIamAccessKeyStatus', field('string', 'Resources.Details.AwsIamAccessKey.Status')],
  ['ResourceAwsIamUserUserName', field('string', 'Resources.Details.AwsIamUser.UserName')],
  ['ComplianceStatus', field('string', 'Compliance.Status')],
  ['ComplianceSecurityControlId', field('string', 'Compliance.SecurityControlId')],
  ['ComplianceAssociatedStandardsId', field('string', 'Compliance.AssociatedStandards.StandardsId')],
  ['VerificationState', field('string', 'VerificationState')],
  ['WorkflowState', field('string', 'WorkflowState')],
  ['WorkflowStatus', field('string', 'Workflow.Status')],
  ['RecordState', field('string', 'RecordState')],
  ['RelatedFindingsProductArn', field('string', 'RelatedFindings.ProductArn')],
  ['RelatedFindingsId', field('string', 'RelatedFindings.Id')],
  ['NoteText', field('string', 'Note.Text')],
  ['NoteUpdatedBy', field('string', 'Note.UpdatedBy')],
  ['FindingProviderFieldsSeverityLabel', field('string', 'FindingProviderFields.Severity.Label')],
  ['FindingProviderFieldsSeverityOriginal', field('string', 'FindingProviderFields.Severity.Original')],
  ['FindingProviderFieldsTypes', field('string', 'FindingProviderFields.Types')],
  ['FindingProviderFieldsRelatedFindingsId', field('string', 'FindingProviderFields.RelatedFindings.Id')],
  ['FindingProviderFieldsRelatedFindingsProductArn', field('string', 'FindingProviderFields.RelatedFindings.ProductArn')],
  ['SeverityProduct', field('number', 'Severity.Product')],
  ['SeverityNormalized', field('number', 'Severity.Normalized')],
  ['Confidence', field('number', 'Confidence')],
  ['Criticality', field('number', 'Criticality')],
  ['FindingProviderFieldsConfidence', field('number', 'FindingProviderFields.Confidence')],
  ['FindingProviderFieldsCriticality', field('number', 'FindingProviderFields.Criticality')],
  ['FirstObservedAt', field('date', 'FirstObservedAt')],
  ['LastObservedAt', field('date', 'LastObservedAt')],
  ['CreatedAt', field('date', 'CreatedAt')],
  ['UpdatedAt', field('date', 'UpdatedAt')],
  ['NoteUpdatedAt', field('date', 'Note.UpdatedAt')],
  ['ProductFields', field('map', 'ProductFields')],
  ['UserDefinedFields', field('map', 'UserDefinedFields')],
  ['ResourceTags', field('map', 'Resources.Tags')],
  ['ResourceDetailsOther', field('map', 'Resources.Details.Other')],
  ['Sample', field('boolean', 'Sample')],
]);

/** Every value at a dotted path, arrays flattened. */
export function valuesAt(finding: JsonObject, path: string): unknown[] {
  let current: unknown[] = [finding];
  for (const key of path.split('.')) {
    current = current
      .map((value) => (isObject(value) ? value[key] : undefined))
      .flatMap((value) => (Array.isArray(value) ? (value as unknown[]) : [value]))
      .filter((value) => value !== undefined && value !== null);
  }
  return current;
}

export function knownField(name: string, where: string): Field {
  const found = FIELDS.get(name);
  if (!found) throw invalidInput(`Invalid parameter '${where}': the field ${name} is not supported by the local Security Hub front (src/emulator/securityhub-front/fields.ts)`);
  return found;
}
