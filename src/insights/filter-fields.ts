/**
 * Every attribute of AwsSecurityFindingFilters, by the kind of filter it takes. The lists are
 * checked against the SDK's type when compiled (a wrong kind or a missing attribute fails the
 * build), and only the type is imported: loading the definitions loads no SDK code.
 */
import type { AwsSecurityFindingFilters } from '@aws-sdk/client-securityhub';

export type FilterKind = 'string' | 'map' | 'date' | 'number' | 'boolean' | 'ip' | 'keyword';

type Filters = Required<AwsSecurityFindingFilters>;
type EntryOf<F extends keyof Filters> = NonNullable<Filters[F]> extends ReadonlyArray<infer E> ? E : never;
type KindOf<E> = 'Key' extends keyof E ? 'map'
  : 'DateRange' extends keyof E ? 'date'
  : 'Gte' extends keyof E ? 'number'
  : 'Cidr' extends keyof E ? 'ip'
  : 'Comparison' extends keyof E ? 'string'
  : E extends { Value?: boolean | undefined } ? 'boolean'
  : 'keyword';
type FieldsOf<K extends FilterKind> = { [F in keyof Filters]: KindOf<EntryOf<F>> extends K ? F : never }[keyof Filters];

const STRING_FIELDS = [
  'AwsAccountId', 'AwsAccountName', 'CompanyName', 'ComplianceAssociatedStandardsId', 'ComplianceSecurityControlId',
  'ComplianceSecurityControlParametersName', 'ComplianceSecurityControlParametersValue', 'ComplianceStatus', 'Description',
  'FindingProviderFieldsRelatedFindingsId', 'FindingProviderFieldsRelatedFindingsProductArn', 'FindingProviderFieldsSeverityLabel',
  'FindingProviderFieldsSeverityOriginal', 'FindingProviderFieldsTypes', 'GeneratorId', 'Id', 'MalwareName', 'MalwarePath', 'MalwareState',
  'MalwareType', 'NetworkDestinationDomain', 'NetworkDirection', 'NetworkProtocol', 'NetworkSourceDomain', 'NetworkSourceMac', 'NoteText',
  'NoteUpdatedBy', 'ProcessName', 'ProcessPath', 'ProductArn', 'ProductName', 'RecommendationText', 'RecordState', 'Region', 'RelatedFindingsId',
  'RelatedFindingsProductArn', 'ResourceApplicationArn', 'ResourceApplicationName', 'ResourceAwsEc2InstanceIamInstanceProfileArn',
  'ResourceAwsEc2InstanceImageId', 'ResourceAwsEc2InstanceKeyName', 'ResourceAwsEc2InstanceSubnetId', 'ResourceAwsEc2InstanceType',
  'ResourceAwsEc2InstanceVpcId', 'ResourceAwsIamAccessKeyPrincipalName', 'ResourceAwsIamAccessKeyStatus', 'ResourceAwsIamAccessKeyUserName',
  'ResourceAwsIamUserUserName', 'ResourceAwsS3BucketOwnerId', 'ResourceAwsS3BucketOwnerName', 'ResourceContainerImageId', 'ResourceContainerImageName',
  'ResourceContainerName', 'ResourceId', 'ResourceOwnerAccountId', 'ResourceOwnerOrgId', 'ResourcePartition', 'ResourceProvider', 'ResourceRegion',
  'ResourceType', 'SeverityLabel', 'SourceUrl', 'ThreatIntelIndicatorCategory', 'ThreatIntelIndicatorSource', 'ThreatIntelIndicatorSourceUrl',
  'ThreatIntelIndicatorType', 'ThreatIntelIndicatorValue', 'Title', 'Type', 'VerificationState', 'VulnerabilitiesExploitAvailable',
  'VulnerabilitiesFixAvailable', 'WorkflowState', 'WorkflowStatus',
] as const satisfies ReadonlyArray<FieldsOf<'string'>>;
const MAP_FIELDS = ['ProductFields', 'ResourceDetailsOther', 'ResourceTags', 'UserDefinedFields'] as const satisfies ReadonlyArray<FieldsOf<'map'>>;
const DATE_FIELDS = [
  'CreatedAt', 'FirstObservedAt', 'LastObservedAt', 'NoteUpdatedAt', 'ProcessLaunchedAt', 'ProcessTerminatedAt', 'ResourceAwsEc2InstanceLaunchedAt',
  'ResourceAwsIamAccessKeyCreatedAt', 'ResourceContainerLaunchedAt', 'ThreatIntelIndicatorLastObservedAt', 'UpdatedAt',
] as const satisfies ReadonlyArray<FieldsOf<'date'>>;
const NUMBER_FIELDS = [
  'Confidence', 'Criticality', 'FindingProviderFieldsConfidence', 'FindingProviderFieldsCriticality', 'NetworkDestinationPort', 'NetworkSourcePort',
  'ProcessParentPid', 'ProcessPid', 'SeverityNormalized', 'SeverityProduct',
] as const satisfies ReadonlyArray<FieldsOf<'number'>>;
const IP_FIELDS = [
  'NetworkDestinationIpV4', 'NetworkDestinationIpV6', 'NetworkSourceIpV4', 'NetworkSourceIpV6', 'ResourceAwsEc2InstanceIpV4Addresses',
  'ResourceAwsEc2InstanceIpV6Addresses',
] as const satisfies ReadonlyArray<FieldsOf<'ip'>>;
const BOOLEAN_FIELDS = ['Sample'] as const satisfies ReadonlyArray<FieldsOf<'boolean'>>;
const KEYWORD_FIELDS = ['Keyword'] as const satisfies ReadonlyArray<FieldsOf<'keyword'>>;

type Listed = (typeof STRING_FIELDS | typeof MAP_FIELDS | typeof DATE_FIELDS | typeof NUMBER_FIELDS | typeof IP_FIELDS | typeof BOOLEAN_FIELDS | typeof KEYWORD_FIELDS)[number];
// Fails to compile, naming the attribute, when an SDK update adds one that no list holds.
const _everyAttributeListed: [Exclude<keyof Filters, Listed>] extends [never] ? true : { unlisted: Exclude<keyof Filters, Listed> } = true;
void _everyAttributeListed;

export const FILTER_KINDS: ReadonlyMap<string, FilterKind> = new Map<string, FilterKind>([
  ...STRING_FIELDS.map((f) => [f, 'string'] as const),
  ...MAP_FIELDS.map((f) => [f, 'map'] as const),
  ...DATE_FIELDS.map((f) => [f, 'date'] as const),
  ...NUMBER_FIELDS.map((f) => [f, 'number'] as const),
  ...IP_FIELDS.map((f) => [f, 'ip'] as const),
  ...BOOLEAN_FIELDS.map((f) => [f, 'boolean'] as const),
  ...KEYWORD_FIELDS.map((f) => [f, 'keyword'] as const),
]);

/** What an insight may be grouped by: the string attributes (a group is one value of the attribute). */
export const GROUP_BY_ATTRIBUTES: ReadonlySet<string> = new Set<string>(STRING_FIELDS);
