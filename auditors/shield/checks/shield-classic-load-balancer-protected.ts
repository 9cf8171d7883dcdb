import { defineCheck, notApplicable, reported } from '../../../src/core/check.js';
import { shieldCollector, type ClassicLoadBalancerItem, type ShieldInventory } from '../collect.js';
import { protectionOf, SHIELD_FINDING_TYPES, withoutSubscription } from '../protection.js';

export default defineCheck<ShieldInventory, ClassicLoadBalancerItem>({
  meta: {
    id: 'shield-classic-load-balancer-protected',
    service: 'shield',
    title: 'Internet-facing Classic Load Balancers are protected by Shield Advanced',
    description:
      'In an account that subscribes to Shield Advanced, flags an internet-facing Classic Load Balancer that no Shield Advanced protection names. Internal load balancers are not reachable from the internet and are not judged. The load balancers of every region the scan covers are read. Without a subscription nothing is read and the check is not applicable.',
    severity: 'MEDIUM',
    resourceType: 'AwsElbLoadBalancer',
    findingTypes: SHIELD_FINDING_TYPES,
    remediation: {
      text: 'Add a Shield Advanced protection for the load balancer (CreateProtection with its ARN, arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/<name>), or migrate it to an Application Load Balancer and protect that.',
      url: 'https://docs.aws.amazon.com/waf/latest/developerguide/configure-new-protection.html',
    },
    compliance: { nist: ['SC-5'] },
  },
  collector: shieldCollector,
  select: (inventory) => inventory.classicLoadBalancers,
  evaluate(balancer, _params, inventory) {
    const gate = withoutSubscription(inventory);
    if (gate) return gate;
    const scheme = reported(balancer.scheme, 'Scheme', balancer.name);
    if (scheme !== 'internet-facing') return notApplicable(`an ${scheme} load balancer is not reachable from the internet`);
    return protectionOf(balancer.ref.arn, `internet-facing Classic Load Balancer ${balancer.name}`, inventory);
  },
});
