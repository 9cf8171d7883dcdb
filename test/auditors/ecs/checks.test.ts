import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import notPrivileged from '../../../auditors/ecs/checks/ecs-task-definition-not-privileged.js';
import loggingConfigured from '../../../auditors/ecs/checks/ecs-task-definition-logging-configured.js';
import trustedRegistries, { DEFAULT_TRUSTED_REGISTRIES } from '../../../auditors/ecs/checks/ecs-task-definition-images-from-trusted-registries.js';
import { ecsAuditor } from '../../../auditors/ecs/index.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { ACCOUNT, ECR, container, failed, inventory, task, taskDefinition } from './fixtures.js';

type Registries = { trustedRegistries: string[] };
const defaults = trustedRegistries.parameters?.parse({}) as Registries;
const registries = (trusted: string[]): Registries => trustedRegistries.parameters?.parse({ trustedRegistries: trusted }) as Registries;
const empty = inventory([]);

describe('ecs-task-definition-not-privileged', () => {
  it('fails a task definition with a privileged container, naming it and why the revision is judged', () => {
    // prepare
    const item = taskDefinition('web', 7, [container('app'), container('agent', { privileged: true })], { latestActive: false, services: ['prod/web'] });
    // act
    const verdict = notPrivileged.evaluate(item, {}, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /web:7 \(run by service prod\/web\) runs privileged container\(s\) agent/);
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { privilegedContainers: ['agent'], latestActive: false, services: ['prod/web'] });
  });

  it('passes containers with privileged false or unset', () => {
    const verdict = notPrivileged.evaluate(taskDefinition('web', 1, [container('a', { privileged: false }), container('b')]), {}, empty);
    assert.equal(verdict.status, 'PASSED');
  });

  it('a task definition that could not be described is an ERROR, not a pass', () => {
    // prepare
    const item = taskDefinition('web', 1, failed());
    // act
    const { results } = evaluateChecks(task([notPrivileged]), inventory([item]));
    // assert
    assert.equal(results[0]?.status, 'ERROR');
    assert.match(results[0]?.summary ?? '', /the task definition could not be read: AccessDeniedException/);
  });
});

describe('ecs-task-definition-logging-configured', () => {
  it('fails when a container has no log driver, listing only that container', () => {
    // prepare
    const item = taskDefinition('worker', 3, [container('main'), container('sidecar', { logDriver: undefined })]);
    // act
    const verdict = loggingConfigured.evaluate(item, {}, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.containersWithoutLogging, ['sidecar']);
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.logDrivers, { main: 'awslogs', sidecar: null });
    assert.match(verdict.summary ?? '', /worker:3 \(the latest active revision\)/);
  });

  it('passes any log driver, FireLens and Splunk included', () => {
    const item = taskDefinition('worker', 3, [container('app', { logDriver: 'awsfirelens' }), container('router', { logDriver: 'splunk' })]);
    assert.equal(loggingConfigured.evaluate(item, {}, empty).status, 'PASSED');
  });

  it('a task definition without containers is not applicable', () => {
    assert.equal(loggingConfigured.evaluate(taskDefinition('odd', 1, []), {}, empty).status, 'NOT_APPLICABLE');
  });
});

