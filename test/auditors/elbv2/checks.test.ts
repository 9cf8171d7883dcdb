import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import type { Elbv2Inventory, Elbv2LoadBalancerItem } from '../../../auditors/elbv2/collect.js';
import { elbv2Auditor } from '../../../auditors/elbv2/index.js';
import { ACCEPTABLE_TLS_POLICIES, MINIMUM_TLS_VERSION } from '../../../auditors/elbv2/tls-policies.js';
import accessLogging from '../../../auditors/elbv2/checks/elbv2-load-balancer-access-logging-enabled.js';
import deletionProtection from '../../../auditors/elbv2/checks/elbv2-load-balancer-deletion-protection-enabled.js';
import internetTraffic from '../../../auditors/elbv2/checks/elbv2-load-balancer-internet-traffic-encrypted.js';
import tlsPolicy from '../../../auditors/elbv2/checks/elbv2-load-balancer-tls-1-2-or-newer.js';
import { failed, inventory, listener, loadBalancer, redirectToHttps, task } from './fixtures.js';

function evaluate<Params>(check: Check<Elbv2Inventory, Elbv2LoadBalancerItem, Params>, item: Elbv2LoadBalancerItem, params: Record<string, unknown> = {}): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inventory(item));
}

describe('elbv2-load-balancer-internet-traffic-encrypted', () => {
  it('fails an internet-facing load balancer whose HTTP listener forwards', () => {
    // prepare
    const lb = loadBalancer('web', { listeners: fetched([listener('HTTP', 80, { defaultActions: [{ type: 'forward' }] }), listener('HTTPS', 443)]) });

    // act
    const verdict = evaluate(internetTraffic, lb);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.summary, 'internet-facing load balancer web accepts unencrypted traffic: HTTP:80 (serves HTTP: default action forward)');
  });

  it('passes HTTPS beside an HTTP listener that only redirects to HTTPS', () => {
    const verdict = evaluate(internetTraffic, loadBalancer('web'));
    assert.deepEqual([verdict.status, verdict.summary], ['PASSED', 'every listener is encrypted or redirects to HTTPS (HTTP:80, HTTPS:443)']);
  });

  it('a redirecting HTTP listener with a rule that answers over HTTP fails; a redirect that keeps the protocol fails (edge)', () => {
    const rule = listener('HTTP', 80, { rules: fetched([{ priority: '10', actions: [{ type: 'fixed-response' }] }]) });
    assert.match(evaluate(internetTraffic, loadBalancer('web', { listeners: fetched([rule]) })).summary ?? '', /rule 10 fixed-response/);
    const keeps = listener('HTTP', 80, { defaultActions: [{ type: 'redirect', redirectProtocol: '#{protocol}' }] });
    assert.equal(evaluate(internetTraffic, loadBalancer('web', { listeners: fetched([keeps]) })).status, 'FAILED');
  });

  it('TCP listeners are not judged by default and fail with tcpListeners: fail; internal load balancers are not applicable (edge)', () => {
    const nlb = loadBalancer('net', { type: 'network', listeners: fetched([listener('TCP', 443), listener('TLS', 8443)]) });
    assert.equal(evaluate(internetTraffic, nlb).status, 'PASSED');
    assert.equal(evaluate(internetTraffic, nlb, { tcpListeners: 'fail' }).status, 'FAILED');
    assert.equal(evaluate(internetTraffic, loadBalancer('inside', { scheme: 'internal', listeners: fetched([listener('HTTP', 80, { defaultActions: [{ type: 'forward' }] })]) })).status, 'NOT_APPLICABLE');
  });

  it('rules that could not be read are an error, not a pass', () => {
    const lb = loadBalancer('web', { listeners: fetched([listener('HTTP', 80, { defaultActions: [redirectToHttps], rules: failed() })]) });
    assert.throws(() => evaluate(internetTraffic, lb), MissingInputError);
  });
});

