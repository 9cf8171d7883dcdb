/** Reads the Shield Advanced inventory. Loaded by collect.ts on the first collect(): see auditors/sqs/collect.ts. */
import { DescribeDRTAccessCommand, DescribeSubscriptionCommand, ListProtectionsCommand, ShieldClient } from '@aws-sdk/client-shield';
import { ListHostedZonesCommand, ListTagsForResourcesCommand, Route53Client, type HostedZone } from '@aws-sdk/client-route-53';
import { CloudFrontClient, ListDistributionsCommand, ListTagsForResourceCommand, type DistributionSummary } from '@aws-sdk/client-cloudfront';
import {
  DescribeLoadBalancersCommand as DescribeClassicLoadBalancersCommand,
  DescribeTagsCommand as DescribeClassicTagsCommand,
  ElasticLoadBalancingClient,
  type LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import { DescribeLoadBalancersCommand, DescribeTagsCommand, ElasticLoadBalancingV2Client, type LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeAddressesCommand, EC2Client, type Address } from '@aws-sdk/client-ec2';
import { describeAwsError } from '../../src/aws/errors.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import { CollectionError, fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { accountRef, tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import type {
  ClassicLoadBalancerItem, DistributionItem, DrtAccess, ElasticIpItem, HostedZoneItem, LoadBalancerItem, ShieldInventory, ShieldSubscription,
} from './collect.js';

type Tags = Fetched<Record<string, string>>;

const PROTECTIONS_PAGE = 1000;
const HOSTED_ZONES_PAGE = 100;
const DISTRIBUTIONS_PAGE = 100;
const LOAD_BALANCERS_PAGE = 400;
/** The most resources one tag call names: ELB and ELBv2 DescribeTags take 20, Route 53 ListTagsForResources 10. */
const ELB_TAG_BATCH = 20;
const ZONE_TAG_BATCH = 10;
/** A distribution removed between the listing and its tags. */
const DISTRIBUTION_GONE = ['NoSuchResource', 'NoSuchDistribution'];

