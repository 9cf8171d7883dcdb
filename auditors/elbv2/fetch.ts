/** Reads the ELBv2 inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  DescribeListenersCommand, DescribeLoadBalancerAttributesCommand, DescribeLoadBalancersCommand, DescribeRulesCommand, DescribeTagsCommand,
  ElasticLoadBalancingV2Client, type Action, type Listener, type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { describeAwsError } from '../../src/aws/errors.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord } from '../../src/core/resource.js';
import { redact } from '../../src/util/redact.js';
import type { Elbv2Inventory, Elbv2Listener, Elbv2LoadBalancerItem, ListenerAction, ListenerRule } from './collect.js';

/** The largest page the describe calls return. */
const PAGE_SIZE = 400;
/** DescribeTags takes at most twenty ARNs. */
export const TAGS_BATCH = 20;
/** A load balancer or listener deleted between the listing and a detail call (wire code and SDK exception name). */
export const GONE_CODES = ['LoadBalancerNotFound', 'LoadBalancerNotFoundException', 'ListenerNotFound', 'ListenerNotFoundException'];

const GONE = Symbol('gone');

async function readDetail<T>(call: () => Promise<T>): Promise<Fetched<T> | typeof GONE> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const { code, message } = describeAwsError(error);
    if (GONE_CODES.includes(code)) return GONE;
    return { ok: false, error: redact(message) };
  }
}

const toActions = (actions: readonly Action[] | undefined): ListenerAction[] =>
  [...(actions ?? [])]
    .sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0))
    .map((a) => ({ type: a.Type ?? 'unknown', ...(a.RedirectConfig?.Protocol !== undefined ? { redirectProtocol: a.RedirectConfig.Protocol } : {}) }));

const isInternetFacingAlb = (lb: LoadBalancer): boolean => lb.Type === 'application' && lb.Scheme === 'internet-facing';

async function readRules(client: ElasticLoadBalancingV2Client, listenerArn: string, ctx: CollectContext): Promise<Fetched<ListenerRule[]> | typeof GONE> {
  return ctx.limit(() => readDetail(async () => {
    const rules = await collectPages(
      (Marker) => client.send(new DescribeRulesCommand({ ListenerArn: listenerArn, PageSize: PAGE_SIZE, Marker })),
      (page) => page.NextMarker,
      (page) => page.Rules,
    );
    return rules.filter((r) => r.IsDefault !== true).map((r) => ({ priority: r.Priority ?? '?', actions: toActions(r.Actions) }));
  }));
}

async function toListener(client: ElasticLoadBalancingV2Client, lb: LoadBalancer, listener: Listener, ctx: CollectContext): Promise<Elbv2Listener | typeof GONE> {
  const out: Elbv2Listener = {
    arn: listener.ListenerArn ?? 'unknown',
    ...(listener.Port !== undefined ? { port: listener.Port } : {}),
    ...(listener.Protocol !== undefined ? { protocol: listener.Protocol } : {}),
    // Only secure listeners have a security policy (the emulator reports one on HTTP listeners too).
    ...(listener.SslPolicy !== undefined && (listener.Protocol === 'HTTPS' || listener.Protocol === 'TLS') ? { sslPolicy: listener.SslPolicy } : {}),
    defaultActions: toActions(listener.DefaultActions),
  };
  if (!isInternetFacingAlb(lb) || listener.Protocol !== 'HTTP' || !listener.ListenerArn) return out;
  const rules = await readRules(client, listener.ListenerArn, ctx);
  return rules === GONE ? GONE : { ...out, rules };
}

async function readListeners(client: ElasticLoadBalancingV2Client, lb: LoadBalancer & { LoadBalancerArn: string }, ctx: CollectContext): Promise<Fetched<Elbv2Listener[]> | typeof GONE> {
  const listed = await ctx.limit(() => readDetail(() => collectPages(
    (Marker) => client.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn, PageSize: PAGE_SIZE, Marker })),
    (page) => page.NextMarker,
    (page) => page.Listeners,
  )));
  if (listed === GONE || !listed.ok) return listed;
  const listeners = await Promise.all(listed.value.map((l) => toListener(client, lb, l, ctx)));
  // A listener deleted since the listing is simply no longer there.
  return { ok: true, value: listeners.filter((l): l is Elbv2Listener => l !== GONE) };
}

type JsonObject = { [key: string]: JsonValue };

