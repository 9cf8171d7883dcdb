import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { ecrCollector, type EcrInventory, type EcrRepositoryItem } from '../collect.js';

/** The number of rules of a lifecycle policy, or null when the text is not the JSON ECR expects. */
function ruleCount(text: string): number | null {
  try {
    const parsed = JSON.parse(text) as { rules?: unknown };
    return Array.isArray(parsed.rules) ? parsed.rules.length : null;
  } catch {
    return null;
  }
}

export default defineCheck<EcrInventory, EcrRepositoryItem>({
  meta: {
    id: 'ecr-repository-lifecycle-policy-configured',
    service: 'ecr',
    title: 'ECR repositories have a lifecycle policy',
    description:
      'Flags a repository without a lifecycle policy: every image pushed stays forever, so old images with known vulnerabilities remain pullable and storage grows without bound. Any lifecycle policy passes; its rules are the owner\'s choice.',
    severity: 'LOW',
    resourceType: 'AwsEcrRepository',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Put a lifecycle policy on the repository that expires untagged images after a few days and keeps a bounded number of tagged images; preview it first (start-lifecycle-policy-preview) so no image still in use is expired.',
      url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html',
    },
    compliance: { fsbp: ['ECR.3'], nist: ['CM-2', 'SI-12'] },
  },
  collector: ecrCollector,
  select: (inventory) => inventory.repositories,
  evaluate(repository) {
    const policy = need(repository.lifecyclePolicy, 'the lifecycle policy');
    if (policy === undefined) return fail(`repository ${repository.name} has no lifecycle policy`, { lifecyclePolicy: null });
    const rules = ruleCount(policy);
    return pass(rules === null ? 'a lifecycle policy is set' : `a lifecycle policy with ${rules} rule(s) is set`, { lifecyclePolicyRules: rules });
  },
});
