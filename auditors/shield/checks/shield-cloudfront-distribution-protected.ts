import { defineCheck, notApplicable, reported } from '../../../src/core/check.js';
import { shieldCollector, type DistributionItem, type ShieldInventory } from '../collect.js';
import { protectionOf, SHIELD_FINDING_TYPES, withoutSubscription } from '../protection.js';

export default defineCheck<ShieldInventory, DistributionItem>({
  meta: {
    id: 'shield-cloudfront-distribution-protected',
    service: 'shield',
    title: 'CloudFront distributions are protected by Shield Advanced',
    description:
      'In an account that subscribes to Shield Advanced, flags an enabled CloudFront distribution that no Shield Advanced protection names: layer 7 floods against it get no automatic application-layer mitigation, no DDoS Response Team help and no cost protection. Disabled distributions serve nothing and are not judged. Without a subscription nothing is read and the check is not applicable.',
    severity: 'MEDIUM',
    resourceType: 'AwsCloudFrontDistribution',
    findingTypes: SHIELD_FINDING_TYPES,
    remediation: {
      text: 'Add a Shield Advanced protection for the distribution (CreateProtection with its ARN), associate a web ACL and turn on automatic application layer DDoS mitigation, or cover the account\'s distributions with a Firewall Manager Shield Advanced policy.',
      url: 'https://docs.aws.amazon.com/waf/latest/developerguide/configure-new-protection.html',
    },
    compliance: { nist: ['SC-5'] },
  },
  collector: shieldCollector,
  select: (inventory) => inventory.distributions,
  evaluate(distribution, _params, inventory) {
    const gate = withoutSubscription(inventory);
    if (gate) return gate;
    if (!reported(distribution.enabled, 'Enabled', distribution.id)) return notApplicable('the distribution is disabled');
    return protectionOf(distribution.ref.arn, `distribution ${distribution.id}${distribution.domainName ? ` (${distribution.domainName})` : ''}`, inventory);
  },
});
