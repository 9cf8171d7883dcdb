import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateClusterCommand, CreateServiceCommand, DeregisterTaskDefinitionCommand, ECSClient, RegisterTaskDefinitionCommand, type ContainerDefinition } from '@aws-sdk/client-ecs';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedEcs } from '../../../src/emulator/seeds/ecs.js';
import { ecsCollector } from '../../../auditors/ecs/collect.js';
import { ecsAuditor } from '../../../auditors/ecs/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { ECR, task } from './fixtures.js';
import { statusTable } from '../../helpers/status-table.js';

const emulator = useEmulator();

const CHECK_ORDER = ['ecs-task-definition-not-privileged', 'ecs-task-definition-logging-configured', 'ecs-task-definition-images-from-trusted-registries'] as const;

const arn = (family: string, revision: number): string => `arn:aws:ecs:${REGION}:${DEFAULT_ACCOUNT}:task-definition/${family}:${revision}`;

async function register(family: string, containers: ContainerDefinition[]): Promise<void> {
  const ecs = emulator.clients().get(ECSClient);
  await ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions: containers.map((c) => ({ memory: 128, essential: true, ...c })), tags: [{ key: 'owner', value: family }] }));
}

const logs = { logDriver: 'awslogs' as const, options: { 'awslogs-group': 'g', 'awslogs-region': REGION } };

/**
 * web: 1 (privileged, Docker Hub, no logs) run by service prod/web; 2; 3 (latest, clean).
 * batch: 1 deregistered and unused (not judged); 2 latest, without logs.
 * retired: only revision deregistered but still run by service prod/retired.
 */
async function seedRevisions(): Promise<void> {
  const ecs = emulator.clients().get(ECSClient);
  await register('web', [{ name: 'app', image: 'nginx:latest', privileged: true }]);
  await register('web', [{ name: 'app', image: 'nginx:latest', logConfiguration: logs }]);
  await register('web', [{ name: 'app', image: `${ECR}/web:3`, logConfiguration: logs }, { name: 'sidecar', image: `${ECR}/envoy:1`, logConfiguration: logs }]);
  await register('batch', [{ name: 'job', image: 'ghcr.io/acme/job:1', privileged: true }]);
  await register('batch', [{ name: 'job', image: `${ECR}/job:2` }]);
  await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'batch:1' }));
  await register('retired', [{ name: 'old', image: `${ECR}/old:1`, privileged: true, logConfiguration: logs }]);
  await ecs.send(new CreateClusterCommand({ clusterName: 'prod' }));
  await ecs.send(new CreateServiceCommand({ cluster: 'prod', serviceName: 'web', taskDefinition: 'web:1', desiredCount: 1 }));
  await ecs.send(new CreateServiceCommand({ cluster: 'prod', serviceName: 'retired', taskDefinition: 'retired:1', desiredCount: 1 }));
  await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'retired:1' }));
}

describe('ecsCollector against the emulator', () => {
  it('judges the latest active revision of each family and every revision a service runs', async () => {
    // prepare
    await seedRevisions();

    // act
    const inventory = await ecsCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(ecsAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //             privileged logging trusted
      'batch:2':   ['PASS', 'FAIL', 'PASS'],
      'retired:1': ['FAIL', 'PASS', 'PASS'],
      'web:1':     ['FAIL', 'FAIL', 'FAIL'],
      'web:3':     ['PASS', 'PASS', 'PASS'],
    });
    const web1 = inventory.taskDefinitions.find((t) => t.ref.id === 'web:1');
    assert.deepEqual([web1?.latestActive, web1?.services], [false, ['prod/web']]);
    const retired = results.find((r) => r.resource.id === 'retired:1' && r.status === 'FAILED');
    assert.match(retired?.summary ?? '', /retired:1 \(run by service prod\/retired\) runs privileged container\(s\) old/);
  });

  it('names each revision by ARN with its tags and ASFF details', async () => {
    // prepare
    await seedRevisions();

    // act
    const inventory = await ecsCollector.collect(emulator.collectContext());

    // assert
    const web3 = inventory.taskDefinitions.find((t) => t.arn === arn('web', 3));
    assert.equal(web3?.ref.type, 'AwsEcsTaskDefinition');
    assert.equal(web3?.ref.region, REGION);
    assert.deepEqual(web3?.ref.tags, { owner: 'web' });
    assert.deepEqual(web3?.ref.details, {
      AwsEcsTaskDefinition: {
        Family: 'web',
        NetworkMode: 'bridge',
        ContainerDefinitions: [
          { Name: 'app', Image: `${ECR}/web:3`, LogConfiguration: { LogDriver: 'awslogs' } },
          { Name: 'sidecar', Image: `${ECR}/envoy:1`, LogConfiguration: { LogDriver: 'awslogs' } },
        ],
      },
    });
    const web1 = inventory.taskDefinitions.find((t) => t.arn === arn('web', 1))?.ref.details?.AwsEcsTaskDefinition as { ContainerDefinitions: unknown[] };
    assert.deepEqual(web1.ContainerDefinitions, [{ Name: 'app', Image: 'nginx:latest', Privileged: true }]);
  });

  it('describes each judged revision once, and never the ones it does not judge', async () => {
    // prepare
    await seedRevisions();
    const counter = new RequestCounter();

    // act
    const inventory = await ecsCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.equal(inventory.taskDefinitions.length, 4);
    assert.deepEqual(counter.snapshot(), {
      'ECS:DescribeServices': 1,
      'ECS:DescribeTaskDefinition': 4,
      'ECS:ListClusters': 1,
      'ECS:ListServices': 1,
      'ECS:ListTaskDefinitions': 1,
    });
  });

  it('an account without task definitions or clusters is an empty inventory', async () => {
    // act
    const inventory = await ecsCollector.collect(emulator.collectContext());

    // assert
    assert.deepEqual(inventory, { accountId: DEFAULT_ACCOUNT, taskDefinitions: [] });
  });

  it('the demo seed fails every check and its decoys fail none', async () => {
    // prepare
    const seed = await seedEcs(emulator.clients());

    // act
    const inventory = await ecsCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(ecsAuditor.checks), inventory);

    // assert
    for (const id of CHECK_ORDER) assert.ok(results.some((r) => r.checkId === id && r.status === 'FAILED'), `${id} has a FAILED result`);
    for (const decoy of seed.compliant) {
      assert.deepEqual(results.filter((r) => r.resource.arn === decoy && r.status !== 'PASSED').map((r) => `${r.checkId} ${r.status}`), [], decoy);
      assert.equal(results.filter((r) => r.resource.arn === decoy).length, CHECK_ORDER.length, `${decoy} is judged`);
    }
    for (const insecure of seed.insecure) assert.ok(results.some((r) => r.resource.arn === insecure && r.status === 'FAILED'), `${insecure} fails`);
  });
});
