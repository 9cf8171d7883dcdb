/**
 * What moto cannot show: ListProjects pages, more than 100 projects (two
 * batches), a project deleted between the listing and the batch read, the
 * fields real CodeBuild leaves out, a denied read, a region without the
 * service. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { BatchGetProjectsCommand, CodeBuildClient, CodeBuildServiceException, ListProjectsCommand, type Project } from '@aws-sdk/client-codebuild';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { codeBuildCollector } from '../../../auditors/codebuild/collect.js';
import { codebuildAuditor } from '../../../auditors/codebuild/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): CodeBuildServiceException {
  return new CodeBuildServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

function projectOf(name: string): Project {
  return {
    name,
    arn: `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/${name}`,
    source: { type: 'CODECOMMIT', location: 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/r' },
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL', environmentVariables: [] },
    logsConfig: { cloudWatchLogs: { status: 'ENABLED' }, s3Logs: { status: 'DISABLED' } },
  };
}

describe('codeBuildCollector with injected answers', () => {
  let clients: AwsClients;
  let codebuild: AwsClientStub<CodeBuildClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    codebuild = mockClient(clients.get(CodeBuildClient));
    ctx = mockedContext(clients);
    codebuild.on(BatchGetProjectsCommand).callsFake((input: { names: string[] }) => ({ projects: input.names.filter((n) => n !== 'gone').map(projectOf), projectsNotFound: input.names.filter((n) => n === 'gone') }));
  });

  afterEach(() => {
    codebuild.restore();
    clients.destroy();
  });

  it('follows ListProjects pages and reads 150 projects in two batches, leaving out one deleted since the listing', async () => {
    // prepare
    const names = Array.from({ length: 150 }, (_, i) => `p${String(i).padStart(3, '0')}`);
    codebuild.on(ListProjectsCommand).resolvesOnce({ projects: names.slice(0, 100), nextToken: 'page-2' }).resolvesOnce({ projects: [...names.slice(100), 'gone'] });

    // act
    const inventory = await codeBuildCollector.collect(ctx);

    // assert
    assert.equal(inventory.projects.length, 150);
    assert.deepEqual(codebuild.commandCalls(BatchGetProjectsCommand).map((c) => c.args[0].input.names?.length), [100, 51]);
    assert.deepEqual(codebuild.commandCalls(ListProjectsCommand).map((c) => c.args[0].input), [{ nextToken: undefined }, { nextToken: 'page-2' }]);
  });

  it('flags CodeBuild leaves out are false, a variable without a type is PLAINTEXT, a missing logsConfig is an ERROR', async () => {
    // prepare
    codebuild.on(ListProjectsCommand).resolves({ projects: ['sparse'] });
    codebuild.on(BatchGetProjectsCommand).resolves({
      projects: [{ name: 'sparse', source: { type: 'GITHUB' }, artifacts: { type: 'S3' }, environment: { type: 'LINUX_CONTAINER', image: 'i', computeType: 'BUILD_GENERAL1_SMALL', environmentVariables: [{ name: 'GITHUB_TOKEN', value: 'not-a-real-token-1234' }] } }],
    });

    // act
    const inventory = await codeBuildCollector.collect(ctx);
    const { results } = evaluateChecks(task(codebuildAuditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.projects[0]?.environmentVariables.map((v) => v.type), ['PLAINTEXT']);
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId}`), [
      'FAILED codebuild-project-no-plaintext-secrets',
      'PASSED codebuild-project-source-ssl-verified',
      'PASSED codebuild-project-artifacts-encrypted',
      'ERROR codebuild-project-s3-logs-encrypted',
      'ERROR codebuild-project-cloudwatch-logging-enabled',
    ]);
    assert.equal(inventory.projects[0]?.ref.arn, `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/sparse`);
  });

  it('a denied batch read fails the collection; a region without an endpoint is empty', async () => {
    codebuild.on(ListProjectsCommand).resolves({ projects: ['p'] });
    codebuild.on(BatchGetProjectsCommand).rejects(awsError('AccessDeniedException', 400));
    await assert.rejects(() => codeBuildCollector.collect(ctx), /AccessDeniedException/);
    codebuild.on(ListProjectsCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND codebuild.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));
    assert.deepEqual(await codeBuildCollector.collect(ctx), { projects: [] });
  });
});
