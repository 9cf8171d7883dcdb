import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { reported } from '../../../src/core/check.js';
import { openSearchCollector, type OpenSearchDomainItem, type OpenSearchInventory } from '../collect.js';

const parameters = z
  .object({
    /** When true, only a policy restricted to forward-secret cipher suites passes (Policy-Min-TLS-1-2-PFS-…), as Security Hub Opensearch.8 requires. */
    requirePerfectForwardSecrecy: z.boolean().default(false),
  })
  .strict();

/** The minimum TLS version a policy name states, e.g. Policy-Min-TLS-1-2-PFS-2023-10 → 1.2. */
export function minimumTlsVersion(policy: string): number | undefined {
  const match = /^Policy-Min-TLS-(\d+)-(\d+)(?:-|$)/i.exec(policy);
  return match ? Number(`${match[1]}.${match[2]}`) : undefined;
}

export default defineCheck<OpenSearchInventory, OpenSearchDomainItem, z.infer<typeof parameters>>({
  meta: {
    id: 'opensearch-domain-tls-1-2-or-newer',
    service: 'opensearch',
    title: 'OpenSearch domains refuse TLS versions older than 1.2',
    description:
      'ElectricEye "Is a TLS 1.2 policy used", modernised for Amazon OpenSearch Service: the TLSSecurityPolicy of the domain endpoint must set a minimum of TLS 1.2 (Policy-Min-TLS-1-2-2019-07, Policy-Min-TLS-1-2-PFS-2023-10 or newer). Policy-Min-TLS-1-0-2019-07 fails. With requirePerfectForwardSecrecy set, only a PFS policy passes, as Security Hub Opensearch.8 requires. An unrecognised policy name is an error, not a pass.',
    severity: 'MEDIUM',
    resourceType: 'AwsOpenSearchServiceDomain',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Update the domain endpoint options to the TLS security policy Policy-Min-TLS-1-2-PFS-2023-10 (or Policy-Min-TLS-1-2-2019-07 where old clients lack forward-secret ciphers), after checking that every client supports TLS 1.2.',
      url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html',
    },
    compliance: { fsbp: ['Opensearch.8'], nist: ['SC-8', 'SC-13'] },
  },
  collector: openSearchCollector,
  parameters,
  select: (inventory) => inventory.domains,
  evaluate(domain, params) {
    const options = reported(domain.status.DomainEndpointOptions, 'DomainEndpointOptions');
    const policy = reported(options.TLSSecurityPolicy, 'DomainEndpointOptions.TLSSecurityPolicy');
    const version = minimumTlsVersion(policy);
    if (version === undefined) throw new Error(`the TLS security policy ${policy} of domain ${domain.name} is not one whose minimum TLS version is known`);
    const forwardSecret = /-PFS-/i.test(policy);
    const evidence = { TLSSecurityPolicy: policy, minimumTlsVersion: version.toFixed(1), perfectForwardSecrecy: forwardSecret, requirePerfectForwardSecrecy: params.requirePerfectForwardSecrecy };
    if (version < 1.2) return fail(`OpenSearch domain ${domain.name} accepts TLS ${version.toFixed(1)} (policy ${policy})`, evidence);
    if (params.requirePerfectForwardSecrecy && !forwardSecret) return fail(`OpenSearch domain ${domain.name} uses ${policy}, which allows ciphers without forward secrecy`, evidence);
    return pass(`the endpoint requires TLS ${version.toFixed(1)} or newer (${policy})`, evidence);
  },
});
