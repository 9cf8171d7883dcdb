import { defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { elbv2Collector, type Elbv2Inventory, type Elbv2LoadBalancerItem } from '../collect.js';

const KEY = 'access_logs.s3.enabled';

export default defineCheck<Elbv2Inventory, Elbv2LoadBalancerItem>({
  meta: {
    id: 'elbv2-load-balancer-access-logging-enabled',
    service: 'elbv2',
    title: 'Application and Network Load Balancers write access logs',
    description:
      'Flags an Application Load Balancer, or a Network Load Balancer with a TLS listener, whose access logs to S3 are off (attribute access_logs.s3.enabled false): requests cannot be traced in an investigation. A Network Load Balancer without TLS listeners (its access logs record TLS requests only) and a Gateway Load Balancer (no access logs) are not applicable.',
    severity: 'MEDIUM',
    resourceType: 'AwsElbv2LoadBalancer',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Turn on access logs (modify-load-balancer-attributes access_logs.s3.enabled=true, access_logs.s3.bucket=<bucket>) to an S3 bucket in the same region whose bucket policy lets Elastic Load Balancing log delivery write to it.',
      url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
    },
    compliance: { fsbp: ['ELB.5'], nist: ['AU-2', 'AU-3', 'AU-12'] },
  },
  collector: elbv2Collector,
  select: (inventory) => inventory.loadBalancers,
  evaluate(lb) {
    const type = reported(lb.type, 'Type', lb.name);
    if (type === 'gateway') return notApplicable('Gateway Load Balancers have no access logs');
    if (type === 'network') {
      const listeners = need(lb.listeners, 'the listeners');
      if (!listeners.some((l) => l.protocol === 'TLS')) return notApplicable('a Network Load Balancer logs TLS requests only, and this one has no TLS listener');
    }
    const attributes = need(lb.attributes, 'the load balancer attributes');
    const enabled = reported(attributes[KEY], `the attribute ${KEY}`, lb.name);
    const evidence = { [KEY]: enabled, 'access_logs.s3.bucket': attributes['access_logs.s3.bucket'] ?? null };
    if (enabled === 'true') return pass(`access logs go to s3://${attributes['access_logs.s3.bucket'] ?? '?'}`, evidence);
    return fail(`${type} load balancer ${lb.name} does not write access logs`, evidence);
  },
});
