import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { reported } from '../../../src/core/check.js';
import { openSearchCollector, type OpenSearchDomainItem, type OpenSearchInventory } from '../collect.js';

export default defineCheck<OpenSearchInventory, OpenSearchDomainItem>({
  meta: {
    id: 'opensearch-domain-encrypted-at-rest',
    service: 'opensearch',
    title: 'OpenSearch domains encrypt data at rest',
    description:
      'Flags an Amazon OpenSearch Service domain (OpenSearch or legacy Elasticsearch engine) without encryption at rest, as Hammer (Elasticsearch unencrypted) and ElectricEye ("Is encryption at rest used", modernised from Elasticsearch Service) did. Indices, logs, swap files and automated snapshots of such a domain are stored unencrypted.',
    severity: 'MEDIUM',
    resourceType: 'AwsOpenSearchServiceDomain',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Turn on encryption at rest for the domain with an AWS KMS key (a customer managed key lets you govern and audit its use). Domains on OpenSearch or Elasticsearch 6.7 and later can enable it in place; older domains must be migrated to a new encrypted domain.',
      url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
    },
    compliance: { fsbp: ['Opensearch.1'], nist: ['SC-13', 'SC-28'] },
  },
  collector: openSearchCollector,
  select: (inventory) => inventory.domains,
  evaluate(domain) {
    const options = reported(domain.status.EncryptionAtRestOptions, 'EncryptionAtRestOptions');
    const kmsKeyId = options.KmsKeyId ?? null;
    if (reported(options.Enabled, 'EncryptionAtRestOptions.Enabled')) return pass(`data at rest is encrypted${kmsKeyId ? ` with KMS key ${kmsKeyId}` : ''}`, { kmsKeyId });
    return fail(`OpenSearch domain ${domain.name} does not encrypt data at rest`, { EncryptionAtRestOptions: { Enabled: false } });
  },
});
