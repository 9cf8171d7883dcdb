import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { shieldCollector, type ShieldAccountItem, type ShieldInventory } from '../collect.js';
import { withoutSubscription } from '../protection.js';

export default defineCheck<ShieldInventory, ShieldAccountItem>({
  meta: {
    id: 'shield-drt-log-bucket-access-granted',
    service: 'shield',
    title: 'The Shield Response Team may read the WAF and flow log buckets',
    description:
      'In an account that subscribes to Shield Advanced and authorises a Shield Response Team role, flags the account when the team may read no S3 log bucket (DescribeDRTAccess LogBucketList empty): it must then ask for WAF and flow logs during an attack. Without the role the check is not applicable (bucket access needs it; shield-drt-access-role-authorized reports it); so is an account without a subscription. An account that keeps WAF logs only in CloudWatch Logs or Firehose can exempt this.',
    severity: 'LOW',
    resourceType: 'AwsAccount',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Denial of Service'],
    remediation: {
      text: 'Grant the Shield Response Team read access to each S3 bucket holding WAF logs or VPC flow logs (AssociateDRTLogBucket, up to 10 buckets, or the Shield console\'s Shield Response Team access page); the SRT role must be authorised first.',
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
    if (!access.roleArn) return notApplicable('no Shield Response Team role is authorised, and bucket access needs one');
    if (access.logBuckets.length > 0) return pass(`the Shield Response Team may read ${access.logBuckets.length} log bucket(s)`, { LogBucketList: access.logBuckets });
    return fail('the Shield Response Team may read no log bucket', { RoleArn: access.roleArn, LogBucketList: [] });
  },
});
