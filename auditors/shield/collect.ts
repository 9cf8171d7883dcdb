/**
 * Shield Advanced inventory: global, read once per account in the home region.
 * First the subscription (DescribeSubscription). An account without one reads
 * nothing else: every Shield check is then NOT_APPLICABLE, one quiet answer
 * instead of a failure per resource (Shield Advanced is an optional, paid
 * service; the Shield checks ask whether an account that bought it uses it).
 * With a subscription: the Shield Response Team's access (DescribeDRTAccess),
 * every protection (ListProtections, matched by resource ARN), and the resources
 * Shield Advanced can protect: Route 53 hosted zones and CloudFront distributions
 * (global), and the Classic and v2 load balancers and Elastic IPs of every
 * region the scan covers (CollectContext.scanRegions): their findings live in
 * the home region's scope, each with its resource's own region and ARN.
 * The pattern (types here, AWS calls in fetch.ts) is described in auditors/sqs/collect.ts.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface ShieldSubscription {
  /** ENABLED or DISABLED; undefined when not reported. */
  autoRenew?: string;
  endTime?: string;
}

export interface DrtAccess {
  /** The role the Shield Response Team (formerly DRT) may assume; undefined when none is authorised. */
  roleArn?: string;
  logBuckets: string[];
}

export interface ShieldAccountItem {
  ref: ResourceRef;
  /** Undefined when the account has no Shield Advanced subscription. */
  subscription?: ShieldSubscription;
  /** Read only with a subscription. */
  drtAccess?: Fetched<DrtAccess>;
}

export interface HostedZoneItem {
  ref: ResourceRef;
  name: string;
  /** Undefined when not reported. */
  privateZone?: boolean;
}

export interface ClassicLoadBalancerItem {
  ref: ResourceRef;
  name: string;
  /** internet-facing or internal; undefined when not reported. */
  scheme?: string;
}

export interface LoadBalancerItem {
  ref: ResourceRef;
  name: string;
  /** application, network or gateway; undefined when not reported. */
  type?: string;
  scheme?: string;
  /** ARNs of the Elastic IP allocations of a network load balancer's subnets (Shield protects an NLB through them). */
  elasticIpArns: string[];
}

export interface ElasticIpItem {
  ref: ResourceRef;
  allocationId: string;
  publicIp?: string;
  /** What the address is attached to; undefined when it is attached to nothing. */
  associationId?: string;
}

export interface DistributionItem {
  ref: ResourceRef;
  id: string;
  domainName?: string;
  /** Undefined when not reported. */
  enabled?: boolean;
}

export interface ShieldInventory {
  account: ShieldAccountItem;
  /** The resource ARNs Shield Advanced protects (every region); empty without a subscription. */
  protectedArns: string[];
  hostedZones: HostedZoneItem[];
  classicLoadBalancers: ClassicLoadBalancerItem[];
  loadBalancers: LoadBalancerItem[];
  elasticIps: ElasticIpItem[];
  distributions: DistributionItem[];
}

export const shieldCollector: Collector<ShieldInventory> = {
  id: 'shield',
  service: 'shield',
  global: true,
  permissions: [
    'shield:DescribeSubscription',
    'shield:DescribeDRTAccess',
    'shield:ListProtections',
    'route53:ListHostedZones',
    'route53:ListTagsForResources',
    'cloudfront:ListDistributions',
    'cloudfront:ListTagsForResource',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTags',
    'ec2:DescribeAddresses',
  ],
  async collect(ctx) {
    const { fetchShieldInventory } = await import('./fetch.js');
    return fetchShieldInventory(ctx);
  },
};
