import { z } from 'zod';
import { defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { elbv2Collector, type Elbv2Inventory, type Elbv2LoadBalancerItem } from '../collect.js';
import { listenerTraffic } from '../listeners.js';

const parameters = z
  .object({
    /**
     * TCP, UDP and GENEVE listeners carry a payload the load balancer does not see (often TLS passed
     * through to the targets): 'allow' (default) does not judge them, 'fail' fails them, as Security Hub ELB.18 does.
     */
    tcpListeners: z.enum(['allow', 'fail']).default('allow'),
  })
  .strict();

export default defineCheck<Elbv2Inventory, Elbv2LoadBalancerItem, z.infer<typeof parameters>>({
  meta: {
    id: 'elbv2-load-balancer-internet-traffic-encrypted',
    service: 'elbv2',
    title: 'Internet-facing load balancers accept only encrypted traffic',
    description:
      'ElectricEye "internet-facing ALB has a secure listener", modernised: an internet-facing load balancer fails when a listener serves plaintext HTTP. HTTPS, TLS and QUIC listeners are secure; an HTTP listener whose default action and every rule redirect to HTTPS is fine. TCP and UDP listeners are not judged unless tcpListeners is fail. Internal load balancers are not applicable.',
    severity: 'HIGH',
    resourceType: 'AwsElbv2LoadBalancer',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Add an HTTPS (or TLS) listener with an ACM certificate and a TLS 1.2+ security policy, then change the HTTP listener\'s default action and rules to redirect to HTTPS (HTTP 301), or remove the HTTP listener.',
      url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html',
    },
    compliance: { fsbp: ['ELB.1'], nist: ['SC-8', 'SC-23'] },
  },
  collector: elbv2Collector,
  parameters,
  select: (inventory) => inventory.loadBalancers,
  evaluate(lb, params) {
    const scheme = reported(lb.scheme, 'Scheme', lb.name);
    if (scheme !== 'internet-facing') return notApplicable(`the load balancer is ${scheme}`);
    const listeners = need(lb.listeners, 'the listeners');
    if (listeners.length === 0) return notApplicable('the load balancer has no listeners');
    const judged = listeners.map((l) => ({ port: l.port ?? null, protocol: l.protocol ?? null, ...listenerTraffic(l) }));
    const offending = judged.filter((l) => l.traffic === 'plaintext' || (l.traffic === 'opaque' && params.tcpListeners === 'fail'));
    const evidence = { listeners: judged, tcpListeners: params.tcpListeners };
    if (offending.length === 0) return pass(`every listener is encrypted or redirects to HTTPS (${judged.map((l) => `${l.protocol}:${l.port}`).join(', ')})`, evidence);
    const names = offending.map((l) => `${l.protocol}:${l.port} (${l.why})`).join('; ');
    return fail(`internet-facing load balancer ${lb.name} accepts unencrypted traffic: ${names}`, evidence);
  },
});
