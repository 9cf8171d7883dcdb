import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { reported } from '../../../src/core/check.js';
import { openSearchCollector, type OpenSearchDomainItem, type OpenSearchInventory } from '../collect.js';

export default defineCheck<OpenSearchInventory, OpenSearchDomainItem>({
  meta: {
    id: 'opensearch-domain-software-up-to-date',
    service: 'opensearch',
    title: 'OpenSearch domains run the latest service software',
    description:
      'ElectricEye "Are there available version updates", modernised for Amazon OpenSearch Service: flags a domain whose ServiceSoftwareOptions report an available service software update (platform fixes, often security patches) that is not installed. Engine version upgrades are a separate, manual decision and are not judged here.',
    severity: 'LOW',
    resourceType: 'AwsOpenSearchServiceDomain',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Software and Configuration Checks/Vulnerabilities'],
    remediation: {
      text: 'Start the service software update for the domain in a period of low traffic (or let the off-peak window apply it). Required updates are applied automatically after their deadline; updating earlier closes the gap.',
      url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/service-software.html',
    },
    compliance: { fsbp: ['Opensearch.10'], nist: ['SI-2'] },
  },
  collector: openSearchCollector,
  select: (inventory) => inventory.domains,
  evaluate(domain) {
    const software = reported(domain.status.ServiceSoftwareOptions, 'ServiceSoftwareOptions');
    const evidence = {
      currentVersion: software.CurrentVersion ?? null,
      newVersion: software.NewVersion ?? null,
      updateStatus: software.UpdateStatus ?? null,
      optionalDeployment: software.OptionalDeployment ?? null,
      automatedUpdateDate: software.AutomatedUpdateDate && software.AutomatedUpdateDate.getTime() > 0 ? software.AutomatedUpdateDate.toISOString() : null,
    };
    if (!reported(software.UpdateAvailable, 'ServiceSoftwareOptions.UpdateAvailable')) return pass(`the domain runs the latest service software${software.CurrentVersion ? ` (${software.CurrentVersion})` : ''}`, evidence);
    return fail(`OpenSearch domain ${domain.name} has a service software update available: ${software.CurrentVersion ?? '?'} → ${software.NewVersion ?? '?'}`, evidence);
  },
});
