/**
 * What moto cannot show: delivery errors, organization trails of another
 * account, refused detail and list calls, and ListTags batching. Injected
 * with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  CloudTrailClient,
  CloudTrailServiceException,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  ListTagsCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { silentLogger, type Logger } from '../../../src/util/logger.js';
import { cloudTrailCollector } from '../../../auditors/cloudtrail/collect.js';
import { cloudtrailAuditor } from '../../../auditors/cloudtrail/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): CloudTrailServiceException {
  return new CloudTrailServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const ORG_ACCOUNT = '999999999999';

function trail(name: string, overrides: Partial<Trail> = {}): Trail {
  const home = overrides.HomeRegion ?? REGION;
  return {
    Name: name,
    TrailARN: `arn:aws:cloudtrail:${home}:${ACCOUNT}:trail/${name}`,
    HomeRegion: home,
    IsMultiRegionTrail: false,
    IsOrganizationTrail: false,
    LogFileValidationEnabled: true,
    KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1',
    S3BucketName: 'trail-logs',
    HasCustomEventSelectors: false,
    ...overrides,
  };
}

const statusLines = (results: ReturnType<typeof evaluateChecks>['results']): string[] => results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`);

describe('cloudTrailCollector with injected answers', () => {
  let east: AwsClients;
  let west: AwsClients;
  let eastTrail: AwsClientStub<CloudTrailClient>;
  let westTrail: AwsClientStub<CloudTrailClient>;
  let regionsAsked: string[];
  let warnings: string[];
  let ctx: CollectContext;

  beforeEach(() => {
    east = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    west = createAwsClients(ACCOUNT, 'eu-west-1', { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    eastTrail = mockClient(east.get(CloudTrailClient));
    westTrail = mockClient(west.get(CloudTrailClient));
    regionsAsked = [];
    warnings = [];
    const logger: Logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    ctx = {
      ...mockedContext(east),
      clientsIn: (region) => {
        regionsAsked.push(region);
        if (region === 'eu-west-1') return west;
        if (region === REGION) return east;
        throw new Error(`no clients for ${region} in this test`);
      },
      logger,
    };
    for (const stub of [eastTrail, westTrail]) {
      stub.on(GetTrailStatusCommand).resolves({ IsLogging: true });
      stub.on(GetEventSelectorsCommand).resolves({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] });
      stub.on(ListTagsCommand).resolves({ ResourceTagList: [] });
    }
  });

  afterEach(() => {
    eastTrail.restore();
    westTrail.restore();
    east.destroy();
    west.destroy();
  });

  it('a trail whose S3 delivery fails is FAILED with the error and the other errors as evidence', async () => {
    // prepare
    eastTrail.on(DescribeTrailsCommand).resolves({ trailList: [trail('broken')] });
    eastTrail.on(GetTrailStatusCommand).resolves({
      IsLogging: true,
      LatestDeliveryError: 'AccessDenied',
      LatestDeliveryAttemptTime: '2025-06-30T10:00:00Z',
      LatestDeliveryTime: new Date('2025-06-01T00:00:00Z'),
      LatestCloudWatchLogsDeliveryError: 'role cannot be assumed',
    });

    // act
    const { results } = evaluateChecks(task(cloudtrailAuditor.checks), await cloudTrailCollector.collect(ctx));

    // assert
    const delivery = results.find((r) => r.checkId === 'cloudtrail-trail-delivers-logs');
    assert.equal(delivery?.status, 'FAILED');
    assert.deepEqual(delivery?.evidence, {
      S3BucketName: 'trail-logs',
      IsLogging: true,
      LatestDeliveryError: 'AccessDenied',
      LatestDeliveryAttemptTime: '2025-06-30T10:00:00Z',
      LatestDeliveryTime: '2025-06-01T00:00:00.000Z',
      LatestCloudWatchLogsDeliveryError: 'role cannot be assumed',
    });
    assert.equal(results.find((r) => r.checkId === 'cloudtrail-enabled-in-region')?.status, 'PASSED');
  });

  it('reads a shadow trail\'s status and selectors in its home region, by ARN', async () => {
    // prepare
    const global = trail('global', { HomeRegion: 'eu-west-1', IsMultiRegionTrail: true });
    eastTrail.on(DescribeTrailsCommand).resolves({ trailList: [global] });

    // act
    const inventory = await cloudTrailCollector.collect(ctx);

    // assert
    assert.ok(regionsAsked.includes('eu-west-1'));
    assert.deepEqual(westTrail.commandCalls(GetTrailStatusCommand).map((c) => c.args[0].input), [{ Name: global.TrailARN }]);
    assert.deepEqual(westTrail.commandCalls(GetEventSelectorsCommand).map((c) => c.args[0].input), [{ TrailName: global.TrailARN }]);
    assert.equal(eastTrail.commandCalls(GetTrailStatusCommand).length, 0);
    assert.equal(eastTrail.commandCalls(ListTagsCommand).length, 0);
    assert.equal(inventory.trails[0]?.shadow, true);
  });

  it('an organization trail of another account counts from DescribeTrails alone when it has default selectors', async () => {
    // prepare
    const org = trail('org', { TrailARN: `arn:aws:cloudtrail:${REGION}:${ORG_ACCOUNT}:trail/org`, IsMultiRegionTrail: true, IsOrganizationTrail: true });
    eastTrail.on(DescribeTrailsCommand).resolves({ trailList: [org] });

    // act
    const inventory = await cloudTrailCollector.collect(ctx);
    const { results } = evaluateChecks(task(cloudtrailAuditor.checks), inventory);

    // assert
    assert.equal(eastTrail.commandCalls(GetEventSelectorsCommand).length, 0);
    assert.deepEqual(statusLines(results), ['PASSED cloudtrail-enabled-in-region 123456789012']);
    assert.equal(inventory.trails[0]?.ownerAccountId, ORG_ACCOUNT);
  });

  it('an organization trail with custom selectors cannot be judged from a member account: ERROR, not PASSED', async () => {
    // prepare
    const org = trail('org', { TrailARN: `arn:aws:cloudtrail:${REGION}:${ORG_ACCOUNT}:trail/org`, IsMultiRegionTrail: true, IsOrganizationTrail: true, HasCustomEventSelectors: true });
    eastTrail.on(DescribeTrailsCommand).resolves({ trailList: [org] });

    // act
    const { results } = evaluateChecks(task(cloudtrailAuditor.checks), await cloudTrailCollector.collect(ctx));

    // assert
    assert.deepEqual(statusLines(results), ['ERROR cloudtrail-enabled-in-region 123456789012']);
    assert.match(results[0]?.summary ?? '', /belong to account 999999999999/);
  });

  it('a refused status read makes that trail\'s delivery check and the region ERROR when no other trail counts', async () => {
    // prepare
    eastTrail.on(DescribeTrailsCommand).resolves({ trailList: [trail('hidden'), trail('off')] });
    eastTrail.on(GetTrailStatusCommand, { Name: trail('hidden').TrailARN }).rejects(awsError('AccessDeniedException', 403));
    eastTrail.on(GetTrailStatusCommand, { Name: trail('off').TrailARN }).resolves({ IsLogging: false });

    // act
    const { results } = evaluateChecks(task(cloudtrailAuditor.checks), await cloudTrailCollector.collect(ctx));

    // assert
    assert.deepEqual(statusLines(results).filter((line) => !line.startsWith('PASSED')), [
      'ERROR cloudtrail-enabled-in-region 123456789012',
      'ERROR cloudtrail-trail-delivers-logs hidden',
    ]);
  });

  it('refused event selectors make the region ERROR when that trail is the only candidate', async () => {
    // prepare
    eastTrail.on(DescribeTrailsCommand).resolves({ trailList: [trail('only')] });
    eastTrail.on(GetEventSelectorsCommand).rejects(awsError('AccessDeniedException', 403));

    // act
    const { results } = evaluateChecks(task(cloudtrailAuditor.checks), await cloudTrailCollector.collect(ctx));

    // assert
    assert.equal(results.find((r) => r.checkId === 'cloudtrail-enabled-in-region')?.status, 'ERROR');
    assert.match(results.find((r) => r.checkId === 'cloudtrail-enabled-in-region')?.summary ?? '', /event selectors could not be read: AccessDeniedException/);
  });

  it('reads tags of 25 trails in two ListTags calls of at most 20 ARNs', async () => {
    // prepare
    const trails = Array.from({ length: 25 }, (_, i) => trail(`t${i}`));
    eastTrail.on(DescribeTrailsCommand).resolves({ trailList: trails });
    eastTrail.on(ListTagsCommand).callsFake((input: { ResourceIdList: string[] }) => ({
      ResourceTagList: input.ResourceIdList.map((ResourceId) => ({ ResourceId, TagsList: [{ Key: 'owner', Value: ResourceId.split('/')[1] ?? '' }] })),
    }));

    // act
    const inventory = await cloudTrailCollector.collect(ctx);

    // assert
    assert.deepEqual(eastTrail.commandCalls(ListTagsCommand).map((c) => c.args[0].input.ResourceIdList?.length), [20, 5]);
    assert.deepEqual(inventory.trails.find((t) => t.name === 't24')?.ref.tags, { owner: 't24' });
  });

  it('refused tags keep the trails, without owner tags, and say so', async () => {
    // prepare
    eastTrail.on(DescribeTrailsCommand).resolves({ trailList: [trail('untagged')] });
    eastTrail.on(ListTagsCommand).rejects(awsError('AccessDeniedException', 403));

    // act
    const inventory = await cloudTrailCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.trails.map((t) => [t.name, t.ref.tags]), [['untagged', {}]]);
    assert.match(warnings.join('\n'), /trail tags could not be read/);
  });

  it('a refused DescribeTrails fails the whole collection', async () => {
    eastTrail.on(DescribeTrailsCommand).rejects(awsError('AccessDeniedException', 403));
    await assert.rejects(() => cloudTrailCollector.collect(ctx), /AccessDeniedException/);
  });
});
