import { defineCheck, fail, MissingInputError, pass } from '../../../src/core/check.js';
import { openSearchCollector, type OpenSearchDomainItem, type OpenSearchInventory } from '../collect.js';

export default defineCheck<OpenSearchInventory, OpenSearchDomainItem>({
  meta: {
    id: 'opensearch-domain-fine-grained-access-or-cognito',
    service: 'opensearch',
    title: 'OpenSearch domains authenticate their users',
    description:
      'ElectricEye "Is Cognito auth used", modernised for Amazon OpenSearch Service: the domain passes when it authenticates users with fine-grained access control (internal users, IAM, and the SAML, JWT or IAM Identity Center logins built on it, as Security Hub Opensearch.7 requires) or with Amazon Cognito for OpenSearch Dashboards. Fine-grained access control with anonymous authentication on fails: requests without credentials are accepted.',
    severity: 'HIGH',
    resourceType: 'AwsOpenSearchServiceDomain',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Enable fine-grained access control on the domain (it needs HTTPS, node-to-node encryption and encryption at rest), set a master user or IAM master role, and map users to roles; add SAML or Cognito for Dashboards logins. Turn anonymous authentication off once role mappings exist.',
      url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html',
    },
    compliance: { fsbp: ['Opensearch.7'], nist: ['AC-2', 'AC-3', 'AC-6'] },
  },
  collector: openSearchCollector,
  select: (inventory) => inventory.domains,
  evaluate(domain) {
    const security = domain.status.AdvancedSecurityOptions;
    const fineGrained = security?.Enabled;
    const cognito = domain.status.CognitoOptions?.Enabled;
    if (fineGrained === undefined && cognito === undefined) throw new MissingInputError('neither AdvancedSecurityOptions nor CognitoOptions was reported by DescribeDomains');
    const evidence = {
      fineGrainedAccessControl: fineGrained ?? null,
      internalUserDatabase: security?.InternalUserDatabaseEnabled ?? null,
      saml: security?.SAMLOptions?.Enabled ?? null,
      jwt: security?.JWTOptions?.Enabled ?? null,
      // An omitted flag is shown as null; only a reported true counts as anonymous access.
      anonymousAuthEnabled: security?.AnonymousAuthEnabled ?? null,
      cognito: cognito ?? null,
    };
    if (fineGrained === true && security?.AnonymousAuthEnabled === true) {
      return fail(`OpenSearch domain ${domain.name} has anonymous authentication on: requests without credentials are accepted`, evidence);
    }
    if (fineGrained === true) return pass('fine-grained access control authenticates every request', evidence);
    if (cognito === true) return pass('Amazon Cognito authenticates OpenSearch Dashboards users', evidence);
    return fail(`OpenSearch domain ${domain.name} uses neither fine-grained access control nor Cognito authentication`, evidence);
  },
});