describe('elbv2-load-balancer-tls-1-2-or-newer', () => {
  it('fails an HTTPS listener on the CLI default policy, which accepts TLS 1.0', () => {
    // prepare
    const lb = loadBalancer('web', { listeners: fetched([listener('HTTPS', 443, { sslPolicy: 'ELBSecurityPolicy-2016-08' })]) });

    // act
    const verdict = evaluate(tlsPolicy, lb);

    // assert
    assert.equal(verdict.summary, 'load balancer web accepts TLS older than 1.2: HTTPS:443 ELBSecurityPolicy-2016-08 (TLS 1.0)');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.listeners, [{ port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-2016-08', minimumTlsVersion: '1.0' }]);
  });

  it('passes TLS 1.2+ policies, post-quantum and FIPS ones included, on HTTPS and TLS listeners', () => {
    const lb = loadBalancer('web', { listeners: fetched([
      listener('HTTPS', 443, { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' }),
      listener('TLS', 8443, { sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04' }),
    ]) });
    assert.equal(evaluate(tlsPolicy, lb).status, 'PASSED');
  });

  it('a TLS 1.3 policy that still accepts TLS 1.0 fails; a policy not in the list is an error; no secure listener is not applicable (edge)', () => {
    const tls13With10 = loadBalancer('web', { listeners: fetched([listener('HTTPS', 443, { sslPolicy: 'ELBSecurityPolicy-TLS13-1-0-2021-06' })]) });
    assert.equal(evaluate(tlsPolicy, tls13With10).status, 'FAILED');
    const unknown = loadBalancer('web', { listeners: fetched([listener('HTTPS', 443, { sslPolicy: 'ELBSecurityPolicy-TLS14-2031-01' })]) });
    assert.throws(() => evaluate(tlsPolicy, unknown), /not in rampart's list of ELB policies/);
    assert.equal(evaluate(tlsPolicy, loadBalancer('web', { listeners: fetched([listener('HTTP', 80)]) })).status, 'NOT_APPLICABLE');
  });

  it('the policy list knows each policy\'s oldest TLS version, and accepts only 1.2 and newer', () => {
    assert.ok(ACCEPTABLE_TLS_POLICIES.includes('ELBSecurityPolicy-TLS13-1-2-2021-06'));
    assert.ok(!ACCEPTABLE_TLS_POLICIES.includes('ELBSecurityPolicy-TLS-1-1-2017-01'));
    for (const [name, version] of Object.entries(MINIMUM_TLS_VERSION)) {
      const stated = /TLS13-1-(\d)-|TLS-1-(\d)-|FS-1-(\d)-/.exec(name);
      if (stated) assert.equal(version, `1.${stated[1] ?? stated[2] ?? stated[3]}`, name);
    }
  });
});

describe('elbv2-load-balancer-access-logging-enabled', () => {
  it('fails an Application Load Balancer without access logs', () => {
    const lb = loadBalancer('web', { attributes: fetched({ 'access_logs.s3.enabled': 'false', 'deletion_protection.enabled': 'true' }) });
    assert.deepEqual(evaluate(accessLogging, lb), {
      status: 'FAILED', summary: 'application load balancer web does not write access logs', evidence: { 'access_logs.s3.enabled': 'false', 'access_logs.s3.bucket': null },
    });
  });

  it('passes access logs to a bucket', () => {
    assert.equal(evaluate(accessLogging, loadBalancer('web')).summary, 'access logs go to s3://logs');
  });

  it('a Network Load Balancer without TLS listeners and a Gateway Load Balancer are not applicable; a missing attribute is an error (edge)', () => {
    assert.equal(evaluate(accessLogging, loadBalancer('net', { type: 'network', listeners: fetched([listener('TCP', 443)]) })).status, 'NOT_APPLICABLE');
    assert.equal(evaluate(accessLogging, loadBalancer('net', { type: 'network', listeners: fetched([listener('TLS', 443)]), attributes: fetched({ 'access_logs.s3.enabled': 'false' }) })).status, 'FAILED');
    assert.equal(evaluate(accessLogging, loadBalancer('gwy', { type: 'gateway' })).status, 'NOT_APPLICABLE');
    assert.throws(() => evaluate(accessLogging, loadBalancer('web', { attributes: fetched({}) })), /did not report the attribute access_logs.s3.enabled/);
  });
});

describe('elbv2-load-balancer-deletion-protection-enabled', () => {
  it('fails a load balancer without deletion protection', () => {
    assert.equal(evaluate(deletionProtection, loadBalancer('web', { attributes: fetched({ 'deletion_protection.enabled': 'false' }) })).status, 'FAILED');
  });

  it('passes deletion protection', () => {
    assert.equal(evaluate(deletionProtection, loadBalancer('web')).status, 'PASSED');
  });

  it('attributes that could not be read are an error (edge)', () => {
    assert.throws(() => evaluate(deletionProtection, loadBalancer('web', { attributes: failed() })), /the load balancer attributes could not be read/);
  });
});

describe('elbv2 auditor', () => {
  it('listeners that could not be read make the listener checks ERROR; the attribute checks still judge', () => {
    const { results } = evaluateChecks(task(elbv2Auditor.checks), inventory(loadBalancer('web', { listeners: failed() })));
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId}`), [
      'ERROR elbv2-load-balancer-internet-traffic-encrypted',
      'ERROR elbv2-load-balancer-tls-1-2-or-newer',
      'PASSED elbv2-load-balancer-access-logging-enabled',
      'PASSED elbv2-load-balancer-deletion-protection-enabled',
    ]);
  });
});
