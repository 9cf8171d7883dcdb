/**
 * What moto cannot show: DescribeRepositories pages (moto answers in one),
 * a registry configuration or a detail refused, a repository deleted
 * mid-scan, a region where ECR is not offered. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  DescribeRepositoriesCommand, ECRClient, ECRServiceException, GetLifecyclePolicyCommand, GetRegistryScanningConfigurationCommand,
  GetRepositoryPolicyCommand, ListTagsForResourceCommand,
} from '@aws-sdk/client-ecr';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { ecrCollector } from '../../../auditors/ecr/collect.js';
import { ecrAuditor } from '../../../auditors/ecr/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, LIFECYCLE, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): ECRServiceException {
  return new ECRServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const repo = (repositoryName: string) => ({
  repositoryName, repositoryArn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${repositoryName}`, registryId: ACCOUNT,
  imageTagMutability: 'IMMUTABLE' as const, imageScanningConfiguration: { scanOnPush: true },
});

describe('ecrCollector with injected answers', () => {
  let clients: AwsClients;
  let ecr: AwsClientStub<ECRClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    ecr = mockClient(clients.get(ECRClient));
    ctx = mockedContext(clients);
    ecr.on(GetRegistryScanningConfigurationCommand).resolves({ registryId: ACCOUNT, scanningConfiguration: { scanType: 'BASIC', rules: [] } });
    ecr.on(GetLifecyclePolicyCommand).resolves({ lifecyclePolicyText: LIFECYCLE });
    ecr.on(GetRepositoryPolicyCommand).rejects(awsError('RepositoryPolicyNotFoundException', 400));
    ecr.on(ListTagsForResourceCommand).resolves({ tags: [{ Key: 'owner', Value: 'team' }] });
  });

  afterEach(() => {
    ecr.restore();
    clients.destroy();
  });

  it('follows DescribeRepositories pages', async () => {
    // prepare
    ecr.on(DescribeRepositoriesCommand).resolvesOnce({ repositories: [repo('first')], nextToken: 'page-2' }).resolvesOnce({ repositories: [repo('second')] });

    // act
    const inventory = await ecrCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.repositories.map((r) => [r.name, r.ref.tags.owner]), [['first', 'team'], ['second', 'team']]);
    assert.deepEqual(ecr.commandCalls(DescribeRepositoriesCommand).map((call) => call.args[0].input), [{ maxResults: 1000, nextToken: undefined }, { maxResults: 1000, nextToken: 'page-2' }]);
  });

  it('a refused registry configuration makes the scanning check ERROR, the other checks still judge', async () => {
    // prepare
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [repo('app')] });
    ecr.on(GetRegistryScanningConfigurationCommand).rejects(awsError('AccessDeniedException', 400));

    // act
    const inventory = await ecrCollector.collect(ctx);
    const { results } = evaluateChecks(task(ecrAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId}`), [
      'PASSED ecr-repository-policy-not-public',
      'ERROR ecr-repository-image-scanning-configured',
      'PASSED ecr-repository-tag-immutability-enabled',
      'PASSED ecr-repository-lifecycle-policy-configured',
    ]);
  });

  it('a refused policy read makes only the policy check ERROR for that repository', async () => {
    // prepare
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [repo('secret'), repo('fine')] });
    ecr.on(GetRepositoryPolicyCommand, { repositoryName: 'secret' }).rejects(awsError('AccessDeniedException', 400));

    // act
    const inventory = await ecrCollector.collect(ctx);
    const { results } = evaluateChecks(task(ecrAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), ['ERROR ecr-repository-policy-not-public secret']);
  });

  it('drops a repository deleted between the listing and its detail calls; refused tags keep it, untagged', async () => {
    // prepare
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [repo('gone'), repo('kept')] });
    ecr.on(GetLifecyclePolicyCommand, { repositoryName: 'gone' }).rejects(awsError('RepositoryNotFoundException', 400));
    ecr.on(ListTagsForResourceCommand).rejects(awsError('AccessDeniedException', 400));

    // act
    const inventory = await ecrCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.repositories.map((r) => [r.name, r.ref.tags, r.ref.tagsError !== undefined]), [['kept', {}, true]]);
  });

  it('a refused DescribeRepositories fails the collection; a region without an ECR endpoint is an empty inventory', async () => {
    // prepare
    ecr.on(DescribeRepositoriesCommand).rejectsOnce(awsError('AccessDeniedException', 400)).rejectsOnce(Object.assign(new Error('getaddrinfo ENOTFOUND api.ecr.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act and assert
    await assert.rejects(() => ecrCollector.collect(ctx), /AccessDenied/);
    assert.deepEqual((await ecrCollector.collect(ctx)).repositories, []);
  });
});
