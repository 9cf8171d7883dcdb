import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { reported } from '../../../src/core/check.js';
import { openSearchCollector, type OpenSearchDomainItem, type OpenSearchInventory } from '../collect.js';

export default defineCheck<OpenSearchInventory, OpenSearchDomainItem>({
  meta: {
    id: 'opensearch-domain-https-required',
    service: 'opensearch',
    title: 'OpenSearch domains accept HTTPS requests only',
    description:
      'Flags an Amazon OpenSearch Service domain whose endpoint does not enforce HTTPS (EnforceHTTPS off), as ElectricEye ("Is HTTPS-only enforced", modernised from Elasticsearch Service) did: clients may then send credentials, queries and documents over plain HTTP. The TLS version is judged by opensearch-domain-tls-1-2-or-newer.',
    severity: 'MEDIUM',
    resourceType: 'AwsOpenSearchServiceDomain',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Edit the domain and, under network or encryption settings, require HTTPS for all traffic to the domain (DomainEndpointOptions EnforceHTTPS), together with a TLS 1.2 security policy. Move clients that still use http:// to https:// first.',
      url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html',
    },
    compliance: { fsbp: ['Opensearch.8'], nist: ['SC-8', 'SC-13', 'SC-23'] },
  },
  collector: openSearchCollector,
  select: (inventory) => inventory.domains,
  evaluate(domain) {
    const options = reported(domain.status.DomainEndpointOptions, 'DomainEndpointOptions');
    if (reported(options.EnforceHTTPS, 'DomainEndpointOptions.EnforceHTTPS')) return pass('the endpoint accepts HTTPS requests only');
    return fail(`OpenSearch domain ${domain.name} accepts plain HTTP requests`, { EnforceHTTPS: false, endpoint: domain.status.Endpoint ?? domain.status.Endpoints?.vpc ?? null });
  },
});
