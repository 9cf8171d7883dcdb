import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { shieldCollector, type ShieldAccountItem, type ShieldInventory } from '../collect.js';
import { withoutSubscription } from '../protection.js';

export default defineCheck<ShieldInventory, ShieldAccountItem>({
  meta: {
    id: 'shield-subscription-auto-renews',
    service: 'shield',
    title: 'The Shield Advanced subscription renews automatically',
    description:
      'Flags an account whose Shield Advanced subscription does not renew automatically (DescribeSubscription AutoRenew DISABLED): when the one-year commitment ends, every protection, the Shield Response Team\'s access and cost protection end with it. An account without a Shield Advanced subscription is not applicable: Shield Advanced is optional and paid, and no FSBP or CIS control asks for it.',
    severity: 'LOW',
    resourceType: 'AwsAccount',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Denial of Service'],
    remediation: {
      text: 'Turn automatic renewal back on (UpdateSubscription AutoRenew ENABLED, or the Shield console\'s subscription page). AutoRenew can only be changed in the last 30 days of the commitment; if letting the subscription lapse is intended, exempt the account with the reason.',
      url: 'https://docs.aws.amazon.com/waf/latest/DDOSAPIReference/API_UpdateSubscription.html',
    },
    compliance: { nist: ['SC-5'] },
  },
  collector: shieldCollector,
  select: (inventory) => [inventory.account],
  evaluate(account, _params, inventory) {
    const gate = withoutSubscription(inventory);
    if (gate) return gate;
    const autoRenew = reported(account.subscription?.autoRenew, 'the subscription\'s AutoRenew');
    const evidence = { AutoRenew: autoRenew, EndTime: account.subscription?.endTime ?? null };
    if (autoRenew === 'ENABLED') return pass('the subscription renews automatically', evidence);
    return fail(`the Shield Advanced subscription does not renew automatically (AutoRenew ${autoRenew})`, evidence);
  },
});
