/** Reads the OpenSearch inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  DescribeDomainsCommand, ListDomainNamesCommand, ListTagsCommand, OpenSearchClient, type DomainStatus, type LogPublishingOption,
} from '@aws-sdk/client-opensearch';
import { describeAwsError } from '../../src/aws/errors.js';
import type { JsonValue } from '../../src/core/check.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import type { OpenSearchDomainItem, OpenSearchInventory } from './collect.js';

/** DescribeDomains accepts at most five names per call. */
export const DESCRIBE_BATCH = 5;
/** A domain deleted between DescribeDomains and ListTags. */
export const GONE_CODES = ['ResourceNotFoundException'];

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type JsonObject = { [key: string]: JsonValue };

/** Drops undefined and empty-string fields, so optional values can be written inline. */
function defined(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

const logOption = (option: LogPublishingOption | undefined): JsonValue | undefined =>
  option ? defined({ Enabled: option.Enabled, CloudWatchLogsLogGroupArn: option.CloudWatchLogsLogGroupArn }) : undefined;

/** ASFF AwsOpenSearchServiceDomainDetails (ASFF has no field for application error logs). */
function domainDetails(status: DomainStatus): JsonObject {
  const { ClusterConfig: cluster, DomainEndpointOptions: endpoint, ServiceSoftwareOptions: software, AdvancedSecurityOptions: security } = status;
  const logs = status.LogPublishingOptions;
  return defined({
    Arn: status.ARN,
    Id: status.DomainId,
    DomainName: status.DomainName,
    EngineVersion: status.EngineVersion,
    DomainEndpoint: status.Endpoint,
    DomainEndpoints: status.Endpoints,
    AccessPolicies: status.AccessPolicies,
    EncryptionAtRestOptions: status.EncryptionAtRestOptions
      ? defined({ Enabled: status.EncryptionAtRestOptions.Enabled, KmsKeyId: status.EncryptionAtRestOptions.KmsKeyId })
      : undefined,
    NodeToNodeEncryptionOptions: status.NodeToNodeEncryptionOptions ? defined({ Enabled: status.NodeToNodeEncryptionOptions.Enabled }) : undefined,
    ClusterConfig: cluster
      ? defined({
          InstanceType: cluster.InstanceType,
          InstanceCount: cluster.InstanceCount,
          DedicatedMasterEnabled: cluster.DedicatedMasterEnabled,
          DedicatedMasterType: cluster.DedicatedMasterType,
          DedicatedMasterCount: cluster.DedicatedMasterCount,
          ZoneAwarenessEnabled: cluster.ZoneAwarenessEnabled,
          WarmEnabled: cluster.WarmEnabled,
        })
      : undefined,
    DomainEndpointOptions: endpoint
      ? defined({
          EnforceHTTPS: endpoint.EnforceHTTPS,
          TLSSecurityPolicy: endpoint.TLSSecurityPolicy,
          CustomEndpointEnabled: endpoint.CustomEndpointEnabled,
          CustomEndpoint: endpoint.CustomEndpoint,
          CustomEndpointCertificateArn: endpoint.CustomEndpointCertificateArn,
        })
      : undefined,
    VpcOptions: status.VPCOptions ? defined({ SubnetIds: status.VPCOptions.SubnetIds, SecurityGroupIds: status.VPCOptions.SecurityGroupIds }) : undefined,
    LogPublishingOptions: logs
      ? defined({ IndexSlowLogs: logOption(logs.INDEX_SLOW_LOGS), SearchSlowLogs: logOption(logs.SEARCH_SLOW_LOGS), AuditLogs: logOption(logs.AUDIT_LOGS) })
      : undefined,
    AdvancedSecurityOptions: security ? defined({ Enabled: security.Enabled, InternalUserDatabaseEnabled: security.InternalUserDatabaseEnabled }) : undefined,
    ServiceSoftwareOptions: software
      ? defined({
          CurrentVersion: software.CurrentVersion,
          NewVersion: software.NewVersion,
          UpdateAvailable: software.UpdateAvailable,
          UpdateStatus: software.UpdateStatus,
          Cancellable: software.Cancellable,
          OptionalDeployment: software.OptionalDeployment,
          AutomatedUpdateDate: software.AutomatedUpdateDate?.toISOString(),
          Description: software.Description,
        })
      : undefined,
  });
}

function toItem(status: DomainStatus & { DomainName: string }, tags: Fetched<Record<string, string>>, ctx: CollectContext): OpenSearchDomainItem {
  return {
    ref: {
      type: 'AwsOpenSearchServiceDomain',
      arn: status.ARN ?? `arn:${ctx.partition}:es:${ctx.region}:${ctx.accountId}:domain/${status.DomainName}`,
      id: status.DomainName,
      region: ctx.region,
      partition: ctx.partition,
      tags: tags.ok ? tags.value : {},
      ...(tags.ok ? {} : { tagsError: tags.error }),
      details: { AwsOpenSearchServiceDomain: domainDetails(status) },
    },
    name: status.DomainName,
    status,
    tags,
  };
}

type NamedDomain = DomainStatus & { DomainName: string };

/** The described domains with their tags. */
async function itemsOf(client: OpenSearchClient, described: readonly DomainStatus[], ctx: CollectContext): Promise<OpenSearchDomainItem[]> {
  // A domain being deleted is no longer a resource to judge; one deleted since the listing is simply absent.
  const live = described.filter((s): s is NamedDomain => s.DomainName !== undefined && s.Deleted !== true);
  const items = await mapLimited(live, ctx.limit, async (status) => {
    if (!status.ARN) return toItem(status, { ok: false, error: 'the domain has no ARN to read its tags with' }, ctx);
    const ARN = status.ARN;
    const tags = await fetchDetail<Record<string, string> | undefined>(async () => tagsToRecord((await client.send(new ListTagsCommand({ ARN }))).TagList), GONE_CODES, undefined);
    if (tags.ok && tags.value === undefined) return undefined;
    return toItem(status, tags as Fetched<Record<string, string>>, ctx);
  });
  return items.filter((d): d is OpenSearchDomainItem => d !== undefined);
}

/** Lists the domains, describes them in batches and reads each one's tags. */
export async function fetchOpenSearchInventory(ctx: CollectContext): Promise<OpenSearchInventory> {
  const client = ctx.clients.get(OpenSearchClient);
  // ListDomainNames is not paginated: it returns every domain of the region.
  const listed = await client.send(new ListDomainNamesCommand({}));
  const names = (listed.DomainNames ?? []).flatMap((d) => (d.DomainName ? [d.DomainName] : []));
  const described = await mapLimited(chunk(names, DESCRIBE_BATCH), ctx.limit, async (DomainNames) => (await client.send(new DescribeDomainsCommand({ DomainNames }))).DomainStatusList ?? []);
  const domains = await itemsOf(client, described.flat(), ctx);
  const untagged = domains.flatMap((d) => (d.tags.ok ? [] : [`${d.name}: ${d.tags.error}`]));
  // No check reads tags, but owners are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`opensearch: the tags of ${untagged.length} domain(s) could not be read, e.g. ${untagged[0]}`);
  return { domains };
}

/** One domain, described as a scan describes it; none when it no longer exists. */
export async function fetchOneOpenSearchDomain(ctx: CollectContext, name: string): Promise<OpenSearchInventory> {
  const client = ctx.clients.get(OpenSearchClient);
  try {
    const { DomainStatusList = [] } = await client.send(new DescribeDomainsCommand({ DomainNames: [name] }));
    return { domains: await itemsOf(client, DomainStatusList.filter((s) => s.DomainName === name), ctx) };
  } catch (error) {
    if (GONE_CODES.includes(describeAwsError(error).code)) return { domains: [] };
    throw error;
  }
}
