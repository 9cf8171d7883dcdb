/**
 * Against the emulator (moto): an account without a subscription, and the
 * listing of everything Shield Advanced can protect, matched with moto's
 * protections. moto cannot show a subscribed account (its DescribeSubscription
 * answer carries dates the SDK cannot read, and it lacks DescribeDRTAccess):
 * collect-faults.test.ts injects those answers.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { AssociateDRTLogBucketCommand, AssociateDRTRoleCommand, CreateProtectionCommand, CreateSubscriptionCommand, ShieldClient, UpdateSubscriptionCommand } from '@aws-sdk/client-shield';
import { ChangeTagsForResourceCommand, CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { CloudFrontClient, CreateDistributionWithTagsCommand } from '@aws-sdk/client-cloudfront';
import { CreateLoadBalancerCommand as CreateClassicLoadBalancerCommand, ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { AddTagsCommand, CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AllocateAddressCommand, AssociateAddressCommand, CreateNetworkInterfaceCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { fetched } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { shieldCollector } from '../../../auditors/shield/collect.js';
import { fetchProtectable } from '../../../auditors/shield/fetch.js';
import { shieldAuditor } from '../../../auditors/shield/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { SRT_ROLE, task } from './fixtures.js';

const emulator = useEmulator();

const PROTECTION_CHECKS = [
  'shield-route53-hosted-zone-protected',
  'shield-cloudfront-distribution-protected',
  'shield-classic-load-balancer-protected',
  'shield-elbv2-load-balancer-protected',
  'shield-elastic-ip-protected',
] as const;

interface Seeded {
  zones: { open: string; safe: string; internal: string };
  distribution: string;
  albs: { open: string; safe: string };
  addresses: { open: string; safe: string; idle: string };
}

async function seedProtectable(): Promise<Seeded> {
  const clients = emulator.clients();
  const ec2 = clients.get(EC2Client);
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }))).Vpc?.VpcId as string;
  const subnets = await Promise.all(['a', 'b'].map(async (zone, i) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.60.${i}.0/24`, AvailabilityZone: `${REGION}${zone}` }))).Subnet?.SubnetId as string));

  const route53 = clients.get(Route53Client);
  const zone = async (name: string, vpc?: string): Promise<string> => {
    const answer = await route53.send(new CreateHostedZoneCommand({ Name: name, CallerReference: name, ...(vpc ? { VPC: { VPCId: vpc, VPCRegion: REGION }, HostedZoneConfig: { PrivateZone: true } } : {}) }));
    return (answer.HostedZone?.Id as string).replace('/hostedzone/', '');
  };
  const zones = { open: await zone('open.example.com'), safe: await zone('safe.example.com'), internal: await zone('corp.internal', vpcId) };
  await route53.send(new ChangeTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: zones.open, AddTags: [{ Key: 'owner', Value: 'dns-team' }] }));

  const created = await clients.get(CloudFrontClient).send(new CreateDistributionWithTagsCommand({
    DistributionConfigWithTags: {
      DistributionConfig: {
        CallerReference: 'shield-test', Comment: 'shield test', Enabled: true,
        Origins: { Quantity: 1, Items: [{ Id: 'origin', DomainName: 'origin.example.com', CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' } }] },
        DefaultCacheBehavior: { TargetOriginId: 'origin', ViewerProtocolPolicy: 'redirect-to-https', CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6' },
      },
      Tags: { Items: [{ Key: 'owner', Value: 'web-team' }] },
    },
  }));
  const distribution = created.Distribution?.Id as string;

  await clients.get(ElasticLoadBalancingClient).send(new CreateClassicLoadBalancerCommand({
    LoadBalancerName: 'legacy-web', Scheme: 'internet-facing', AvailabilityZones: [`${REGION}a`], Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }],
  }));
  await clients.get(ElasticLoadBalancingClient).send(new CreateClassicLoadBalancerCommand({
    LoadBalancerName: 'legacy-inside', Scheme: 'internal', Subnets: subnets, Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }],
  }));

  const elbv2 = clients.get(ElasticLoadBalancingV2Client);
  const alb = async (name: string): Promise<string> => (await elbv2.send(new CreateLoadBalancerCommand({ Name: name, Subnets: subnets, Scheme: 'internet-facing', Type: 'application' }))).LoadBalancers?.[0]?.LoadBalancerArn as string;
  const albs = { open: await alb('api-open'), safe: await alb('api-safe') };
  await elbv2.send(new AddTagsCommand({ ResourceArns: [albs.open], Tags: [{ Key: 'owner', Value: 'api-team' }] }));

  const eni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnets[0] }))).NetworkInterface?.NetworkInterfaceId as string;
  const eni2 = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnets[1] }))).NetworkInterface?.NetworkInterfaceId as string;
  const allocate = async (): Promise<string> => (await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId as string;
  const addresses = { open: await allocate(), safe: await allocate(), idle: await allocate() };
  await ec2.send(new AssociateAddressCommand({ AllocationId: addresses.open, NetworkInterfaceId: eni }));
  await ec2.send(new AssociateAddressCommand({ AllocationId: addresses.safe, NetworkInterfaceId: eni2 }));

  const shield = clients.get(ShieldClient);
  const protect = (ResourceArn: string, Name: string) => shield.send(new CreateProtectionCommand({ Name, ResourceArn }));
  await protect(`arn:aws:route53:::hostedzone/${zones.safe}`, 'zone');
  await protect(albs.safe, 'alb');
  await protect(`arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:eip-allocation/${addresses.safe}`, 'eip');
  return { zones, distribution, albs, addresses };
}

describe('shieldCollector against the emulator', () => {
  it('an account without a Shield Advanced subscription reads nothing else: every check is not applicable', async () => {
    // prepare
    await seedProtectable();
    const counter = new RequestCounter();

    // act
    const inventory = await shieldCollector.collect(emulator.collectContext({ counter }));
    const { results, notApplicable } = evaluateChecks(task(shieldAuditor.checks), inventory);

    // assert
    assert.deepEqual(counter.snapshot(), { 'Shield:DescribeSubscription': 1 });
    assert.deepEqual([results, notApplicable], [[], 3]);
    assert.equal(inventory.account.subscription, undefined);
  });

  it('lists what Shield Advanced can protect, with tags, and matches it with the protections', async () => {
    // prepare
    const seeded = await seedProtectable();
    const counter = new RequestCounter();

    // act
    const protectable = await fetchProtectable(emulator.collectContext({ counter }));
    const inventory = { account: { ref: { type: 'AwsAccount', arn: `AWS::::Account:${DEFAULT_ACCOUNT}`, id: DEFAULT_ACCOUNT, region: REGION, partition: 'aws', tags: {} }, subscription: { autoRenew: 'ENABLED' }, drtAccess: fetched({ roleArn: SRT_ROLE, logBuckets: [] }) }, ...protectable };
    const { results } = evaluateChecks(task(shieldAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, PROTECTION_CHECKS, { include: (r) => r.resource.type !== 'AwsAccount' }), {
      //                          zone    cf      clb     elbv2   eip
      [seeded.zones.open]:       ['FAIL', '-', '-', '-', '-'],
      [seeded.zones.safe]:       ['PASS', '-', '-', '-', '-'],
      // moto leaves Enabled out of a distribution summary (real AWS always sends it): unknown, so ERROR.
      [seeded.distribution]:     ['-', 'ERRO', '-', '-', '-'],
      'legacy-web':              ['-', '-', 'FAIL', '-', '-'],
      'api-open':                ['-', '-', '-', 'FAIL', '-'],
      'api-safe':                ['-', '-', '-', 'PASS', '-'],
      [seeded.addresses.open]:   ['-', '-', '-', '-', 'FAIL'],
      [seeded.addresses.safe]:   ['-', '-', '-', '-', 'PASS'],
    });
    // The private zone, the internal load balancer and the idle address are there, and not judged.
    assert.ok(protectable.hostedZones.some((z) => z.ref.id === seeded.zones.internal && z.privateZone === true));
    assert.ok(protectable.classicLoadBalancers.some((b) => b.name === 'legacy-inside' && b.scheme === 'internal'));
    assert.ok(protectable.elasticIps.some((a) => a.allocationId === seeded.addresses.idle && a.associationId === undefined));
    const tagsOf = (id: string): Record<string, string> | undefined => results.find((r) => r.resource.id === id)?.resource.tags;
    assert.deepEqual([tagsOf(seeded.zones.open), tagsOf(seeded.distribution), tagsOf('api-open')], [{ owner: 'dns-team' }, { owner: 'web-team' }, { owner: 'api-team' }]);
    const alb = results.find((r) => r.resource.id === 'api-open')?.resource;
    const albDetails = alb?.details?.AwsElbv2LoadBalancer as Record<string, unknown> | undefined;
    assert.deepEqual([alb?.arn, albDetails?.Type, albDetails?.Scheme, typeof albDetails?.DNSName], [seeded.albs.open, 'application', 'internet-facing', 'string']);
    // One listing each, tags in batches (one per service here), one call per distribution.
    assert.deepEqual(counter.snapshot(), {
      'CloudFront:ListDistributions': 1,
      'CloudFront:ListTagsForResource': 1,
      'EC2:DescribeAddresses': 1,
      'ElasticLoadBalancing:DescribeLoadBalancers': 1,
      'ElasticLoadBalancing:DescribeTags': 1,
      'ElasticLoadBalancingV2:DescribeLoadBalancers': 1,
      'ElasticLoadBalancingV2:DescribeTags': 1,
      'Route53:ListHostedZones': 1,
      'Route53:ListTagsForResources': 1,
      'Shield:ListProtections': 1,
    });
  });

  it('reads the load balancers and Elastic IPs of every region the scan covers, each with its own region', async () => {
    // prepare
    const west = emulator.clients('us-west-2');
    const ec2 = west.get(EC2Client);
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.70.0.0/16' }))).Vpc?.VpcId as string;
    const subnets = await Promise.all(['a', 'b'].map(async (zone, i) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.70.${i}.0/24`, AvailabilityZone: `us-west-2${zone}` }))).Subnet?.SubnetId as string));
    const albArn = (await west.get(ElasticLoadBalancingV2Client).send(new CreateLoadBalancerCommand({ Name: 'west-api', Subnets: subnets, Scheme: 'internet-facing', Type: 'application' }))).LoadBalancers?.[0]?.LoadBalancerArn as string;
    const eni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnets[0] }))).NetworkInterface?.NetworkInterfaceId as string;
    const allocation = (await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId as string;
    await ec2.send(new AssociateAddressCommand({ AllocationId: allocation, NetworkInterfaceId: eni }));
    const eipArn = `arn:aws:ec2:us-west-2:${DEFAULT_ACCOUNT}:eip-allocation/${allocation}`;
    await emulator.clients().get(ShieldClient).send(new CreateProtectionCommand({ Name: 'west-eip', ResourceArn: eipArn }));

    // act
    const homeOnly = await fetchProtectable(emulator.collectContext());
    const everyRegion = await fetchProtectable({ ...emulator.collectContext(), scanRegions: [REGION, 'us-west-2'] });
    const inventory = { account: { ref: { type: 'AwsAccount', arn: `AWS::::Account:${DEFAULT_ACCOUNT}`, id: DEFAULT_ACCOUNT, region: REGION, partition: 'aws', tags: {} }, subscription: { autoRenew: 'ENABLED' }, drtAccess: fetched({ roleArn: SRT_ROLE, logBuckets: [] }) }, ...everyRegion };
    const { results } = evaluateChecks(task(shieldAuditor.checks), inventory);

    // assert
    assert.deepEqual([homeOnly.loadBalancers.length, homeOnly.elasticIps.length], [0, 0]);
    assert.deepEqual(everyRegion.loadBalancers.map((b) => [b.ref.arn, b.ref.region]), [[albArn, 'us-west-2']]);
    assert.deepEqual(everyRegion.elasticIps.map((a) => [a.ref.arn, a.ref.region]), [[eipArn, 'us-west-2']]);
    assert.deepEqual(statusTable(results, PROTECTION_CHECKS, { include: (r) => r.resource.type !== 'AwsAccount' }), {
      //            zone  cf   clb  elbv2   eip
      'west-api':   ['-', '-', '-', 'FAIL', '-'],
      [allocation]: ['-', '-', '-', '-', 'PASS'],
    });
  });

  it('a subscribed account is read through the emulator\'s front: renewal, the Shield Response Team\'s role and log buckets', async () => {
    // prepare
    const shield = emulator.clients().get(ShieldClient);
    await shield.send(new CreateSubscriptionCommand({}));
    await shield.send(new UpdateSubscriptionCommand({ AutoRenew: 'DISABLED' }));
    await shield.send(new AssociateDRTRoleCommand({ RoleArn: SRT_ROLE }));
    await shield.send(new AssociateDRTLogBucketCommand({ LogBucket: 'waf-logs-123456789012' }));

    // act
    const inventory = await shieldCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(shieldAuditor.checks), inventory);

    // assert
    assert.equal(inventory.account.subscription?.autoRenew, 'DISABLED');
    assert.ok(Date.parse(inventory.account.subscription?.endTime ?? '') > Date.now(), 'the commitment ends in the future');
    assert.deepEqual(inventory.account.drtAccess, fetched({ roleArn: SRT_ROLE, logBuckets: ['waf-logs-123456789012'] }));
    const account = (checkId: string): string | undefined => results.find((r) => r.checkId === checkId && r.resource.type === 'AwsAccount')?.status;
    assert.deepEqual(
      ['shield-subscription-auto-renews', 'shield-drt-access-role-authorized', 'shield-drt-log-bucket-access-granted'].map(account),
      ['FAILED', 'PASSED', 'PASSED'],
    );
  });
});