function compact(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

/** ASFF AwsElbv2LoadBalancerDetails. */
function loadBalancerDetails(lb: LoadBalancer, attributes: Fetched<Record<string, string>>): JsonObject {
  return compact({
    DNSName: lb.DNSName,
    CanonicalHostedZoneId: lb.CanonicalHostedZoneId,
    CreatedTime: lb.CreatedTime?.toISOString(),
    IpAddressType: lb.IpAddressType,
    Scheme: lb.Scheme,
    Type: lb.Type,
    VpcId: lb.VpcId,
    State: lb.State?.Code ? { Code: lb.State.Code } : undefined,
    SecurityGroups: lb.SecurityGroups?.length ? lb.SecurityGroups : undefined,
    AvailabilityZones: lb.AvailabilityZones?.length ? lb.AvailabilityZones.map((z) => compact({ ZoneName: z.ZoneName, SubnetId: z.SubnetId })) : undefined,
    LoadBalancerAttributes: attributes.ok ? Object.entries(attributes.value).map(([Key, Value]) => ({ Key, Value })) : undefined,
  });
}

async function readTags(client: ElasticLoadBalancingV2Client, arns: readonly string[], ctx: CollectContext): Promise<Map<string, Fetched<Record<string, string>>>> {
  const out = new Map<string, Fetched<Record<string, string>>>();
  const batches: string[][] = [];
  for (let i = 0; i < arns.length; i += TAGS_BATCH) batches.push(arns.slice(i, i + TAGS_BATCH));
  await Promise.all(batches.map(async (ResourceArns) => {
    const answer = await ctx.limit(() => fetchDetail(async () => (await client.send(new DescribeTagsCommand({ ResourceArns }))).TagDescriptions ?? []));
    for (const arn of ResourceArns) {
      if (!answer.ok) out.set(arn, answer);
      else out.set(arn, { ok: true, value: tagsToRecord(answer.value.find((d) => d.ResourceArn === arn)?.Tags) });
    }
  }));
  return out;
}

async function readLoadBalancer(client: ElasticLoadBalancingV2Client, lb: LoadBalancer & { LoadBalancerArn: string }, tags: Fetched<Record<string, string>>, ctx: CollectContext): Promise<Elbv2LoadBalancerItem | undefined> {
  const [attributes, listeners] = await Promise.all([
    ctx.limit(() => readDetail(async () => {
      const answer = await client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
      return Object.fromEntries((answer.Attributes ?? []).flatMap((a) => (a.Key !== undefined && a.Value !== undefined ? [[a.Key, a.Value]] : [])));
    })),
    readListeners(client, lb, ctx),
  ]);
  if (attributes === GONE || listeners === GONE) return undefined;
  const name = lb.LoadBalancerName ?? lb.LoadBalancerArn.split('/').at(-2) ?? lb.LoadBalancerArn;
  return {
    ref: {
      type: 'AwsElbv2LoadBalancer',
      arn: lb.LoadBalancerArn,
      id: name,
      region: ctx.region,
      partition: ctx.partition,
      tags: tags.ok ? tags.value : {},
      ...(tags.ok ? {} : { tagsError: tags.error }),
      details: { AwsElbv2LoadBalancer: loadBalancerDetails(lb, attributes) },
    },
    name,
    ...(lb.Type !== undefined ? { type: lb.Type } : {}),
    ...(lb.Scheme !== undefined ? { scheme: lb.Scheme } : {}),
    attributes,
    listeners,
    tags,
  };
}

async function collect(ctx: CollectContext): Promise<Elbv2Inventory> {
  const client = ctx.clients.get(ElasticLoadBalancingV2Client);
  const listed = await collectPages(
    (Marker) => client.send(new DescribeLoadBalancersCommand({ PageSize: PAGE_SIZE, Marker })),
    (page) => page.NextMarker,
    (page) => page.LoadBalancers,
  );
  const balancers = listed.filter((lb): lb is LoadBalancer & { LoadBalancerArn: string } => lb.LoadBalancerArn !== undefined);
  const tags = await readTags(client, balancers.map((lb) => lb.LoadBalancerArn), ctx);
  const missing: Fetched<Record<string, string>> = { ok: false, error: 'DescribeTags did not answer for this load balancer' };
  const items = await Promise.all(balancers.map((lb) => readLoadBalancer(client, lb, tags.get(lb.LoadBalancerArn) ?? missing, ctx)));
  const loadBalancers = items.filter((lb): lb is Elbv2LoadBalancerItem => lb !== undefined);
  const untagged = loadBalancers.flatMap((lb) => (lb.tags.ok ? [] : [`${lb.name}: ${lb.tags.error}`]));
  // No check reads tags, but owners are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`elbv2: the tags of ${untagged.length} load balancer(s) could not be read, e.g. ${untagged[0]}`);
  return { loadBalancers };
}

/** Lists the load balancers and reads what the checks judge. */
export function fetchElbv2Inventory(ctx: CollectContext): Promise<Elbv2Inventory> {
  return unlessNotOffered(
    () => collect(ctx),
    () => ({ loadBalancers: [] }),
    (why) => ctx.logger.debug(`elbv2: not offered in ${ctx.region}: ${why}`),
  );
}
