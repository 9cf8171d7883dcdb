/**
 * What moto cannot show: a subscribed account (its subscription answer is
 * unreadable, DescribeDRTAccess is missing), NLB Elastic IPs, pages, tags in
 * batches, refused calls. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DescribeDRTAccessCommand, DescribeSubscriptionCommand, ListProtectionsCommand, ShieldClient, ShieldServiceException } from '@aws-sdk/client-shield';
import { ListHostedZonesCommand, ListTagsForResourcesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { CloudFrontClient, CloudFrontServiceException, ListDistributionsCommand, ListTagsForResourceCommand, type DistributionSummary } from '@aws-sdk/client-cloudfront';
import { DescribeLoadBalancersCommand as DescribeClassicLoadBalancersCommand, DescribeTagsCommand as DescribeClassicTagsCommand, ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { DescribeLoadBalancersCommand, DescribeTagsCommand, ElasticLoadBalancingV2Client, ElasticLoadBalancingV2ServiceException, type LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeAddressesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import { iamActionFor } from '../../../src/aws/iam-actions.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { shieldCollector } from '../../../auditors/shield/collect.js';
import { shieldAuditor } from '../../../auditors/shield/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { statusTable } from '../../helpers/status-table.js';
import { ACCOUNT, REGION, SRT_ROLE, albArn, distributionArn, eipArn, task, zoneArn } from './fixtures.js';

function shieldError(name: string, status: number): ShieldServiceException {
  return new ShieldServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const CHECK_ORDER = shieldAuditor.checks.map((c) => c.meta.id);

/** The summary fields the collector reads; the others do not matter here. */
const summary = (id: string): DistributionSummary => ({ Id: id, ARN: distributionArn(id), Enabled: true, DomainName: `${id.toLowerCase()}.cloudfront.net` }) as DistributionSummary;

const nlb = (name: string, allocations: string[]): LoadBalancer => ({
  LoadBalancerName: name, LoadBalancerArn: albArn(name, 'net'), Type: 'network', Scheme: 'internet-facing',
  AvailabilityZones: allocations.map((AllocationId, i) => ({ ZoneName: `${REGION}${'abc'[i]}`, LoadBalancerAddresses: [{ IpAddress: `198.51.100.${i + 1}`, AllocationId }] })),
});

