/**
 * What moto cannot show: paginated listings (it ignores maxResults), more than
 * ten services in a cluster, task sets, a describe call refused for one
 * revision and refused listings. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ECSServiceException,
  ListClustersCommand,
  ListServicesCommand,
  ListTaskDefinitionsCommand,
  type DescribeTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { ecsCollector } from '../../../auditors/ecs/collect.js';
import { parseTaskDefinitionArn } from '../../../auditors/ecs/fetch.js';
import { ecsAuditor } from '../../../auditors/ecs/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, ECR, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): ECSServiceException {
  return new ECSServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const arn = (family: string, revision: number): string => `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${family}:${revision}`;
const CLUSTER = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/prod`;
const serviceArn = (name: string): string => `arn:aws:ecs:${REGION}:${ACCOUNT}:service/prod/${name}`;

describe('ecsCollector with injected answers', () => {
  let clients: AwsClients;
  let ecs: AwsClientStub<ECSClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    ecs = mockClient(clients.get(ECSClient));
    ctx = mockedContext(clients);
    ecs.on(ListClustersCommand).resolves({ clusterArns: [] });
    ecs.on(DescribeTaskDefinitionCommand).callsFake((input: DescribeTaskDefinitionCommandInput) => {
      const parsed = parseTaskDefinitionArn(input.taskDefinition ?? '');
      return {
        taskDefinition: {
          taskDefinitionArn: input.taskDefinition,
          family: parsed?.family,
          revision: parsed?.revision,
          status: 'ACTIVE',
          containerDefinitions: [{ name: 'app', image: `${ECR}/app:1`, logConfiguration: { logDriver: 'awslogs' } }],
        },
        tags: [{ key: 'team', value: 'core' }],
      };
    });
  });

  afterEach(() => {
    ecs.restore();
    clients.destroy();
  });

  it('follows ListTaskDefinitions pages and keeps only the newest revision of each family', async () => {
    // prepare
    ecs.on(ListTaskDefinitionsCommand)
      .resolvesOnce({ taskDefinitionArns: [arn('web', 1), arn('web', 10)], nextToken: 'page-2' })
      .resolvesOnce({ taskDefinitionArns: [arn('web', 9), arn('api', 2)] });

    // act
    const inventory = await ecsCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.taskDefinitions.map((t) => t.ref.id), ['api:2', 'web:10']);
    assert.deepEqual(ecs.commandCalls(ListTaskDefinitionsCommand).map((c) => c.args[0].input), [
      { status: 'ACTIVE', maxResults: 100, nextToken: undefined },
      { status: 'ACTIVE', maxResults: 100, nextToken: 'page-2' },
    ]);
    assert.deepEqual(ecs.commandCalls(DescribeTaskDefinitionCommand).map((c) => c.args[0].input.include), [['TAGS'], ['TAGS']]);
    assert.deepEqual(inventory.taskDefinitions[0]?.ref.tags, { team: 'core' });
  });

  it('describes services ten at a time and picks up revisions from deployments and task sets', async () => {
    // prepare
    const names = Array.from({ length: 12 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
    ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: [arn('web', 5)] });
    ecs.on(ListClustersCommand).resolves({ clusterArns: [CLUSTER] });
    ecs.on(ListServicesCommand)
      .resolvesOnce({ serviceArns: names.slice(0, 7).map(serviceArn), nextToken: 'more' })
      .resolvesOnce({ serviceArns: names.slice(7).map(serviceArn) });
    ecs.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({
      services: input.services.map((s) => {
        const name = s.split('/').pop() ?? '';
        if (name === 'svc-00') return { serviceArn: s, serviceName: name, clusterArn: CLUSTER, taskDefinition: arn('web', 5), deployments: [{ status: 'PRIMARY', taskDefinition: arn('web', 5) }, { status: 'ACTIVE', taskDefinition: arn('web', 4) }] };
        if (name === 'svc-11') return { serviceArn: s, serviceName: name, clusterArn: CLUSTER, taskSets: [{ taskDefinition: arn('blue', 3) }] };
        return { serviceArn: s, serviceName: name, clusterArn: CLUSTER, taskDefinition: arn('web', 5) };
      }),
    }));

    // act
    const inventory = await ecsCollector.collect(ctx);

    // assert
    assert.deepEqual(ecs.commandCalls(DescribeServicesCommand).map((c) => c.args[0].input.services?.length), [10, 2]);
    assert.deepEqual(ecs.commandCalls(DescribeServicesCommand).map((c) => c.args[0].input.cluster), [CLUSTER, CLUSTER]);
    const rows = inventory.taskDefinitions.map((t) => [t.ref.id, t.latestActive, t.services.length]);
    assert.deepEqual(rows, [
      ['blue:3', false, 1],
      ['web:4', false, 1],
      ['web:5', true, 11],
    ]);
    assert.deepEqual(inventory.taskDefinitions[0]?.services, ['prod/svc-11']);
  });

  it('a describe refused for one revision makes only that revision\'s checks ERROR', async () => {
    // prepare
    ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: [arn('refused', 1), arn('fine', 1)] });
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: arn('refused', 1) }).rejects(awsError('AccessDeniedException', 400));

    // act
    const inventory = await ecsCollector.collect(ctx);
    const { results } = evaluateChecks(task(ecsAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.resource.id}`).sort(), [
      'ERROR refused:1', 'ERROR refused:1', 'ERROR refused:1',
      'PASSED fine:1', 'PASSED fine:1', 'PASSED fine:1',
    ]);
    const refused = inventory.taskDefinitions.find((t) => t.ref.id === 'refused:1');
    assert.equal(refused?.ref.arn, arn('refused', 1));
    assert.deepEqual(refused?.ref.details, { AwsEcsTaskDefinition: { Family: 'refused' } });
    assert.match(results.find((r) => r.status === 'ERROR')?.summary ?? '', /the task definition could not be read: AccessDeniedException/);
  });

  it('a refused ListTaskDefinitions fails the whole collection', async () => {
    // prepare
    ecs.on(ListTaskDefinitionsCommand).rejects(awsError('AccessDeniedException', 400));

    // act and assert
    await assert.rejects(() => ecsCollector.collect(ctx), /AccessDeniedException/);
  });

  it('a refused ListClusters fails the whole collection: the revisions services run cannot be known', async () => {
    // prepare
    ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: [arn('web', 1)] });
    ecs.on(ListClustersCommand).rejects(awsError('AccessDeniedException', 400));

    // act and assert
    await assert.rejects(() => ecsCollector.collect(ctx), /AccessDeniedException/);
    assert.equal(ecs.commandCalls(DescribeTaskDefinitionCommand).length, 0);
  });
});

describe('parseTaskDefinitionArn', () => {
  it('reads family and revision, and refuses anything else', () => {
    assert.deepEqual(parseTaskDefinitionArn(arn('my_app-2', 41)), { family: 'my_app-2', revision: 41 });
    assert.deepEqual(parseTaskDefinitionArn('arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/web:1'), { family: 'web', revision: 1 });
    assert.equal(parseTaskDefinitionArn('arn:aws:ecs:us-east-1:123456789012:task-definition/web'), undefined);
    assert.equal(parseTaskDefinitionArn('arn:aws:ecs:us-east-1:123456789012:service/prod/web'), undefined);
  });
});
