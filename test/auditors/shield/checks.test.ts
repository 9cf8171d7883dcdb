import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { fetched } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { shieldAuditor } from '../../../auditors/shield/index.js';
import hostedZoneProtected from '../../../auditors/shield/checks/shield-route53-hosted-zone-protected.js';
import classicProtected from '../../../auditors/shield/checks/shield-classic-load-balancer-protected.js';
import elbv2Protected from '../../../auditors/shield/checks/shield-elbv2-load-balancer-protected.js';
import elasticIpProtected from '../../../auditors/shield/checks/shield-elastic-ip-protected.js';
import distributionProtected from '../../../auditors/shield/checks/shield-cloudfront-distribution-protected.js';
import drtRole from '../../../auditors/shield/checks/shield-drt-access-role-authorized.js';
import drtLogBuckets from '../../../auditors/shield/checks/shield-drt-log-bucket-access-granted.js';
import autoRenews from '../../../auditors/shield/checks/shield-subscription-auto-renews.js';
import {
  albArn, balancer, classic, clbArn, distribution, distributionArn, eipArn, elasticIp, SRT_ROLE, subscribed, task, unsubscribed, zone, zoneArn,
} from './fixtures.js';

describe('an account without a Shield Advanced subscription', () => {
  it('gets one quiet answer: every Shield check is not applicable, even on resources a hand-built inventory holds', () => {
    // prepare
    const items = unsubscribed({ hostedZones: [zone('ZPUBLIC')], classicLoadBalancers: [classic('web')], loadBalancers: [balancer('api', 'application')], elasticIps: [elasticIp('eipalloc-0a1')], distributions: [distribution('E1')] });

    // act
    const { results, notApplicable } = evaluateChecks(task(shieldAuditor.checks), items);

    // assert
    assert.deepEqual(results, []);
    assert.equal(notApplicable, 8);
    assert.deepEqual(autoRenews.evaluate(items.account, {}, items), { status: 'NOT_APPLICABLE', summary: 'the account has no Shield Advanced subscription' });
  });
});

describe('shield-route53-hosted-zone-protected', () => {
  it('fails an unprotected public zone, passes a protected one', () => {
    const inventory = subscribed({ protectedArns: [zoneArn('ZSAFE')] });
    assert.deepEqual(hostedZoneProtected.evaluate(zone('ZOPEN'), {}, inventory), {
      status: 'FAILED', summary: 'public hosted zone zopen.example.com. (ZOPEN) is not protected by Shield Advanced', evidence: { protected: false, resourceArn: zoneArn('ZOPEN') },
    });
    assert.equal(hostedZoneProtected.evaluate(zone('ZSAFE'), {}, inventory).status, 'PASSED');
  });

  it('a private zone is not judged; an unreported zone type is an ERROR (edge)', () => {
    assert.equal(hostedZoneProtected.evaluate(zone('ZINTERNAL', true), {}, subscribed()).status, 'NOT_APPLICABLE');
    assert.throws(() => hostedZoneProtected.evaluate({ ...zone('ZODD'), privateZone: undefined }, {}, subscribed()), /Config\.PrivateZone/);
  });
});

describe('shield-cloudfront-distribution-protected', () => {
  it('fails an unprotected enabled distribution, passes a protected one', () => {
    const inventory = subscribed({ protectedArns: [distributionArn('ESAFE')] });
    assert.match(distributionProtected.evaluate(distribution('EOPEN'), {}, inventory).summary ?? '', /distribution EOPEN \(eopen\.cloudfront\.net\) is not protected/);
    assert.equal(distributionProtected.evaluate(distribution('ESAFE'), {}, inventory).status, 'PASSED');
  });

  it('a disabled distribution is not judged; an unreported Enabled is an ERROR (edge)', () => {
    assert.equal(distributionProtected.evaluate(distribution('EOFF', false), {}, subscribed()).status, 'NOT_APPLICABLE');
    assert.throws(() => distributionProtected.evaluate(distribution('EODD', null), {}, subscribed()), /Enabled/);
  });
});

describe('shield-classic-load-balancer-protected', () => {
  it('fails an unprotected internet-facing load balancer, passes a protected one', () => {
    const inventory = subscribed({ protectedArns: [clbArn('safe')] });
    assert.equal(classicProtected.evaluate(classic('open'), {}, inventory).status, 'FAILED');
    assert.equal(classicProtected.evaluate(classic('safe'), {}, inventory).status, 'PASSED');
  });

  it('an internal load balancer is not judged; an unreported scheme is an ERROR (edge)', () => {
    assert.equal(classicProtected.evaluate(classic('inside', 'internal'), {}, subscribed()).summary, 'an internal load balancer is not reachable from the internet');
    assert.throws(() => classicProtected.evaluate(classic('odd', null), {}, subscribed()), /Scheme/);
  });
});

