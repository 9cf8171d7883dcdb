import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand, CreateLoadBalancerCommand, CreateRuleCommand, CreateTargetGroupCommand, ElasticLoadBalancingV2Client, ModifyLoadBalancerAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../../../src/aws/clients.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedElbv2 } from '../../../src/emulator/seeds/elbv2.js';
import { elbv2Collector } from '../../../auditors/elbv2/collect.js';
import { elbv2Auditor } from '../../../auditors/elbv2/index.js';
import { useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

const CHECK_ORDER = ['elbv2-load-balancer-internet-traffic-encrypted', 'elbv2-load-balancer-tls-1-2-or-newer', 'elbv2-load-balancer-access-logging-enabled', 'elbv2-load-balancer-deletion-protection-enabled'] as const;

/** An internet-facing ALB whose HTTP listener redirects but one rule answers over HTTP, and an internal NLB with a TCP listener. */
async function seedMore(clients: AwsClients): Promise<void> {
  const elbv2 = clients.get(ElasticLoadBalancingV2Client);
  const subnets = await clients.get(EC2Client).send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
  const Subnets = (subnets.Subnets ?? []).flatMap((s) => (s.SubnetId ? [s.SubnetId] : [])).slice(0, 2);
  const alb = (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'health-over-http', Subnets, Scheme: 'internet-facing' }))).LoadBalancers?.[0]?.LoadBalancerArn;
  const http = (await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: alb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] }))).Listeners?.[0]?.ListenerArn;
  await elbv2.send(new CreateRuleCommand({ ListenerArn: http, Priority: 10, Conditions: [{ Field: 'path-pattern', Values: ['/health'] }], Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }] }));
  await elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: alb, Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'false' }, { Key: 'deletion_protection.enabled', Value: 'true' }] }));
  const nlb = (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'internal-tcp', Subnets, Scheme: 'internal', Type: 'network' }))).LoadBalancers?.[0]?.LoadBalancerArn;
  const vpcId = subnets.Subnets?.[0]?.VpcId;
  const group = (await elbv2.send(new CreateTargetGroupCommand({ Name: 'postgres', Protocol: 'TCP', Port: 5432, VpcId: vpcId, TargetType: 'ip' }))).TargetGroups?.[0]?.TargetGroupArn;
  await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: nlb, Protocol: 'TCP', Port: 5432, DefaultActions: [{ Type: 'forward', TargetGroupArn: group }] }));
}

describe('elbv2Collector against the emulator', () => {
  it('collects every load balancer and the checks judge each one', async () => {
    // prepare
    await seedElbv2(emulator.clients());
    await seedMore(emulator.clients());

    // act
    const inventory = await elbv2Collector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(elbv2Auditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //                   plaintext  TLS    logs    deletion
      'demo-alb-exposed': ['FAIL', 'FAIL', 'FAIL', 'FAIL'],
      'demo-alb-secure':  ['PASS', 'PASS', 'PASS', 'PASS'],
      'health-over-http': ['FAIL', '-',    'FAIL', 'PASS'],
      'internal-tcp':     ['-',    '-',    '-',    'FAIL'],
    });
    const health = results.find((r) => r.resource.id === 'health-over-http' && r.checkId === CHECK_ORDER[0]);
    assert.match(health?.summary ?? '', /HTTP:80 \(serves HTTP: rule 10 fixed-response\)/);
  });

  it('names each load balancer by ARN, with its tags and ASFF details', async () => {
    // prepare
    const seed = await seedElbv2(emulator.clients());

    // act
    const inventory = await elbv2Collector.collect(emulator.collectContext());

    // assert
    const exposed = inventory.loadBalancers.find((lb) => lb.name === 'demo-alb-exposed');
    assert.equal(exposed?.ref.arn, seed.insecure[0]);
    assert.deepEqual(exposed?.ref.tags, { owner: 'web-team' });
    const details = exposed?.ref.details?.AwsElbv2LoadBalancer as Record<string, unknown>;
    assert.deepEqual([details.Scheme, details.Type], ['internet-facing', 'application']);
    assert.ok((details.LoadBalancerAttributes as Array<{ Key: string }>).some((a) => a.Key === 'deletion_protection.enabled'));
  });

  it('reads the tags twenty load balancers at a time, and the rules of internet-facing HTTP listeners only', async () => {
    // prepare
    await seedElbv2(emulator.clients());
    await seedMore(emulator.clients());
    const counter = new RequestCounter();

    // act
    await elbv2Collector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(counter.snapshot(), {
      'ElasticLoadBalancingV2:DescribeListeners': 4,
      'ElasticLoadBalancingV2:DescribeLoadBalancerAttributes': 4,
      'ElasticLoadBalancingV2:DescribeLoadBalancers': 1,
      'ElasticLoadBalancingV2:DescribeRules': 3,
      'ElasticLoadBalancingV2:DescribeTags': 1,
    });
  });

  it('a region without load balancers is an empty inventory', async () => {
    assert.deepEqual(await elbv2Collector.collect(emulator.collectContext()), { loadBalancers: [] });
  });
});
