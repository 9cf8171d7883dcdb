/** Demo seed for the OpenSearch checks: an exposed, unprotected domain and a compliant decoy with VPC access. */
import { CreateDomainCommand, OpenSearchClient } from '@aws-sdk/client-opensearch';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

export async function seedOpenSearch(clients: AwsClients): Promise<SeedResult> {
  const opensearch = clients.get(OpenSearchClient);
  const account = clients.accountId;
  const region = clients.region;
  const domainArn = (name: string): string => `arn:aws:es:${region}:${account}:domain/${name}`;
  const logGroup = (name: string): string => `arn:aws:logs:${region}:${account}:log-group:/aws/opensearch/${name}`;

  // Public endpoint, an IP allow-list whose partner range is far wider than /8, and every protection off.
  const open = 'demo-search-exposed';
  await opensearch.send(new CreateDomainCommand({
    DomainName: open,
    EngineVersion: 'OpenSearch_2.11',
    ClusterConfig: { InstanceType: 't3.small.search', InstanceCount: 1, DedicatedMasterEnabled: false },
    EncryptionAtRestOptions: { Enabled: false },
    NodeToNodeEncryptionOptions: { Enabled: false },
    DomainEndpointOptions: { EnforceHTTPS: false, TLSSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' },
    AccessPolicies: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'OfficeAndPartners', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: `${domainArn(open)}/*`, Condition: { IpAddress: { 'aws:SourceIp': ['52.94.76.0/22', '52.0.0.0/6'] } } }],
    }),
    TagList: [{ Key: 'owner', Value: 'search-team' }],
  }));

  // The emulator does not check that the subnet and security group exist, so none are created (they would add EC2 findings).
  const compliant = 'demo-search-private';
  await opensearch.send(new CreateDomainCommand({
    DomainName: compliant,
    EngineVersion: 'OpenSearch_2.11',
    ClusterConfig: {
      InstanceType: 'r6g.large.search', InstanceCount: 3, ZoneAwarenessEnabled: true, ZoneAwarenessConfig: { AvailabilityZoneCount: 3 },
      DedicatedMasterEnabled: true, DedicatedMasterCount: 3, DedicatedMasterType: 'm6g.large.search',
    },
    VPCOptions: { SubnetIds: ['subnet-0de000000000000a1', 'subnet-0de000000000000b2', 'subnet-0de000000000000c3'], SecurityGroupIds: ['sg-0de0000000000search'] },
    EncryptionAtRestOptions: { Enabled: true, KmsKeyId: `arn:aws:kms:${region}:${account}:key/00000000-0000-4000-8000-00000000d3a1` },
    NodeToNodeEncryptionOptions: { Enabled: true },
    DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
    AdvancedSecurityOptions: { Enabled: true, InternalUserDatabaseEnabled: false, MasterUserOptions: { MasterUserARN: `arn:aws:iam::${account}:role/search-admin` } },
    LogPublishingOptions: {
      ES_APPLICATION_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: logGroup('errors') },
      AUDIT_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: logGroup('audit') },
    },
    AccessPolicies: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'SearchApp', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:role/search-app` }, Action: 'es:ESHttp*', Resource: `${domainArn(compliant)}/*` }],
    }),
  }));
  return { insecure: [open], compliant: [compliant] };
}
