/** Hand-built OpenSearch inventory items for the check unit tests. */
import type { DomainStatus } from '@aws-sdk/client-opensearch';
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { openSearchCollector, type OpenSearchDomainItem, type OpenSearchInventory } from '../../../auditors/opensearch/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-4333-8444-555555555555';

export const domainArn = (name: string): string => `arn:aws:es:${REGION}:${ACCOUNT}:domain/${name}`;
const logGroup = (name: string): string => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/opensearch/${name}`;

export function policyOf(...statements: Array<Record<string, unknown>>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A fully compliant domain with VPC access, as DescribeDomains describes it. */
export function compliantStatus(name: string): DomainStatus & { DomainName: string } {
  return {
    DomainId: `${ACCOUNT}/${name}`,
    DomainName: name,
    ARN: domainArn(name),
    Created: true,
    Deleted: false,
    EngineVersion: 'OpenSearch_2.11',
    Endpoints: { vpc: `vpc-${name}-abc.${REGION}.es.amazonaws.com` },
    ClusterConfig: { InstanceType: 'r6g.large.search', InstanceCount: 3, DedicatedMasterEnabled: true, DedicatedMasterCount: 3, DedicatedMasterType: 'm6g.large.search', ZoneAwarenessEnabled: true },
    AccessPolicies: policyOf({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/search-app` }, Action: 'es:ESHttp*', Resource: `${domainArn(name)}/*` }),
    VPCOptions: { VPCId: 'vpc-0a1b2c3d', SubnetIds: ['subnet-1', 'subnet-2'], SecurityGroupIds: ['sg-0search'] },
    CognitoOptions: { Enabled: false },
    EncryptionAtRestOptions: { Enabled: true, KmsKeyId: KMS_KEY },
    NodeToNodeEncryptionOptions: { Enabled: true },
    DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
    AdvancedSecurityOptions: { Enabled: true, InternalUserDatabaseEnabled: false, AnonymousAuthEnabled: false },
    LogPublishingOptions: {
      ES_APPLICATION_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: logGroup('errors') },
      AUDIT_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: logGroup('audit') },
    },
    ServiceSoftwareOptions: {
      CurrentVersion: 'OpenSearch_2_11_R20240502',
      NewVersion: '',
      UpdateAvailable: false,
      Cancellable: false,
      UpdateStatus: 'COMPLETED',
      OptionalDeployment: true,
      AutomatedUpdateDate: new Date(0),
    },
  };
}

/** A compliant domain unless overridden; an override of `undefined` models a field the service did not report. */
export function domain(name: string, overrides: Partial<DomainStatus> = {}): OpenSearchDomainItem {
  return {
    ref: { type: 'AwsOpenSearchServiceDomain', arn: domainArn(name), id: name, region: REGION, partition: 'aws', tags: {} },
    name,
    status: { ...compliantStatus(name), ...overrides },
    tags: fetched({}),
  };
}

/** A domain with a public endpoint (no VPC access). */
export const publicDomain = (name: string, overrides: Partial<DomainStatus> = {}): OpenSearchDomainItem =>
  domain(name, { VPCOptions: undefined, Endpoints: undefined, Endpoint: `search-${name}-abc.${REGION}.es.amazonaws.com`, ...overrides });

export const inventory = (...domains: OpenSearchDomainItem[]): OpenSearchInventory => ({ domains });

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: openSearchCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
