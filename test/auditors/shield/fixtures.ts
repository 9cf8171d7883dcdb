/** Hand-built Shield Advanced inventories for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { accountRef, type ResourceRef } from '../../../src/core/resource.js';
import {
  shieldCollector, type ClassicLoadBalancerItem, type DistributionItem, type DrtAccess, type ElasticIpItem, type HostedZoneItem, type LoadBalancerItem,
  type ShieldInventory, type ShieldSubscription,
} from '../../../auditors/shield/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const SRT_ROLE = `arn:aws:iam::${ACCOUNT}:role/shield-response-team`;

const ref = (type: string, arn: string, id: string): ResourceRef => ({ type, arn, id, region: REGION, partition: 'aws', tags: {} });

export const zoneArn = (id: string): string => `arn:aws:route53:::hostedzone/${id}`;
export const clbArn = (name: string): string => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${name}`;
export const albArn = (name: string, kind = 'app'): string => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${kind}/${name}/50dc6c495c0c9188`;
export const eipArn = (id: string): string => `arn:aws:ec2:${REGION}:${ACCOUNT}:eip-allocation/${id}`;
export const distributionArn = (id: string): string => `arn:aws:cloudfront::${ACCOUNT}:distribution/${id}`;

export function zone(id: string, privateZone = false): HostedZoneItem {
  return { ref: ref('AwsRoute53HostedZone', zoneArn(id), id), name: `${id.toLowerCase()}.example.com.`, privateZone };
}

/** `scheme` null: not reported. */
export function classic(name: string, scheme: string | null = 'internet-facing'): ClassicLoadBalancerItem {
  return { ref: ref('AwsElbLoadBalancer', clbArn(name), name), name, ...(scheme !== null ? { scheme } : {}) };
}

export function balancer(name: string, type: string, fields: Partial<Pick<LoadBalancerItem, 'scheme' | 'elasticIpArns'>> = {}): LoadBalancerItem {
  const kind = type === 'network' ? 'net' : type === 'gateway' ? 'gwy' : 'app';
  return { ref: ref('AwsElbv2LoadBalancer', albArn(name, kind), name), name, type, scheme: 'internet-facing', elasticIpArns: [], ...fields };
}

export function elasticIp(id: string, associated = true): ElasticIpItem {
  return { ref: ref('AwsEc2Eip', eipArn(id), id), allocationId: id, publicIp: '198.51.100.7', ...(associated ? { associationId: `eipassoc-${id.slice(9)}` } : {}) };
}

/** `enabled` null: not reported. */
export function distribution(id: string, enabled: boolean | null = true): DistributionItem {
  return { ref: ref('AwsCloudFrontDistribution', distributionArn(id), id), id, domainName: `${id.toLowerCase()}.cloudfront.net`, ...(enabled !== null ? { enabled } : {}) };
}

export interface InventoryParts extends Partial<Omit<ShieldInventory, 'account'>> {
  /** The subscription; undefined (the default) is an account without Shield Advanced unless `subscribed` is true. */
  subscription?: ShieldSubscription;
  drtAccess?: Fetched<DrtAccess>;
}

/** A subscribed account (AutoRenew on, the SRT role and one log bucket authorised) unless the parts say otherwise. */
export function subscribed(parts: InventoryParts = {}): ShieldInventory {
  const { subscription = { autoRenew: 'ENABLED', endTime: '2027-06-01T00:00:00.000Z' }, drtAccess = fetched({ roleArn: SRT_ROLE, logBuckets: ['waf-logs'] }), ...rest } = parts;
  return { account: { ref: accountRef(ACCOUNT, REGION), subscription, drtAccess }, protectedArns: [], hostedZones: [], classicLoadBalancers: [], loadBalancers: [], elasticIps: [], distributions: [], ...rest };
}

/** An account without a Shield Advanced subscription (the collector reads nothing else). */
export function unsubscribed(parts: Partial<Omit<ShieldInventory, 'account'>> = {}): ShieldInventory {
  return { account: { ref: accountRef(ACCOUNT, REGION) }, protectedArns: [], hostedZones: [], classicLoadBalancers: [], loadBalancers: [], elasticIps: [], distributions: [], ...parts };
}

export function task(checks: readonly AnyCheck[]): PlanTask {
  return { accountId: ACCOUNT, region: REGION, collector: shieldCollector, checks: checks.map((check) => ({ check, params: {}, severity: check.meta.severity })) };
}
