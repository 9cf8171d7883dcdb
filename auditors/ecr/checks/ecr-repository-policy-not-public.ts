import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { analysePublicAccess, SOURCE_IP_READINGS } from '../../../src/policy/index.js';
import { ecrCollector, type EcrInventory, type EcrRepositoryItem } from '../collect.js';

const parameters = z
  .object({
    /** Which aws:SourceIp ranges restrict: 'aws' (no wider than /8 IPv4, /32 IPv6, as IAM Access Analyzer judges) or 'private-only' (Hammer: only non-public ranges). */
    sourceIp: z.enum(SOURCE_IP_READINGS).default('aws'),
  })
  .strict();

export default defineCheck<EcrInventory, EcrRepositoryItem, z.infer<typeof parameters>>({
  meta: {
    id: 'ecr-repository-policy-not-public',
    service: 'ecr',
    title: 'ECR repository policies do not grant access to everyone',
    description:
      'Flags a private repository whose repository policy has an Allow statement for Principal "*" (or {"AWS": "*"}, or a NotPrincipal) that no condition limits, by AWS\'s meaning of public (the shared policy analyser): anyone with an AWS account could then pull (or push) its images. Conditions on fixed accounts, organizations, source ARNs, VPC endpoints or narrow aws:SourceIp ranges make it private; sourceIp: private-only keeps Hammer\'s stricter reading.',
    severity: 'CRITICAL',
    resourceType: 'AwsEcrRepository',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Back up the repository policy, then replace Principal "*" in the listed statements with the accounts or roles that pull the images, or add a condition that fixes the caller (aws:PrincipalOrgID, aws:SourceVpce). Publish images meant for everyone in an ECR Public repository instead.',
      url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html',
    },
    compliance: { nist: ['AC-3', 'AC-6', 'AC-21'] },
  },
  collector: ecrCollector,
  parameters,
  select: (inventory) => inventory.repositories,
  evaluate(repository, params) {
    const policy = need(repository.repositoryPolicy, 'the repository policy');
    if (policy === undefined) return pass('the repository has no repository policy');
    const answer = analysePublicAccess(policy, { sourceIp: params.sourceIp });
    const sourceIpReading = params.sourceIp;
    if (!answer.public) return pass('no statement of the repository policy grants access to everyone', { sourceIpReading });
    const names = answer.statements.map((s) => s.sid ?? `#${s.index}`).join(', ');
    return fail(`the policy of repository ${repository.name} grants access to everyone through statement(s) ${names}`, { statements: answer.statements, sourceIpReading });
  },
});