describe('shield-elbv2-load-balancer-protected', () => {
  it('fails an unprotected internet-facing ALB, passes a protected one', () => {
    const inventory = subscribed({ protectedArns: [albArn('safe')] });
    assert.equal(elbv2Protected.evaluate(balancer('open', 'application'), {}, inventory).status, 'FAILED');
    assert.equal(elbv2Protected.evaluate(balancer('safe', 'application'), {}, inventory).status, 'PASSED');
  });

  it('judges an NLB through its Elastic IPs: all protected passes, one missing fails naming it', () => {
    // prepare
    const ips = [eipArn('eipalloc-0a1'), eipArn('eipalloc-0b2')];
    const nlb = balancer('edge', 'network', { elasticIpArns: ips });

    // act
    const all = elbv2Protected.evaluate(nlb, {}, subscribed({ protectedArns: ips }));
    const half = elbv2Protected.evaluate(nlb, {}, subscribed({ protectedArns: [ips[0] as string] }));

    // assert
    assert.equal(all.status, 'PASSED');
    assert.deepEqual(half, {
      status: 'FAILED', summary: '1 of the 2 Elastic IPs of network load balancer edge are not protected by Shield Advanced',
      evidence: { protected: false, elasticIps: ips, unprotected: [ips[1] as string] },
    });
  });

  it('an NLB without Elastic IPs cannot be protected: it fails saying so (edge)', () => {
    const verdict = elbv2Protected.evaluate(balancer('bare', 'network'), {}, subscribed());
    assert.deepEqual(verdict, { status: 'FAILED', summary: 'network load balancer bare has no Elastic IPs, so Shield Advanced cannot protect it', evidence: { protected: false, elasticIps: [] } });
  });

  it('internal load balancers and Gateway Load Balancers are not judged (edge)', () => {
    assert.equal(elbv2Protected.evaluate(balancer('inside', 'application', { scheme: 'internal' }), {}, subscribed()).status, 'NOT_APPLICABLE');
    assert.equal(elbv2Protected.evaluate(balancer('inspection', 'gateway'), {}, subscribed()).status, 'NOT_APPLICABLE');
  });
});

describe('shield-elastic-ip-protected', () => {
  it('fails an unprotected address in use, passes a protected one', () => {
    const inventory = subscribed({ protectedArns: [eipArn('eipalloc-0safe')] });
    assert.deepEqual(elasticIpProtected.evaluate(elasticIp('eipalloc-0open'), {}, inventory), {
      status: 'FAILED', summary: 'Elastic IP 198.51.100.7 (eipalloc-0open) is not protected by Shield Advanced', evidence: { protected: false, resourceArn: eipArn('eipalloc-0open') },
    });
    assert.equal(elasticIpProtected.evaluate(elasticIp('eipalloc-0safe'), {}, inventory).status, 'PASSED');
  });

  it('an address attached to nothing is not judged (edge)', () => {
    assert.equal(elasticIpProtected.evaluate(elasticIp('eipalloc-0idle', false), {}, subscribed()).status, 'NOT_APPLICABLE');
  });
});

describe('shield-drt-access-role-authorized', () => {
  it('fails an account that authorised no role, passes one that did', () => {
    const none = subscribed({ drtAccess: fetched({ logBuckets: [] }) });
    assert.deepEqual(drtRole.evaluate(none.account, {}, none), { status: 'FAILED', summary: 'no IAM role is authorised for the Shield Response Team', evidence: { RoleArn: null } });
    const granted = subscribed();
    assert.deepEqual(drtRole.evaluate(granted.account, {}, granted), { status: 'PASSED', summary: `the Shield Response Team may assume ${SRT_ROLE}`, evidence: { RoleArn: SRT_ROLE } });
  });

  it('DescribeDRTAccess refused is an ERROR for this check (edge)', () => {
    const refused = subscribed({ drtAccess: { ok: false, error: 'AccessDeniedException: not authorized' } });
    assert.throws(() => drtRole.evaluate(refused.account, {}, refused), /Shield Response Team access \(DescribeDRTAccess\) could not be read: AccessDeniedException/);
  });
});

describe('shield-drt-log-bucket-access-granted', () => {
  it('fails a role without log buckets, passes one with them', () => {
    const none = subscribed({ drtAccess: fetched({ roleArn: SRT_ROLE, logBuckets: [] }) });
    assert.deepEqual(drtLogBuckets.evaluate(none.account, {}, none), { status: 'FAILED', summary: 'the Shield Response Team may read no log bucket', evidence: { RoleArn: SRT_ROLE, LogBucketList: [] } });
    const granted = subscribed();
    assert.deepEqual(drtLogBuckets.evaluate(granted.account, {}, granted), { status: 'PASSED', summary: 'the Shield Response Team may read 1 log bucket(s)', evidence: { LogBucketList: ['waf-logs'] } });
  });

  it('without the role it is not applicable: bucket access needs the role, whose check fails instead (edge)', () => {
    const none = subscribed({ drtAccess: fetched({ logBuckets: [] }) });
    assert.equal(drtLogBuckets.evaluate(none.account, {}, none).status, 'NOT_APPLICABLE');
  });
});

describe('shield-subscription-auto-renews', () => {
  it('fails a subscription with AutoRenew DISABLED, with the end of the commitment', () => {
    const lapsing = subscribed({ subscription: { autoRenew: 'DISABLED', endTime: '2026-12-31T00:00:00.000Z' } });
    assert.deepEqual(autoRenews.evaluate(lapsing.account, {}, lapsing), {
      status: 'FAILED', summary: 'the Shield Advanced subscription does not renew automatically (AutoRenew DISABLED)', evidence: { AutoRenew: 'DISABLED', EndTime: '2026-12-31T00:00:00.000Z' },
    });
  });

  it('passes AutoRenew ENABLED', () => {
    const renewing = subscribed();
    assert.equal(autoRenews.evaluate(renewing.account, {}, renewing).status, 'PASSED');
  });

  it('an unreported AutoRenew is an ERROR (edge)', () => {
    const odd = subscribed({ subscription: {} });
    assert.throws(() => autoRenews.evaluate(odd.account, {}, odd), /AutoRenew/);
  });
});