describe('shieldCollector with injected answers', () => {
  let clients: AwsClients;
  let ctx: CollectContext;
  let shield: AwsClientStub<ShieldClient>;
  let route53: AwsClientStub<Route53Client>;
  let cloudfront: AwsClientStub<CloudFrontClient>;
  let elb: AwsClientStub<ElasticLoadBalancingClient>;
  let elbv2: AwsClientStub<ElasticLoadBalancingV2Client>;
  let ec2: AwsClientStub<EC2Client>;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    ctx = mockedContext(clients);
    shield = mockClient(clients.get(ShieldClient));
    route53 = mockClient(clients.get(Route53Client));
    cloudfront = mockClient(clients.get(CloudFrontClient));
    elb = mockClient(clients.get(ElasticLoadBalancingClient));
    elbv2 = mockClient(clients.get(ElasticLoadBalancingV2Client));
    ec2 = mockClient(clients.get(EC2Client));
    shield.on(DescribeSubscriptionCommand).resolves({ Subscription: { AutoRenew: 'ENABLED', EndTime: new Date('2027-06-01T00:00:00Z'), SubscriptionLimits: undefined } });
    shield.on(DescribeDRTAccessCommand).resolves({ RoleArn: SRT_ROLE, LogBucketList: ['waf-logs'] });
    shield.on(ListProtectionsCommand).resolves({ Protections: [] });
    route53.on(ListHostedZonesCommand).resolves({ HostedZones: [], IsTruncated: false, MaxItems: 100 });
    route53.on(ListTagsForResourcesCommand).resolves({ ResourceTagSets: [] });
    cloudfront.on(ListDistributionsCommand).resolves({ DistributionList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 0, Items: [] } });
    cloudfront.on(ListTagsForResourceCommand).resolves({ Tags: { Items: [] } });
    elb.on(DescribeClassicLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [] });
    elb.on(DescribeClassicTagsCommand).resolves({ TagDescriptions: [] });
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
    elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
    ec2.on(DescribeAddressesCommand).resolves({ Addresses: [] });
  });

  afterEach(() => {
    for (const stub of [shield, route53, cloudfront, elb, elbv2, ec2]) stub.restore();
    clients.destroy();
  });

  it('judges a subscribed account: NLBs through their Elastic IPs, the SRT access and the renewal, following every page', async () => {
    // prepare
    shield.on(DescribeSubscriptionCommand).resolves({ Subscription: { AutoRenew: 'DISABLED', EndTime: new Date('2026-12-31T00:00:00Z'), SubscriptionLimits: undefined } });
    shield.on(DescribeDRTAccessCommand).resolves({ RoleArn: SRT_ROLE, LogBucketList: [] });
    shield.on(ListProtectionsCommand)
      .resolvesOnce({ Protections: [{ ResourceArn: zoneArn('ZSAFE') }, { ResourceArn: eipArn('eipalloc-0a1') }], NextToken: 'p2' })
      .resolvesOnce({ Protections: [{ ResourceArn: eipArn('eipalloc-0b2') }, { ResourceArn: distributionArn('ESAFE') }] });
    route53.on(ListHostedZonesCommand)
      .resolvesOnce({ HostedZones: [{ Id: '/hostedzone/ZOPEN', Name: 'open.example.com.', CallerReference: 'a', Config: { PrivateZone: false } }], IsTruncated: true, NextMarker: 'ZSAFE', MaxItems: 100 })
      .resolvesOnce({ HostedZones: [{ Id: '/hostedzone/ZSAFE', Name: 'safe.example.com.', CallerReference: 'b', Config: { PrivateZone: false } }], IsTruncated: false, MaxItems: 100 });
    cloudfront.on(ListDistributionsCommand).resolves({
      DistributionList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 1, Items: [summary('ESAFE')] },
    });
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [nlb('edge-safe', ['eipalloc-0a1', 'eipalloc-0b2']), nlb('edge-half', ['eipalloc-0a1', 'eipalloc-0c3']), nlb('edge-bare', [])] });
    ec2.on(DescribeAddressesCommand).resolves({
      Addresses: [
        { AllocationId: 'eipalloc-0a1', PublicIp: '198.51.100.1', AssociationId: 'eipassoc-1', Domain: 'vpc' },
        { AllocationId: 'eipalloc-0c3', PublicIp: '198.51.100.3', AssociationId: 'eipassoc-3', Domain: 'vpc' },
        { AllocationId: 'eipalloc-0d4', PublicIp: '198.51.100.4', Domain: 'vpc' },
      ],
    });

    // act
    const inventory = await shieldCollector.collect(ctx);
    const { results } = evaluateChecks(task(shieldAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //               zone    clb   elbv2   eip     cf      role    logs    renew
      ZOPEN:          ['FAIL', '-', '-', '-', '-', '-', '-', '-'],
      ZSAFE:          ['PASS', '-', '-', '-', '-', '-', '-', '-'],
      'edge-safe':    ['-', '-', 'PASS', '-', '-', '-', '-', '-'],
      'edge-half':    ['-', '-', 'FAIL', '-', '-', '-', '-', '-'],
      'edge-bare':    ['-', '-', 'FAIL', '-', '-', '-', '-', '-'],
      'eipalloc-0a1': ['-', '-', '-', 'PASS', '-', '-', '-', '-'],
      'eipalloc-0c3': ['-', '-', '-', 'FAIL', '-', '-', '-', '-'],
      ESAFE:          ['-', '-', '-', '-', 'PASS', '-', '-', '-'],
      [ACCOUNT]:      ['-', '-', '-', '-', '-', 'PASS', 'FAIL', 'FAIL'],
    });
    assert.deepEqual(results.find((r) => r.checkId === 'shield-subscription-auto-renews')?.evidence, { AutoRenew: 'DISABLED', EndTime: '2026-12-31T00:00:00.000Z' });
    assert.deepEqual(shield.commandCalls(ListProtectionsCommand).map((c) => c.args[0].input), [{ MaxResults: 1000, NextToken: undefined }, { MaxResults: 1000, NextToken: 'p2' }]);
    assert.deepEqual(route53.commandCalls(ListHostedZonesCommand).map((c) => c.args[0].input.Marker), [undefined, 'ZSAFE']);
    // Every call is a declared permission (the emulator cannot show the subscribed path).
    const stubs: Array<[string, AwsClientStub<ShieldClient> | AwsClientStub<Route53Client> | AwsClientStub<CloudFrontClient> | AwsClientStub<ElasticLoadBalancingClient> | AwsClientStub<ElasticLoadBalancingV2Client> | AwsClientStub<EC2Client>]> = [
      ['Shield', shield], ['Route53', route53], ['CloudFront', cloudfront], ['ElasticLoadBalancing', elb], ['ElasticLoadBalancingV2', elbv2], ['EC2', ec2],
    ];
    for (const [service, stub] of stubs) {
      for (const call of stub.calls()) {
        const action = iamActionFor(`${service}:${call.args[0].constructor.name.replace(/Command$/, '')}`);
        assert.ok(shieldCollector.permissions.includes(action), `${action} is declared`);
      }
    }
  });

  it('reads tags in batches of 20 (load balancers) and 10 (hosted zones); a refused batch leaves its resources untagged and marked', async () => {
    // prepare
    const balancers = Array.from({ length: 25 }, (_, i): LoadBalancer => ({ LoadBalancerName: `alb-${i}`, LoadBalancerArn: albArn(`alb-${i}`), Type: 'application', Scheme: 'internet-facing' }));
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: balancers });
    elbv2.on(DescribeTagsCommand).callsFake((input: { ResourceArns: string[] }) => {
      if (input.ResourceArns.includes(albArn('alb-20'))) throw new ElasticLoadBalancingV2ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'AccessDenied (injected)' });
      return { TagDescriptions: input.ResourceArns.map((ResourceArn) => ({ ResourceArn, Tags: [{ Key: 'owner', Value: 'web' }] })) };
    });
    route53.on(ListHostedZonesCommand).resolves({ HostedZones: Array.from({ length: 11 }, (_, i) => ({ Id: `/hostedzone/Z${i}`, Name: `z${i}.example.com.`, CallerReference: `${i}`, Config: { PrivateZone: false } })), IsTruncated: false, MaxItems: 100 });

    // act
    const inventory = await shieldCollector.collect(ctx);

    // assert
    assert.deepEqual(elbv2.commandCalls(DescribeTagsCommand).map((c) => c.args[0].input.ResourceArns?.length), [20, 5]);
    assert.deepEqual(route53.commandCalls(ListTagsForResourcesCommand).map((c) => c.args[0].input.ResourceIds?.length), [10, 1]);
    assert.deepEqual(inventory.loadBalancers[0]?.ref.tags, { owner: 'web' });
    assert.deepEqual([inventory.loadBalancers[24]?.ref.tags, typeof inventory.loadBalancers[24]?.ref.tagsError], [{}, 'string']);
    assert.equal(inventory.loadBalancers.length, 25);
  });

  it('DescribeDRTAccess refused makes only the two SRT checks ERROR', async () => {
    // prepare
    shield.on(DescribeDRTAccessCommand).rejects(shieldError('AccessDeniedException', 400));

    // act
    const inventory = await shieldCollector.collect(ctx);
    const { results } = evaluateChecks(task(shieldAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId}`), ['ERROR shield-drt-access-role-authorized', 'ERROR shield-drt-log-bucket-access-granted', 'PASSED shield-subscription-auto-renews']);
  });

  it('an account without a subscription (ResourceNotFoundException) reads nothing else', async () => {
    // prepare
    shield.on(DescribeSubscriptionCommand).rejects(shieldError('ResourceNotFoundException', 400));

    // act
    const inventory = await shieldCollector.collect(ctx);

    // assert
    assert.equal(inventory.account.subscription, undefined);
    assert.deepEqual([shield.calls().length, route53.calls().length, cloudfront.calls().length, elb.calls().length, elbv2.calls().length, ec2.calls().length], [1, 0, 0, 0, 0, 0]);
  });

  it('a refused DescribeSubscription or ListProtections fails the whole collection: never "no subscription", never "unprotected"', async () => {
    shield.on(DescribeSubscriptionCommand).rejects(shieldError('AccessDeniedException', 400));
    await assert.rejects(() => shieldCollector.collect(ctx), /AccessDeniedException/);
    shield.on(DescribeSubscriptionCommand).resolves({ Subscription: { AutoRenew: 'ENABLED', SubscriptionLimits: undefined } });
    shield.on(ListProtectionsCommand).rejects(shieldError('AccessDeniedException', 400));
    await assert.rejects(() => shieldCollector.collect(ctx), /AccessDeniedException/);
  });

  it('drops a distribution removed between the listing and its tags', async () => {
    // prepare
    cloudfront.on(ListDistributionsCommand).resolves({
      DistributionList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 2, Items: [summary('EGONE'), summary('EKEPT')] },
    });
    cloudfront.on(ListTagsForResourceCommand, { Resource: distributionArn('EGONE') }).rejects(new CloudFrontServiceException({ name: 'NoSuchResource', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: 'gone (injected)' }));

    // act
    const inventory = await shieldCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.distributions.map((d) => d.id), ['EKEPT']);
  });
});