describe('ecs-task-definition-images-from-trusted-registries', () => {
  it('fails Docker Hub images written without a registry, and another account\'s ECR', () => {
    // prepare
    const item = taskDefinition('web', 2, [
      container('nginx', { image: 'nginx:latest' }),
      container('tools', { image: 'library/busybox' }),
      container('vendor', { image: '999999999999.dkr.ecr.us-east-1.amazonaws.com/vendor/app:3' }),
      container('own', { image: `${ECR}/app:1` }),
    ]);
    // act
    const verdict = trustedRegistries.evaluate(item, defaults, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.untrustedImages, [
      { container: 'nginx', image: 'nginx:latest', registry: 'docker.io', reason: 'the registry is not trusted' },
      { container: 'tools', image: 'library/busybox', registry: 'docker.io', reason: 'the registry is not trusted' },
      { container: 'vendor', image: '999999999999.dkr.ecr.us-east-1.amazonaws.com/vendor/app:3', registry: '999999999999.dkr.ecr.us-east-1.amazonaws.com', reason: 'the registry is not trusted' },
    ]);
    assert.match(verdict.summary ?? '', /untrusted registries docker\.io, 999999999999\.dkr\.ecr\.us-east-1\.amazonaws\.com/);
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.trustedRegistries, DEFAULT_TRUSTED_REGISTRIES.map((p) => p.replace('{account}', ACCOUNT)));
  });

  it('passes the account\'s own ECR in any region, partition and endpoint form, digests included', () => {
    const item = taskDefinition('web', 2, [
      container('a', { image: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:${'0'.repeat(64)}` }),
      container('b', { image: `${ACCOUNT}.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1` }),
      container('c', { image: `${ACCOUNT}.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app:1` }),
      container('d', { image: `${ACCOUNT}.dkr-ecr.ap-south-1.on.aws/app:1` }),
    ]);
    assert.equal(trustedRegistries.evaluate(item, defaults, empty).status, 'PASSED');
  });

  it('does not let a wildcard cross a dot: a look-alike host is untrusted', () => {
    const item = taskDefinition('web', 2, [container('a', { image: `${ACCOUNT}.dkr.ecr.evil.example.amazonaws.com/app:1` })]);
    assert.equal(trustedRegistries.evaluate(item, defaults, empty).status, 'FAILED');
  });

  it('honours configured registries with ports and path prefixes', () => {
    // prepare
    const params = registries(['registry.example.com:5000', 'ghcr.io/my-org', 'docker.io/library', 'localhost']);
    const item = (image: string) => taskDefinition('web', 1, [container('c', { image })]);
    // act
    const status = (image: string) => trustedRegistries.evaluate(item(image), params, empty).status;
    // assert
    assert.equal(status('registry.example.com:5000/team/app:1.2@sha256:abc'), 'PASSED');
    assert.equal(status('registry.example.com/team/app:1.2'), 'FAILED');
    assert.equal(status('ghcr.io/my-org/app:1'), 'PASSED');
    assert.equal(status('ghcr.io/my-org-fork/app:1'), 'FAILED');
    assert.equal(status('ghcr.io/other/app:1'), 'FAILED');
    assert.equal(status('nginx:1.27'), 'PASSED');
    assert.equal(status('docker.io/nginx'), 'PASSED');
    assert.equal(status('bitnami/redis:7'), 'FAILED');
    assert.equal(status('localhost/app'), 'PASSED');
    assert.equal(status('localhost:5000/app'), 'PASSED');
  });

  it('reports an unparseable image reference as untrusted', () => {
    const verdict = trustedRegistries.evaluate(taskDefinition('web', 1, [container('c', { image: 'registry.example.com//app' })]), defaults, empty);
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.untrustedImages, [
      { container: 'c', image: 'registry.example.com//app', registry: null, reason: 'the image reference could not be parsed' },
    ]);
  });

  it('rejects a pattern that is not a registry host', () => {
    assert.throws(() => trustedRegistries.parameters?.parse({ trustedRegistries: ['https://ghcr.io'] }));
    assert.throws(() => trustedRegistries.parameters?.parse({ trustedRegistries: [] }));
    assert.throws(() => trustedRegistries.parameters?.parse({ trustedRegistry: ['ghcr.io'] }));
  });
});

describe('the ECS checks together', () => {
  it('judge every selected revision once, each check on its own', () => {
    // prepare
    const items = [
      taskDefinition('bad', 1, [container('x', { image: 'nginx', privileged: true, logDriver: undefined })]),
      taskDefinition('good', 4, [container('y')]),
    ];
    // act
    const { results } = evaluateChecks(task(ecsAuditor.checks), inventory(items));
    // assert
    assert.deepEqual(results.map((r) => `${r.checkId} ${r.resource.id} ${r.status}`), [
      'ecs-task-definition-not-privileged bad:1 FAILED',
      'ecs-task-definition-not-privileged good:4 PASSED',
      'ecs-task-definition-logging-configured bad:1 FAILED',
      'ecs-task-definition-logging-configured good:4 PASSED',
      'ecs-task-definition-images-from-trusted-registries bad:1 FAILED',
      'ecs-task-definition-images-from-trusted-registries good:4 PASSED',
    ]);
  });
});
