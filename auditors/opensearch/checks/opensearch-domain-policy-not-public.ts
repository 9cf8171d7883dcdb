import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { analysePublicAccess, SOURCE_IP_READINGS } from '../../../src/policy/index.js';
import { reported } from '../../../src/core/check.js';
import { openSearchCollector, vpcAccess, type OpenSearchDomainItem, type OpenSearchInventory } from '../collect.js';

const parameters = z
  .object({
    /** A domain with VPC access has no internet endpoint: its security groups decide who connects, so an open policy passes (noted). */
    creditVpc: z.boolean().default(true),
    /** When true, fine-grained access control (without anonymous authentication) on a public endpoint counts as restricting an open policy. */
    creditFineGrainedAccessControl: z.boolean().default(false),
    /** Which aws:SourceIp ranges restrict: 'aws' (no wider than /8 IPv4, /32 IPv6, as IAM Access Analyzer judges) or 'private-only' (Hammer: only non-public ranges). */
    sourceIp: z.enum(SOURCE_IP_READINGS).default('aws'),
  })
  .strict();

export default defineCheck<OpenSearchInventory, OpenSearchDomainItem, z.infer<typeof parameters>>({
  meta: {
    id: 'opensearch-domain-policy-not-public',
    service: 'opensearch',
    title: 'OpenSearch domain access policies do not grant access to everyone',
    description:
      'Flags a domain whose access policy has an Allow statement for Principal "*" or {"AWS": "*"} (or a NotPrincipal) that no condition limits, by AWS\'s meaning of public: fixed values (no wildcard, no policy variable) of an account, organization, VPC endpoint or principal, or aws:SourceIp ranges no wider than /8 (IPv4) or /32 (IPv6); sourceIp: private-only keeps Hammer\'s reading (any public range is public). By default a domain with VPC access passes (no internet endpoint; the open statements are shown); fine-grained access control counts only with creditFineGrainedAccessControl.',
    severity: 'CRITICAL',
    resourceType: 'AwsOpenSearchServiceDomain',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Back up the domain access policy, then name the IAM roles or accounts that need the domain instead of "*", or restrict the statement to a VPC endpoint or to only the source ranges that need access. Better still, move the data to a domain with VPC access and enable fine-grained access control.',
      url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html',
    },
    compliance: { nist: ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7'] },
  },
  collector: openSearchCollector,
  parameters,
  select: (inventory) => inventory.domains,
  evaluate(domain, params) {
    const policy = reported(domain.status.AccessPolicies, 'AccessPolicies');
    if (policy.trim() === '') return pass('the domain has no access policy');
    const answer = analysePublicAccess(policy, { sourceIp: params.sourceIp });
    const sourceIpReading = params.sourceIp;
    if (!answer.public) return pass('no statement of the access policy grants access to everyone', { sourceIpReading });
    const names = answer.statements.map((s) => s.sid ?? `#${s.index}`).join(', ');
    const vpc = vpcAccess(domain.status);
    if (vpc && params.creditVpc) {
      return pass(`statement(s) ${names} grant access to everyone, but the domain has VPC access only (no internet endpoint)`, {
        statements: answer.statements,
        restrictedBy: 'VPC access',
        vpcId: vpc.vpcId,
        securityGroupIds: vpc.securityGroupIds,
        sourceIpReading,
      });
    }
    const security = domain.status.AdvancedSecurityOptions;
    const fineGrained = security?.Enabled === true && security.AnonymousAuthEnabled !== true;
    if (fineGrained && params.creditFineGrainedAccessControl) {
      return pass(`statement(s) ${names} grant access to everyone, but fine-grained access control authenticates every request`, {
        statements: answer.statements,
        restrictedBy: 'fine-grained access control',
        sourceIpReading,
      });
    }
    return fail(`the access policy of domain ${domain.name} grants access to everyone through statement(s) ${names}`, {
      statements: answer.statements,
      endpoint: domain.status.Endpoint ?? null,
      vpcAccess: vpc !== undefined,
      fineGrainedAccessControl: fineGrained,
      sourceIpReading,
    });
  },
});
