/** Hand-built ELBv2 inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { elbv2Collector, type Elbv2Inventory, type Elbv2Listener, type Elbv2LoadBalancerItem } from '../../../auditors/elbv2/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const failed = <T>(error = 'AccessDenied: not authorized'): Fetched<T> => ({ ok: false, error });

const lbArn = (name: string, type = 'app'): string => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${type}/${name}/0123456789abcdef`;

export const redirectToHttps = { type: 'redirect', redirectProtocol: 'HTTPS' };

export function listener(protocol: string, port: number, overrides: Partial<Elbv2Listener> = {}): Elbv2Listener {
  return {
    arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/lb/0123456789abcdef/${protocol.toLowerCase()}${port}`,
    protocol,
    port,
    ...(protocol === 'HTTPS' || protocol === 'TLS' ? { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' } : {}),
    defaultActions: protocol === 'HTTP' ? [redirectToHttps] : [{ type: 'forward' }],
    ...(protocol === 'HTTP' ? { rules: fetched([]) } : {}),
    ...overrides,
  };
}

/** A compliant internet-facing Application Load Balancer unless overridden. */
export function loadBalancer(name: string, overrides: Partial<Omit<Elbv2LoadBalancerItem, 'ref' | 'name'>> = {}): Elbv2LoadBalancerItem {
  const type = overrides.type ?? 'application';
  return {
    ref: { type: 'AwsElbv2LoadBalancer', arn: lbArn(name, type === 'network' ? 'net' : type === 'gateway' ? 'gwy' : 'app'), id: name, region: REGION, partition: 'aws', tags: {} },
    name,
    type,
    scheme: 'internet-facing',
    attributes: fetched({ 'access_logs.s3.enabled': 'true', 'access_logs.s3.bucket': 'logs', 'deletion_protection.enabled': 'true' }),
    listeners: fetched([listener('HTTP', 80), listener('HTTPS', 443)]),
    tags: fetched({}),
    ...overrides,
  };
}

export const inventory = (...loadBalancers: Elbv2LoadBalancerItem[]): Elbv2Inventory => ({ loadBalancers });

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: elbv2Collector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