/** The subscription, or undefined when the account has none (DescribeSubscription's ResourceNotFoundException). */
async function readSubscription(shield: ShieldClient): Promise<ShieldSubscription | undefined> {
  try {
    const { Subscription } = await shield.send(new DescribeSubscriptionCommand({}));
    if (!Subscription) throw new CollectionError('DescribeSubscription answered without a subscription and without an error', 'NoSubscriptionInAnswer');
    return {
      ...(Subscription.AutoRenew ? { autoRenew: Subscription.AutoRenew } : {}),
      ...(Subscription.EndTime ? { endTime: Subscription.EndTime.toISOString() } : {}),
    };
  } catch (error) {
    if (describeAwsError(error).code === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

async function readDrtAccess(shield: ShieldClient): Promise<Fetched<DrtAccess>> {
  return fetchDetail(async () => {
    const answer = await shield.send(new DescribeDRTAccessCommand({}));
    return { ...(answer.RoleArn ? { roleArn: answer.RoleArn } : {}), logBuckets: answer.LogBucketList ?? [] };
  });
}

async function readProtectedArns(shield: ShieldClient): Promise<string[]> {
  const protections = await collectPages(
    (NextToken) => shield.send(new ListProtectionsCommand({ MaxResults: PROTECTIONS_PAGE, NextToken })),
    (page) => page.NextToken,
    (page) => page.Protections,
  );
  return protections.flatMap((p) => (p.ResourceArn ? [p.ResourceArn] : []));
}

/** Tags read in batches; a failed batch leaves its resources untagged and marked. */
async function batchTags(keys: readonly string[], size: number, read: (batch: string[]) => Promise<Map<string, Record<string, string>>>, ctx: CollectContext): Promise<Map<string, Tags>> {
  const out = new Map<string, Tags>();
  const batches: string[][] = [];
  for (let i = 0; i < keys.length; i += size) batches.push(keys.slice(i, i + size));
  await Promise.all(
    batches.map(async (batch) => {
      const answer = await ctx.limit(() => fetchDetail(() => read(batch)));
      for (const key of batch) out.set(key, answer.ok ? { ok: true, value: answer.value.get(key) ?? {} } : answer);
    }),
  );
  return out;
}

function ref(type: string, arn: string, id: string, tags: Tags | undefined, details: Record<string, JsonValue | undefined>, ctx: CollectContext, region = ctx.region): ResourceRef {
  const known = tags ?? { ok: false, error: 'the tags were not read' };
  const present = Object.fromEntries(Object.entries(details).filter((entry): entry is [string, JsonValue] => entry[1] !== undefined));
  return {
    type, arn, id, region, partition: ctx.partition,
    tags: known.ok ? known.value : {}, ...(known.ok ? {} : { tagsError: known.error }),
    details: { [type]: present },
  };
}

async function readHostedZones(route53: Route53Client, ctx: CollectContext): Promise<HostedZoneItem[]> {
  const zones = await collectPages(
    (Marker) => route53.send(new ListHostedZonesCommand({ Marker, MaxItems: HOSTED_ZONES_PAGE })),
    (page) => (page.IsTruncated ? page.NextMarker : undefined),
    (page) => page.HostedZones,
  );
  const named = zones.filter((z): z is HostedZone & { Id: string; Name: string } => typeof z.Id === 'string' && typeof z.Name === 'string');
  const idOf = (zone: { Id: string }): string => zone.Id.replace(/^\/hostedzone\//, '');
  const tags = await batchTags(named.map(idOf), ZONE_TAG_BATCH, async (ResourceIds) => {
    const answer = await route53.send(new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds }));
    return new Map((answer.ResourceTagSets ?? []).flatMap((set) => (set.ResourceId ? [[set.ResourceId, tagsToRecord(set.Tags)] as const] : [])));
  }, ctx);
  return named.map((zone) => {
    const id = idOf(zone);
    return {
      ref: ref('AwsRoute53HostedZone', `arn:${ctx.partition}:route53:::hostedzone/${id}`, id, tags.get(id), { HostedZone: { Id: id, Name: zone.Name } }, ctx),
      name: zone.Name,
      ...(zone.Config?.PrivateZone !== undefined ? { privateZone: zone.Config.PrivateZone } : {}),
    };
  });
}

async function readDistributions(cloudfront: CloudFrontClient, ctx: CollectContext): Promise<DistributionItem[]> {
  const summaries = await collectPages(
    (Marker) => cloudfront.send(new ListDistributionsCommand({ Marker, MaxItems: DISTRIBUTIONS_PAGE })),
    (page) => (page.DistributionList?.IsTruncated ? page.DistributionList.NextMarker : undefined),
    (page) => page.DistributionList?.Items,
  );
  const named = summaries.filter((d): d is DistributionSummary & { Id: string; ARN: string } => typeof d.Id === 'string' && typeof d.ARN === 'string');
  const items = await Promise.all(
    named.map(async (distribution) => {
      const tags = await ctx.limit(() =>
        fetchDetail<Record<string, string> | undefined>(async () => tagsToRecord((await cloudfront.send(new ListTagsForResourceCommand({ Resource: distribution.ARN }))).Tags?.Items), DISTRIBUTION_GONE, undefined),
      );
      if (tags.ok && tags.value === undefined) return undefined;
      const item: DistributionItem = {
        ref: ref('AwsCloudFrontDistribution', distribution.ARN, distribution.Id, tags as Tags, { DomainName: distribution.DomainName, Status: distribution.Status }, ctx),
        id: distribution.Id,
        ...(distribution.DomainName ? { domainName: distribution.DomainName } : {}),
        ...(distribution.Enabled !== undefined ? { enabled: distribution.Enabled } : {}),
      };
      return item;
    }),
  );
  return items.filter((item): item is DistributionItem => item !== undefined);
}

async function readClassicLoadBalancers(elb: ElasticLoadBalancingClient, ctx: CollectContext, region: string): Promise<ClassicLoadBalancerItem[]> {
  const descriptions = await collectPages(
    (Marker) => elb.send(new DescribeClassicLoadBalancersCommand({ Marker, PageSize: LOAD_BALANCERS_PAGE })),
    (page) => page.NextMarker,
    (page) => page.LoadBalancerDescriptions,
  );
  const named = descriptions.filter((d): d is LoadBalancerDescription & { LoadBalancerName: string } => typeof d.LoadBalancerName === 'string');
  const tags = await batchTags(named.map((d) => d.LoadBalancerName), ELB_TAG_BATCH, async (LoadBalancerNames) => {
    const answer = await elb.send(new DescribeClassicTagsCommand({ LoadBalancerNames }));
    return new Map((answer.TagDescriptions ?? []).flatMap((d) => (d.LoadBalancerName ? [[d.LoadBalancerName, tagsToRecord(d.Tags)] as const] : [])));
  }, ctx);
  return named.map((d) => ({
    ref: ref('AwsElbLoadBalancer', `arn:${ctx.partition}:elasticloadbalancing:${region}:${ctx.accountId}:loadbalancer/${d.LoadBalancerName}`, d.LoadBalancerName, tags.get(d.LoadBalancerName),
      { LoadBalancerName: d.LoadBalancerName, Scheme: d.Scheme, DnsName: d.DNSName }, ctx, region),
    name: d.LoadBalancerName,
    ...(d.Scheme ? { scheme: d.Scheme } : {}),
  }));
}

async function readLoadBalancers(elbv2: ElasticLoadBalancingV2Client, ctx: CollectContext, region: string): Promise<LoadBalancerItem[]> {
  const balancers = await collectPages(
    (Marker) => elbv2.send(new DescribeLoadBalancersCommand({ Marker, PageSize: LOAD_BALANCERS_PAGE })),
    (page) => page.NextMarker,
    (page) => page.LoadBalancers,
  );
  const named = balancers.filter((b): b is LoadBalancer & { LoadBalancerArn: string; LoadBalancerName: string } => typeof b.LoadBalancerArn === 'string' && typeof b.LoadBalancerName === 'string');
  const tags = await batchTags(named.map((b) => b.LoadBalancerArn), ELB_TAG_BATCH, async (ResourceArns) => {
    const answer = await elbv2.send(new DescribeTagsCommand({ ResourceArns }));
    return new Map((answer.TagDescriptions ?? []).flatMap((d) => (d.ResourceArn ? [[d.ResourceArn, tagsToRecord(d.Tags)] as const] : [])));
  }, ctx);
  return named.map((b) => ({
    ref: ref('AwsElbv2LoadBalancer', b.LoadBalancerArn, b.LoadBalancerName, tags.get(b.LoadBalancerArn), { Type: b.Type, Scheme: b.Scheme, DNSName: b.DNSName }, ctx, region),
    name: b.LoadBalancerName,
    ...(b.Type ? { type: b.Type } : {}),
    ...(b.Scheme ? { scheme: b.Scheme } : {}),
    elasticIpArns: (b.AvailabilityZones ?? []).flatMap((zone) => (zone.LoadBalancerAddresses ?? []).flatMap((address) => (address.AllocationId ? [eipArn(address.AllocationId, ctx, region)] : []))),
  }));
}

const eipArn = (allocationId: string, ctx: CollectContext, region: string): string => `arn:${ctx.partition}:ec2:${region}:${ctx.accountId}:eip-allocation/${allocationId}`;

async function readElasticIps(ec2: EC2Client, ctx: CollectContext, region: string): Promise<ElasticIpItem[]> {
  // DescribeAddresses is not paginated: it answers every address of the region at once.
  const { Addresses } = await ec2.send(new DescribeAddressesCommand({}));
  // Shield protects an address by its allocation; EC2-Classic addresses (no allocation) are gone since 2023.
  const allocated = (Addresses ?? []).filter((a): a is Address & { AllocationId: string } => typeof a.AllocationId === 'string');
  return allocated.map((address) => ({
    ref: ref('AwsEc2Eip', eipArn(address.AllocationId, ctx, region), address.AllocationId, { ok: true, value: tagsToRecord(address.Tags) }, {
      AllocationId: address.AllocationId, PublicIp: address.PublicIp, Domain: address.Domain, AssociationId: address.AssociationId,
      InstanceId: address.InstanceId, NetworkInterfaceId: address.NetworkInterfaceId,
    }, ctx, region),
    allocationId: address.AllocationId,
    ...(address.PublicIp ? { publicIp: address.PublicIp } : {}),
    ...(address.AssociationId ? { associationId: address.AssociationId } : {}),
  }));
}

/** Everything Shield Advanced can protect that the checks judge, and the ARNs it protects. */
export async function fetchProtectable(ctx: CollectContext): Promise<Omit<ShieldInventory, 'account'>> {
  const [protectedArns, hostedZones, distributions, regional] = await Promise.all([
    readProtectedArns(ctx.clients.get(ShieldClient)),
    readHostedZones(ctx.clients.get(Route53Client), ctx),
    readDistributions(ctx.clients.get(CloudFrontClient), ctx),
    // The load balancers and Elastic IPs of every region the scan covers (a global inventory runs once).
    Promise.all((ctx.scanRegions ?? [ctx.region]).map(async (region) => {
      const clients = region === ctx.region ? ctx.clients : ctx.clientsIn(region);
      const [classic, v2, eips] = await Promise.all([
        readClassicLoadBalancers(clients.get(ElasticLoadBalancingClient), ctx, region),
        readLoadBalancers(clients.get(ElasticLoadBalancingV2Client), ctx, region),
        readElasticIps(clients.get(EC2Client), ctx, region),
      ]);
      return { classic, v2, eips };
    })),
  ]);
  return {
    protectedArns, hostedZones, distributions,
    classicLoadBalancers: regional.flatMap((r) => r.classic),
    loadBalancers: regional.flatMap((r) => r.v2),
    elasticIps: regional.flatMap((r) => r.eips),
  };
}

export async function fetchShieldInventory(ctx: CollectContext): Promise<ShieldInventory> {
  const shield = ctx.clients.get(ShieldClient);
  const account = accountRef(ctx.accountId, ctx.region);
  const subscription = await readSubscription(shield);
  if (!subscription) {
    ctx.logger.debug(`shield: account ${ctx.accountId} has no Shield Advanced subscription: nothing else is read, every Shield check is not applicable`);
    return { account: { ref: account }, protectedArns: [], hostedZones: [], distributions: [], classicLoadBalancers: [], loadBalancers: [], elasticIps: [] };
  }
  const [drtAccess, protectable] = await Promise.all([readDrtAccess(shield), fetchProtectable(ctx)]);
  const untagged = [...protectable.hostedZones, ...protectable.distributions, ...protectable.classicLoadBalancers, ...protectable.loadBalancers].filter((item) => item.ref.tagsError);
  // No check reads tags, but owners and exemptions are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`shield: the tags of ${untagged.length} resource(s) could not be read, e.g. ${untagged[0]?.ref.id}: ${untagged[0]?.ref.tagsError}`);
  return { account: { ref: account, subscription, drtAccess }, ...protectable };
}
