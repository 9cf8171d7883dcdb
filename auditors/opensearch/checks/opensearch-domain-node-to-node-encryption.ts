import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { reported } from '../../../src/core/check.js';
import { openSearchCollector, type OpenSearchDomainItem, type OpenSearchInventory } from '../collect.js';

export default defineCheck<OpenSearchInventory, OpenSearchDomainItem>({
  meta: {
    id: 'opensearch-domain-node-to-node-encryption',
    service: 'opensearch',
    title: 'OpenSearch domains encrypt traffic between their nodes',
    description:
      'Flags an Amazon OpenSearch Service domain without node-to-node encryption, as Hammer (Elasticsearch unencrypted) and ElectricEye ("Is Node2Node encryption used", modernised from Elasticsearch Service) did: traffic between the nodes of the cluster then travels in clear text inside the VPC or service network.',
    severity: 'MEDIUM',
    resourceType: 'AwsOpenSearchServiceDomain',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Turn on node-to-node encryption for the domain. Domains on OpenSearch or Elasticsearch 6.7 and later can enable it in place (it cannot be turned off again); older domains must be migrated to a new domain.',
      url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html',
    },
    compliance: { fsbp: ['Opensearch.3'], nist: ['SC-8', 'SC-13', 'SC-23'] },
  },
  collector: openSearchCollector,
  select: (inventory) => inventory.domains,
  evaluate(domain) {
    const options = reported(domain.status.NodeToNodeEncryptionOptions, 'NodeToNodeEncryptionOptions');
    if (reported(options.Enabled, 'NodeToNodeEncryptionOptions.Enabled')) return pass('node-to-node encryption is on');
    return fail(`OpenSearch domain ${domain.name} does not encrypt traffic between its nodes`, { NodeToNodeEncryptionOptions: { Enabled: false } });
  },
});
