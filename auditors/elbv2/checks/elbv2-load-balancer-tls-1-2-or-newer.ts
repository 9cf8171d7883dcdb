import { defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { elbv2Collector, type Elbv2Inventory, type Elbv2LoadBalancerItem } from '../collect.js';
import { MINIMUM_TLS_VERSION, TLS_POLICIES_READ } from '../tls-policies.js';

export default defineCheck<Elbv2Inventory, Elbv2LoadBalancerItem>({
  meta: {
    id: 'elbv2-load-balancer-tls-1-2-or-newer',
    service: 'elbv2',
    title: 'Load balancer HTTPS and TLS listeners refuse TLS versions older than 1.2',
    description:
      'Flags a load balancer with an HTTPS or TLS listener whose security policy still accepts TLS 1.0 or 1.1 (ELBSecurityPolicy-2016-08, the CLI and CloudFormation default, among others). The oldest TLS version of every predefined policy is kept in auditors/elbv2/tls-policies.ts with its source; a policy missing there is an error until it is added. Security Hub ELB.17 asks for AWS\'s recommended policies, a subset of these.',
    severity: 'MEDIUM',
    resourceType: 'AwsElbv2LoadBalancer',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Change the listener\'s security policy (modify-listener --ssl-policy) to ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 or ELBSecurityPolicy-TLS13-1-2-2021-06, after checking in the access logs that no client still negotiates TLS 1.0 or 1.1.',
      url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
    },
    compliance: { fsbp: ['ELB.17'], nist: ['SC-8', 'SC-13'] },
  },
  collector: elbv2Collector,
  select: (inventory) => inventory.loadBalancers,
  evaluate(lb) {
    const secure = need(lb.listeners, 'the listeners').filter((l) => l.protocol === 'HTTPS' || l.protocol === 'TLS');
    if (secure.length === 0) return notApplicable('the load balancer has no HTTPS or TLS listener');
    const judged = secure.map((l) => {
      const policy = reported(l.sslPolicy, 'the listener security policy', l.arn);
      const minimum = MINIMUM_TLS_VERSION[policy];
      if (minimum === undefined) throw new Error(`the security policy ${policy} is not in rampart's list of ELB policies (read ${TLS_POLICIES_READ}): add it to auditors/elbv2/tls-policies.ts`);
      return { port: l.port ?? null, protocol: l.protocol ?? null, sslPolicy: policy, minimumTlsVersion: minimum };
    });
    const old = judged.filter((l) => l.minimumTlsVersion < '1.2');
    if (old.length === 0) return pass(`every secure listener requires TLS 1.2 or newer (${judged.map((l) => l.sslPolicy).join(', ')})`, { listeners: judged });
    const names = old.map((l) => `${l.protocol}:${l.port} ${l.sslPolicy} (TLS ${l.minimumTlsVersion})`).join('; ');
    return fail(`load balancer ${lb.name} accepts TLS older than 1.2: ${names}`, { listeners: judged });
  },
});
