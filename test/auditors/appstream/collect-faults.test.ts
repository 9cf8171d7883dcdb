/**
 * The AppStream 2.0 collector, with AppStream's answers injected by
 * aws-sdk-client-mock: the emulator (moto) does not serve AppStream at all.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  AppStreamClient, AppStreamServiceException, DescribeFleetsCommand, DescribeImagesCommand, DescribeUsersCommand, ListTagsForResourceCommand,
} from '@aws-sdk/client-appstream';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import { iamActionFor } from '../../../src/aws/iam-actions.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { appstreamCollector } from '../../../auditors/appstream/collect.js';
import { appstreamAuditor } from '../../../auditors/appstream/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { statusTable } from '../../helpers/status-table.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): AppStreamServiceException {
  return new AppStreamServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const arn = (kind: string, name: string, account = ACCOUNT): string => `arn:aws:appstream:${REGION}:${account}:${kind}/${name}`;

const CHECK_ORDER = ['appstream-fleet-no-default-internet-access', 'appstream-image-not-public', 'appstream-user-not-compromised', 'appstream-user-authenticates-with-saml'] as const;

describe('appstreamCollector with injected answers', () => {
  let clients: AwsClients;
  let appstream: AwsClientStub<AppStreamClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    appstream = mockClient(clients.get(AppStreamClient));
    ctx = mockedContext(clients);
    appstream.on(DescribeFleetsCommand).resolves({ Fleets: [] });
    appstream.on(DescribeImagesCommand).resolves({ Images: [] });
    appstream.on(DescribeUsersCommand).resolves({ Users: [] });
    appstream.on(ListTagsForResourceCommand).resolves({ Tags: { owner: 'streaming' } });
  });

  afterEach(() => {
    appstream.restore();
    clients.destroy();
  });

  it('judges fleets, the images the account owns and the user pool users; AWS base images and images shared by others are left out', async () => {
    // prepare
    appstream.on(DescribeFleetsCommand).resolves({
      Fleets: [
        { Name: 'kiosk', Arn: arn('fleet', 'kiosk'), InstanceType: 'stream.standard.small', State: 'RUNNING', EnableDefaultInternetAccess: true, ComputeCapacityStatus: { Desired: 1 } },
        { Name: 'office', Arn: arn('fleet', 'office'), InstanceType: 'stream.standard.small', State: 'STOPPED', EnableDefaultInternetAccess: false, ComputeCapacityStatus: { Desired: 1 } },
      ],
    });
    appstream.on(DescribeImagesCommand).resolves({
      Images: [
        { Name: 'AppStream-WinServer2022-06-17-2025', Arn: 'arn:aws:appstream:us-east-1::image/AppStream-WinServer2022-06-17-2025', Visibility: 'PUBLIC' },
        { Name: 'partner-golden', Arn: arn('image', 'partner-golden', '210987654321'), Visibility: 'SHARED' },
        { Name: 'golden', Arn: arn('image', 'golden'), Visibility: 'PRIVATE', ImageSharedWithOthers: 'TRUE' },
      ],
    });
    appstream.on(DescribeUsersCommand).resolves({
      Users: [
        { Arn: arn('user/USERPOOL', 'eve@example.com'), UserName: 'eve@example.com', AuthenticationType: 'USERPOOL', Enabled: false, Status: 'COMPROMISED' },
        { Arn: arn('user/USERPOOL', 'ann@example.com'), UserName: 'ann@example.com', AuthenticationType: 'USERPOOL', Enabled: true, Status: 'CONFIRMED' },
      ],
    });
    // act
    const inventory = await appstreamCollector.collect(ctx);
    const { results } = evaluateChecks(task(appstreamAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //                  fleet   image   compromised saml
      kiosk:             ['FAIL', '-', '-', '-'],
      office:            ['PASS', '-', '-', '-'],
      golden:            ['-', 'PASS', '-', '-'],
      'eve@example.com': ['-', '-', 'FAIL', '-'],
      'ann@example.com': ['-', '-', 'PASS', 'FAIL'],
    });
    assert.deepEqual(inventory.images.map((i) => [i.ref.arn, i.ref.tags]), [[arn('image', 'golden'), { owner: 'streaming' }]]);
    assert.deepEqual(appstream.commandCalls(DescribeUsersCommand).map((c) => c.args[0].input), [{ AuthenticationType: 'USERPOOL', NextToken: undefined }]);
    // Tags of the two fleets and the one owned image; every call is a declared permission (the emulator cannot show this).
    assert.equal(appstream.commandCalls(ListTagsForResourceCommand).length, 3);
    for (const call of appstream.calls()) {
      const action = iamActionFor(`AppStream:${call.args[0].constructor.name.replace(/Command$/, '')}`);
      assert.ok(appstreamCollector.permissions.includes(action), action);
    }
  });

  it('follows the pages of the three listings', async () => {
    // prepare
    appstream.on(DescribeFleetsCommand).resolvesOnce({ Fleets: [{ Name: 'a', Arn: arn('fleet', 'a'), InstanceType: 't', State: 'RUNNING', ComputeCapacityStatus: { Desired: 1 } }], NextToken: 'f2' })
      .resolvesOnce({ Fleets: [{ Name: 'b', Arn: arn('fleet', 'b'), InstanceType: 't', State: 'RUNNING', ComputeCapacityStatus: { Desired: 1 } }] });
    appstream.on(DescribeImagesCommand).resolvesOnce({ Images: [{ Name: 'one', Arn: arn('image', 'one') }], NextToken: 'i2' }).resolvesOnce({ Images: [{ Name: 'two', Arn: arn('image', 'two') }] });
    appstream.on(DescribeUsersCommand).resolvesOnce({ Users: [{ Arn: arn('user/USERPOOL', 'x@example.com'), UserName: 'x@example.com', AuthenticationType: 'USERPOOL' }], NextToken: 'u2' })
      .resolvesOnce({ Users: [{ Arn: arn('user/USERPOOL', 'y@example.com'), UserName: 'y@example.com', AuthenticationType: 'USERPOOL' }] });

    // act
    const inventory = await appstreamCollector.collect(ctx);

    // assert
    assert.deepEqual([inventory.fleets.map((f) => f.name), inventory.images.map((i) => i.name), inventory.users.map((u) => u.userName)], [['a', 'b'], ['one', 'two'], ['x@example.com', 'y@example.com']]);
    assert.deepEqual(appstream.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input), [{ MaxResults: 25, NextToken: undefined }, { MaxResults: 25, NextToken: 'i2' }]);
  });

  it('tags refused keep the fleet, untagged and marked; a fleet removed mid-scan is dropped', async () => {
    // prepare
    appstream.on(DescribeFleetsCommand).resolves({
      Fleets: [
        { Name: 'secretive', Arn: arn('fleet', 'secretive'), InstanceType: 't', State: 'RUNNING', ComputeCapacityStatus: { Desired: 1 } },
        { Name: 'gone', Arn: arn('fleet', 'gone'), InstanceType: 't', State: 'RUNNING', ComputeCapacityStatus: { Desired: 1 } },
      ],
    });
    appstream.on(ListTagsForResourceCommand, { ResourceArn: arn('fleet', 'secretive') }).rejects(awsError('AccessDeniedException', 400));
    appstream.on(ListTagsForResourceCommand, { ResourceArn: arn('fleet', 'gone') }).rejects(awsError('ResourceNotFoundException', 400));

    // act
    const inventory = await appstreamCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.fleets.map((f) => [f.name, f.ref.tags, f.tags.ok, typeof f.ref.tagsError]), [['secretive', {}, false, 'string']]);
  });

  it('a denied listing fails the whole collection', async () => {
    appstream.on(DescribeUsersCommand).rejects(awsError('AccessDeniedException', 400));
    await assert.rejects(() => appstreamCollector.collect(ctx), /AccessDeniedException/);
  });

  it('a region where AppStream is not offered (no endpoint) has an empty inventory, not an error', async () => {
    // prepare
    appstream.on(DescribeFleetsCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND appstream2.eu-south-2.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act
    const inventory = await appstreamCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory, { fleets: [], images: [], users: [] });
  });
});
