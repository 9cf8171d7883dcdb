import { defineCheck, notApplicable } from '../../../src/core/check.js';
import { shieldCollector, type ElasticIpItem, type ShieldInventory } from '../collect.js';
import { protectionOf, SHIELD_FINDING_TYPES, withoutSubscription } from '../protection.js';

export default defineCheck<ShieldInventory, ElasticIpItem>({
  meta: {
    id: 'shield-elastic-ip-protected',
    service: 'shield',
    title: 'Elastic IP addresses in use are protected by Shield Advanced',
    description:
      'In an account that subscribes to Shield Advanced, flags an Elastic IP address attached to an instance, network interface or NLB that no Shield Advanced protection names: Shield protects EC2 instances and NLBs through their Elastic IPs. An address attached to nothing is not judged. The addresses of every region the scan covers are read. Without a subscription nothing is read and the check is not applicable.',
    severity: 'MEDIUM',
    resourceType: 'AwsEc2Eip',
    findingTypes: SHIELD_FINDING_TYPES,
    remediation: {
      text: 'Add a Shield Advanced protection for the address (CreateProtection with arn:aws:ec2:<region>:<account>:eip-allocation/<allocation-id>), or release the address if nothing should be reachable on it.',
      url: 'https://docs.aws.amazon.com/waf/latest/developerguide/configure-new-protection.html',
    },
    compliance: { nist: ['SC-5'] },
  },
  collector: shieldCollector,
  select: (inventory) => inventory.elasticIps,
  evaluate(address, _params, inventory) {
    const gate = withoutSubscription(inventory);
    if (gate) return gate;
    if (!address.associationId) return notApplicable('the address is attached to nothing');
    return protectionOf(address.ref.arn, `Elastic IP ${address.publicIp ?? address.allocationId} (${address.allocationId})`, inventory);
  },
});
