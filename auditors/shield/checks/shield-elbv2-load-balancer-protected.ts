import { defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { shieldCollector, type LoadBalancerItem, type ShieldInventory } from '../collect.js';
import { protectionOf, SHIELD_FINDING_TYPES, withoutSubscription } from '../protection.js';

export default defineCheck<ShieldInventory, LoadBalancerItem>({
  meta: {
    id: 'shield-elbv2-load-balancer-protected',
    service: 'shield',
    title: 'Internet-facing Application and Network Load Balancers are protected by Shield Advanced',
    description:
      'In an account that subscribes to Shield Advanced, flags an internet-facing ALB no protection names, and an internet-facing NLB whose Elastic IPs are not all protected: Shield Advanced protects an NLB only through the Elastic IPs of its subnets, so one without Elastic IPs cannot be protected. Internal and Gateway Load Balancers are not judged. The load balancers of every region the scan covers are read. Without a subscription the check is not applicable.',
    severity: 'MEDIUM',
    resourceType: 'AwsElbv2LoadBalancer',
    findingTypes: SHIELD_FINDING_TYPES,
    remediation: {
      text: 'ALB: add a Shield Advanced protection with its ARN. NLB: protect each Elastic IP of its subnet mappings (CreateProtection with arn:aws:ec2:<region>:<account>:eip-allocation/<id>); an NLB created without Elastic IPs must be recreated with them, or put behind a protected Global Accelerator.',
      url: 'https://docs.aws.amazon.com/waf/latest/developerguide/configure-new-protection.html',
    },
    compliance: { nist: ['SC-5'] },
  },
  collector: shieldCollector,
  select: (inventory) => inventory.loadBalancers,
  evaluate(balancer, _params, inventory) {
    const gate = withoutSubscription(inventory);
    if (gate) return gate;
    const type = reported(balancer.type, 'Type', balancer.name);
    const scheme = reported(balancer.scheme, 'Scheme', balancer.name);
    if (scheme !== 'internet-facing') return notApplicable(`an ${scheme} load balancer is not reachable from the internet`);
    if (type !== 'network') {
      if (type === 'gateway') return notApplicable('a Gateway Load Balancer receives traffic only through endpoints, never from the internet directly');
      return protectionOf(balancer.ref.arn, `internet-facing ${type} load balancer ${balancer.name}`, inventory);
    }
    if (inventory.protectedArns.includes(balancer.ref.arn)) return pass('Shield Advanced protects it', { protected: true, resourceArn: balancer.ref.arn });
    if (balancer.elasticIpArns.length === 0) {
      return fail(`network load balancer ${balancer.name} has no Elastic IPs, so Shield Advanced cannot protect it`, { protected: false, elasticIps: [] });
    }
    const unprotected = balancer.elasticIpArns.filter((arn) => !inventory.protectedArns.includes(arn));
    if (unprotected.length === 0) return pass('Shield Advanced protects every Elastic IP of the load balancer', { protected: true, elasticIps: balancer.elasticIpArns });
    return fail(`${unprotected.length} of the ${balancer.elasticIpArns.length} Elastic IPs of network load balancer ${balancer.name} are not protected by Shield Advanced`, { protected: false, elasticIps: balancer.elasticIpArns, unprotected });
  },
});
