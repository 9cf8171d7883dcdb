/**
 * OpenSearch Service inventory: every domain of one account and region
 * (OpenSearch and legacy Elasticsearch engines alike), described in batches of
 * five, with its tags read once per domain.
 */
import type { DomainStatus } from '@aws-sdk/client-opensearch';
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface OpenSearchDomainItem {
  ref: ResourceRef;
  name: string;
  /** The domain as DescribeDomains returned it; a field it omitted is undefined (unknown). */
  status: DomainStatus;
  tags: Fetched<Record<string, string>>;
}

export interface OpenSearchInventory {
  domains: OpenSearchDomainItem[];
}

/** The VPC of a domain with VPC access (it has no public endpoint); undefined for a public-endpoint domain. */
export function vpcAccess(status: DomainStatus): { vpcId: string | null; subnetIds: string[]; securityGroupIds: string[] } | undefined {
  const vpc = status.VPCOptions;
  const subnetIds = vpc?.SubnetIds ?? [];
  if (!vpc || (subnetIds.length === 0 && !vpc.VPCId)) return undefined;
  return { vpcId: vpc.VPCId ?? null, subnetIds, securityGroupIds: vpc.SecurityGroupIds ?? [] };
}

export const openSearchCollector: Collector<OpenSearchInventory> = {
  id: 'opensearch',
  service: 'opensearch',
  global: false,
  permissions: ['es:ListDomainNames', 'es:DescribeDomains', 'es:ListTags'],
  async collect(ctx) {
    const { fetchOpenSearchInventory } = await import('./fetch.js');
    return fetchOpenSearchInventory(ctx);
  },
  async collectOne(ctx, resource) {
    const { fetchOneOpenSearchDomain } = await import('./fetch.js');
    return fetchOneOpenSearchDomain(ctx, resource.id);
  },
};
