/**
 * What moto cannot show: pages of the load balancer, listener and rule
 * listings, more than twenty load balancers to tag, a detail refused, a load
 * balancer or listener deleted mid-scan, a region without ELBv2. Injected
 * with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  DescribeListenersCommand, DescribeLoadBalancerAttributesCommand, DescribeLoadBalancersCommand, DescribeRulesCommand, DescribeTagsCommand,
  ElasticLoadBalancingV2Client, ElasticLoadBalancingV2ServiceException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { elbv2Collector } from '../../../auditors/elbv2/collect.js';
import { elbv2Auditor } from '../../../auditors/elbv2/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): ElasticLoadBalancingV2ServiceException {
  return new ElasticLoadBalancingV2ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const arn = (name: string): string => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/${name}/0123456789abcdef`;
const lb = (name: string) => ({ LoadBalancerArn: arn(name), LoadBalancerName: name, Type: 'application' as const, Scheme: 'internet-facing' as const });
const listenerArn = (name: string, port: number): string => `${arn(name).replace(':loadbalancer/', ':listener/')}/${port}`;

describe('elbv2Collector with injected answers', () => {
  let clients: AwsClients;
  let client: AwsClientStub<ElasticLoadBalancingV2Client>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    client = mockClient(clients.get(ElasticLoadBalancingV2Client));
    ctx = mockedContext(clients);
    client.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'deletion_protection.enabled', Value: 'true' }] });
    client.on(DescribeListenersCommand).callsFake((input: { LoadBalancerArn: string }) => {
      const name = input.LoadBalancerArn.split('/').at(-2) ?? '';
      return { Listeners: [
        { ListenerArn: listenerArn(name, 80), Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', StatusCode: 'HTTP_301' } }] },
        { ListenerArn: listenerArn(name, 443), Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', DefaultActions: [{ Type: 'forward' }] },
      ] };
    });
    client.on(DescribeRulesCommand).resolves({ Rules: [{ Priority: 'default', IsDefault: true, Actions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', StatusCode: 'HTTP_301' } }] }] });
    client.on(DescribeTagsCommand).callsFake((input: { ResourceArns: string[] }) => ({ TagDescriptions: input.ResourceArns.map((ResourceArn) => ({ ResourceArn, Tags: [{ Key: 'owner', Value: 'team' }] })) }));
  });

  afterEach(() => {
    client.restore();
    clients.destroy();
  });

  it('follows the pages of load balancers and rules, and tags twenty load balancers per call', async () => {
    // prepare
    const names = Array.from({ length: 25 }, (_, i) => `lb${i + 1}`);
    client.on(DescribeLoadBalancersCommand).resolvesOnce({ LoadBalancers: names.slice(0, 10).map(lb), NextMarker: 'p2' }).resolvesOnce({ LoadBalancers: names.slice(10).map(lb) });
    client.on(DescribeRulesCommand, { ListenerArn: listenerArn('lb1', 80) })
      .resolvesOnce({ Rules: [{ Priority: 'default', IsDefault: true, Actions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', StatusCode: 'HTTP_301' } }] }], NextMarker: 'r2' })
      .resolvesOnce({ Rules: [{ Priority: '5', Actions: [{ Type: 'forward' }] }] });

    // act
    const inventory = await elbv2Collector.collect(ctx);
    const { results } = evaluateChecks(task([elbv2Auditor.checks[0]!]), inventory);

    // assert
    assert.equal(inventory.loadBalancers.length, 25);
    assert.ok(inventory.loadBalancers.every((l) => l.ref.tags.owner === 'team'));
    assert.deepEqual(client.commandCalls(DescribeTagsCommand).map((c) => c.args[0].input.ResourceArns?.length), [20, 5]);
    assert.deepEqual(client.commandCalls(DescribeLoadBalancersCommand).map((c) => c.args[0].input), [{ PageSize: 400, Marker: undefined }, { PageSize: 400, Marker: 'p2' }]);
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.resource.id}`), ['FAILED lb1']);
  });

  it('refused attributes make the attribute checks ERROR; refused rules make the plaintext check ERROR', async () => {
    // prepare
    client.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb('attrs'), lb('rules')] });
    client.on(DescribeLoadBalancerAttributesCommand, { LoadBalancerArn: arn('attrs') }).rejects(awsError('AccessDenied', 403));
    client.on(DescribeRulesCommand, { ListenerArn: listenerArn('rules', 80) }).rejects(awsError('AccessDenied', 403));

    // act
    const { results } = evaluateChecks(task(elbv2Auditor.checks), await elbv2Collector.collect(ctx));

    // assert
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), [
      'ERROR elbv2-load-balancer-internet-traffic-encrypted rules',
      'ERROR elbv2-load-balancer-access-logging-enabled attrs',
      'ERROR elbv2-load-balancer-deletion-protection-enabled attrs',
    ]);
  });

  it('drops a load balancer deleted mid-scan, and a listener deleted before its rules were read; refused tags keep the load balancer', async () => {
    // prepare
    client.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb('gone'), lb('kept')] });
    client.on(DescribeLoadBalancerAttributesCommand, { LoadBalancerArn: arn('gone') }).rejects(awsError('LoadBalancerNotFound', 400));
    client.on(DescribeRulesCommand, { ListenerArn: listenerArn('kept', 80) }).rejects(awsError('ListenerNotFound', 400));
    client.on(DescribeTagsCommand).rejects(awsError('AccessDenied', 403));

    // act
    const inventory = await elbv2Collector.collect(ctx);

    // assert
    const kept = inventory.loadBalancers.map((l) => [l.name, l.listeners.ok && l.listeners.value.map((x) => x.port), l.ref.tagsError !== undefined]);
    assert.deepEqual(kept, [['kept', [443], true]]);
  });

  it('a refused DescribeLoadBalancers fails the collection; a region without an ELB endpoint is an empty inventory', async () => {
    // prepare
    client.on(DescribeLoadBalancersCommand).rejectsOnce(awsError('AccessDenied', 403)).rejectsOnce(Object.assign(new Error('getaddrinfo ENOTFOUND elasticloadbalancing.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act and assert
    await assert.rejects(() => elbv2Collector.collect(ctx), /AccessDenied/);
    assert.deepEqual(await elbv2Collector.collect(ctx), { loadBalancers: [] });
  });
});
