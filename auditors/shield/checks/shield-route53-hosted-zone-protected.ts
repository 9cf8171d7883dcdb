import { defineCheck, notApplicable, reported } from '../../../src/core/check.js';
import { shieldCollector, type HostedZoneItem, type ShieldInventory } from '../collect.js';
import { protectionOf, SHIELD_FINDING_TYPES, withoutSubscription } from '../protection.js';

export default defineCheck<ShieldInventory, HostedZoneItem>({
  meta: {
    id: 'shield-route53-hosted-zone-protected',
    service: 'shield',
    title: 'Route 53 public hosted zones are protected by Shield Advanced',
    description:
      'In an account that subscribes to Shield Advanced, flags a public Route 53 hosted zone that no Shield Advanced protection names: DNS floods against it get no DDoS Response Team help, no cost protection and no attack diagnostics. Private hosted zones answer only inside VPCs and are not judged. Without a subscription nothing is read and the check is not applicable.',
    severity: 'MEDIUM',
    resourceType: 'AwsRoute53HostedZone',
    findingTypes: SHIELD_FINDING_TYPES,
    remediation: {
      text: 'Add a Shield Advanced protection for the hosted zone (CreateProtection with the zone\'s ARN, arn:aws:route53:::hostedzone/<id>), or protect the account\'s zones together through a Firewall Manager Shield Advanced policy.',
      url: 'https://docs.aws.amazon.com/waf/latest/developerguide/configure-new-protection.html',
    },
    compliance: { nist: ['SC-5'] },
  },
  collector: shieldCollector,
  select: (inventory) => inventory.hostedZones,
  evaluate(zone, _params, inventory) {
    const gate = withoutSubscription(inventory);
    if (gate) return gate;
    if (reported(zone.privateZone, 'Config.PrivateZone', zone.ref.id)) return notApplicable('a private hosted zone answers only inside its VPCs');
    return protectionOf(zone.ref.arn, `public hosted zone ${zone.name} (${zone.ref.id})`, inventory);
  },
});
