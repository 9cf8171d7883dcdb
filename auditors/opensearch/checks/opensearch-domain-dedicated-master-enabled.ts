import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { reported } from '../../../src/core/check.js';
import { openSearchCollector, type OpenSearchDomainItem, type OpenSearchInventory } from '../collect.js';

const parameters = z
  .object({
    /** Fewest dedicated master (cluster manager) nodes that pass; three lets the cluster keep a quorum when one fails. */
    minimumCount: z.number().int().min(1).default(3),
  })
  .strict();

export default defineCheck<OpenSearchInventory, OpenSearchDomainItem, z.infer<typeof parameters>>({
  meta: {
    id: 'opensearch-domain-dedicated-master-enabled',
    service: 'opensearch',
    title: 'OpenSearch domains use dedicated master nodes',
    description:
      'ElectricEye "Are dedicated masters used", modernised for Amazon OpenSearch Service: the domain must run dedicated master (cluster manager) nodes, at least minimumCount of them (default 3, as AWS recommends and Security Hub Opensearch.11 checks), so that cluster management survives the loss of a node and is not starved by data-node load.',
    severity: 'LOW',
    resourceType: 'AwsOpenSearchServiceDomain',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Edit the domain cluster configuration: enable dedicated master nodes and set three of them (Multi-AZ with standby does this for you). The change runs as a blue/green deployment.',
      url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-dedicatedmasternodes.html',
    },
    compliance: { nist: ['CP-10', 'SC-5', 'SC-36', 'SI-13'] },
  },
  collector: openSearchCollector,
  parameters,
  select: (inventory) => inventory.domains,
  evaluate(domain, params) {
    const cluster = reported(domain.status.ClusterConfig, 'ClusterConfig');
    const enabled = reported(cluster.DedicatedMasterEnabled, 'ClusterConfig.DedicatedMasterEnabled');
    if (!enabled) return fail(`OpenSearch domain ${domain.name} has no dedicated master nodes`, { DedicatedMasterEnabled: false, minimumCount: params.minimumCount });
    const count = reported(cluster.DedicatedMasterCount, 'ClusterConfig.DedicatedMasterCount');
    const evidence = { DedicatedMasterEnabled: true, DedicatedMasterCount: count, DedicatedMasterType: cluster.DedicatedMasterType ?? null, minimumCount: params.minimumCount };
    if (count < params.minimumCount) return fail(`OpenSearch domain ${domain.name} has ${count} dedicated master node(s), fewer than ${params.minimumCount}`, evidence);
    return pass(`the domain has ${count} dedicated master nodes`, evidence);
  },
});
