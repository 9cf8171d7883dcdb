import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { elbv2Collector, type Elbv2Inventory, type Elbv2LoadBalancerItem } from '../collect.js';

const KEY = 'deletion_protection.enabled';

export default defineCheck<Elbv2Inventory, Elbv2LoadBalancerItem>({
  meta: {
    id: 'elbv2-load-balancer-deletion-protection-enabled',
    service: 'elbv2',
    title: 'Load balancers are protected from deletion',
    description:
      'Flags an Application, Network or Gateway Load Balancer that can be deleted in one call (attribute deletion_protection.enabled false): a mistaken or malicious delete takes the service behind it offline and frees its DNS name.',
    severity: 'LOW',
    resourceType: 'AwsElbv2LoadBalancer',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Turn on deletion protection (modify-load-balancer-attributes deletion_protection.enabled=true); turn it off deliberately before a planned deletion.',
      url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#deletion-protection',
    },
    compliance: { fsbp: ['ELB.6'], nist: ['CM-3', 'SC-5(2)'] },
  },
  collector: elbv2Collector,
  select: (inventory) => inventory.loadBalancers,
  evaluate(lb) {
    const attributes = need(lb.attributes, 'the load balancer attributes');
    const enabled = reported(attributes[KEY], `the attribute ${KEY}`, lb.name);
    if (enabled === 'true') return pass('deletion protection is on', { [KEY]: enabled });
    return fail(`load balancer ${lb.name} can be deleted without first turning deletion protection off`, { [KEY]: enabled });
  },
});
