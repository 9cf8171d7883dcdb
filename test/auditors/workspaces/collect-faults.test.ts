/**
 * What moto cannot show: pages (it answers everything at once), tags refused,
 * a WorkSpace removed mid-scan, a denied listing, a region without WorkSpaces.
 * Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DescribeTagsCommand, DescribeWorkspaceDirectoriesCommand, DescribeWorkspacesCommand, WorkSpacesClient, WorkSpacesServiceException } from '@aws-sdk/client-workspaces';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { workspacesCollector } from '../../../auditors/workspaces/collect.js';
import { workspacesAuditor } from '../../../auditors/workspaces/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): WorkSpacesServiceException {
  return new WorkSpacesServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

describe('workspacesCollector with injected answers', () => {
  let clients: AwsClients;
  let workspaces: AwsClientStub<WorkSpacesClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    workspaces = mockClient(clients.get(WorkSpacesClient));
    ctx = mockedContext(clients);
    workspaces.on(DescribeWorkspaceDirectoriesCommand).resolves({ Directories: [] });
    workspaces.on(DescribeTagsCommand).resolves({ TagList: [{ Key: 'owner', Value: 'desktops' }] });
  });

  afterEach(() => {
    workspaces.restore();
    clients.destroy();
  });

  it('follows the pages of both listings, 25 at a time', async () => {
    // prepare
    workspaces.on(DescribeWorkspacesCommand)
      .resolvesOnce({ Workspaces: [{ WorkspaceId: 'ws-first' }], NextToken: 'page-2' })
      .resolvesOnce({ Workspaces: [{ WorkspaceId: 'ws-second' }] });
    workspaces.on(DescribeWorkspaceDirectoriesCommand)
      .resolvesOnce({ Directories: [{ DirectoryId: 'd-0000000001' }], NextToken: 'dir-2' })
      .resolvesOnce({ Directories: [{ DirectoryId: 'd-0000000002' }] });

    // act
    const inventory = await workspacesCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.workspaces.map((w) => [w.workspaceId, w.ref.tags.owner]), [['ws-first', 'desktops'], ['ws-second', 'desktops']]);
    assert.deepEqual(inventory.directories.map((d) => d.directoryId), ['d-0000000001', 'd-0000000002']);
    assert.deepEqual(workspaces.commandCalls(DescribeWorkspacesCommand).map((c) => c.args[0].input), [{ Limit: 25, NextToken: undefined }, { Limit: 25, NextToken: 'page-2' }]);
  });

  it('judges WorkSpaces as real AWS describes them: the encryption fields absent when unencrypted', async () => {
    // prepare
    workspaces.on(DescribeWorkspacesCommand).resolves({
      Workspaces: [
        { WorkspaceId: 'ws-plain', UserName: 'bob', State: 'AVAILABLE', WorkspaceProperties: { RunningMode: 'AUTO_STOP' } },
        { WorkspaceId: 'ws-sealed', State: 'STOPPED', VolumeEncryptionKey: 'alias/aws/workspaces', UserVolumeEncryptionEnabled: true, RootVolumeEncryptionEnabled: true, WorkspaceProperties: { RunningMode: 'AUTO_STOP' } },
      ],
    });

    // act
    const inventory = await workspacesCollector.collect(ctx);
    const { results } = evaluateChecks(task(workspacesAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.filter((r) => r.checkId.includes('volume')).map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), [
      'FAILED workspaces-workspace-user-volume-encrypted ws-plain',
      'PASSED workspaces-workspace-user-volume-encrypted ws-sealed',
      'FAILED workspaces-workspace-root-volume-encrypted ws-plain',
      'PASSED workspaces-workspace-root-volume-encrypted ws-sealed',
    ]);
  });

  it('tags refused keep the WorkSpace, untagged and marked; one removed mid-scan is dropped', async () => {
    // prepare
    workspaces.on(DescribeWorkspacesCommand).resolves({ Workspaces: [{ WorkspaceId: 'ws-secretive' }, { WorkspaceId: 'ws-gone' }] });
    workspaces.on(DescribeTagsCommand, { ResourceId: 'ws-secretive' }).rejects(awsError('AccessDeniedException', 400));
    workspaces.on(DescribeTagsCommand, { ResourceId: 'ws-gone' }).rejects(awsError('ResourceNotFoundException', 400));

    // act
    const inventory = await workspacesCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.workspaces.map((w) => [w.workspaceId, w.ref.tags, w.tags.ok, typeof w.ref.tagsError]), [['ws-secretive', {}, false, 'string']]);
  });

  it('a denied listing fails the whole collection', async () => {
    workspaces.on(DescribeWorkspacesCommand).rejects(awsError('AccessDeniedException', 400));
    await assert.rejects(() => workspacesCollector.collect(ctx), /AccessDeniedException/);
  });

  it('a region where WorkSpaces is not offered (no endpoint) has an empty inventory, not an error', async () => {
    // prepare
    workspaces.on(DescribeWorkspacesCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND workspaces.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act
    const inventory = await workspacesCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory, { workspaces: [], directories: [] });
  });
});
