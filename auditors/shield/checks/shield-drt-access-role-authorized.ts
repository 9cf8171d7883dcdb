import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { shieldCollector, type ShieldAccountItem, type ShieldInventory } from '../collect.js';
import { withoutSubscription } from '../protection.js';

export default defineCheck<ShieldInventory, ShieldAccountItem>({
  meta: {
    id: 'shield-drt-access-role-authorized',
    service: 'shield',
    title: 'The Shield Response Team may act in the account through an IAM role',
    description:
      'In an account that subscribes to Shield Advanced, flags the account when no IAM role is authorised for the Shield Response Team (SRT, formerly DRT; DescribeDRTAccess RoleArn): during an attack the SRT cannot read the WAF configuration or write mitigating rules until someone grants it. Without a subscription the check is not applicable.',
    severity: 'LOW',
    resourceType: 'AwsAccount',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Denial of Service'],
    remediation: {
      text: 'Create a role that drt.shield.amazonaws.com may assume, with the AWS managed policy AWSShieldDRTAccessPolicy, and authorise it (AssociateDRTRole, or Shield console > Overview > Shield Response Team access). Proactive engagement and SRT support need a Business or Enterprise Support plan.',
      url: 'https://docs.aws.amazon.com/waf/latest/developerguide/ddos-srt-access.html',
    },
    compliance: { nist: ['IR-4', 'IR-7'] },
  },
  collector: shieldCollector,
  select: (inventory) => [inventory.account],
  evaluate(account, _params, inventory) {
    const gate = withoutSubscription(inventory);
    if (gate) return gate;
    const access = need(account.drtAccess ?? { ok: false, error: 'it was not read' }, 'the Shield Response Team access (DescribeDRTAccess)');
    if (access.roleArn) return pass(`the Shield Response Team may assume ${access.roleArn}`, { RoleArn: access.roleArn });
    return fail('no IAM role is authorised for the Shield Response Team', { RoleArn: null });
  },
});
