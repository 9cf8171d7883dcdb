import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  AddTagsCommand,
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedCloudTrail } from '../../../src/emulator/seeds/cloudtrail.js';
import { cloudTrailCollector } from '../../../auditors/cloudtrail/collect.js';
import { cloudtrailAuditor } from '../../../auditors/cloudtrail/index.js';
import { DEFAULT_ACCOUNT, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

const KMS_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';

const arn = (region: string, name: string): string => `arn:aws:cloudtrail:${region}:${DEFAULT_ACCOUNT}:trail/${name}`;

/** us-east-1: a stopped trail and a data-events-only trail; eu-west-1: a regional trail and, optionally, a logging multi-Region trail. */
async function seedTrails(options: { globalTrail: boolean }): Promise<void> {
  const east = emulator.clients().get(CloudTrailClient);
  const west = emulator.clients('eu-west-1').get(CloudTrailClient);
  await emulator.clients().get(S3Client).send(new CreateBucketCommand({ Bucket: 'trail-logs' }));
  await east.send(new CreateTrailCommand({ Name: 'stopped', S3BucketName: 'trail-logs' }));
  await east.send(new StartLoggingCommand({ Name: 'stopped' }));
  await east.send(new StopLoggingCommand({ Name: 'stopped' }));
  await east.send(new AddTagsCommand({ ResourceId: arn('us-east-1', 'stopped'), TagsList: [{ Key: 'owner', Value: 'audit-team' }] }));
  await east.send(new CreateTrailCommand({ Name: 'data-only', S3BucketName: 'trail-logs', EnableLogFileValidation: true }));
  await east.send(
    new PutEventSelectorsCommand({ TrailName: 'data-only', EventSelectors: [{ IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] }),
  );
  await east.send(new StartLoggingCommand({ Name: 'data-only' }));
  await west.send(new CreateTrailCommand({ Name: 'eu-local', S3BucketName: 'trail-logs' }));
  await west.send(new StartLoggingCommand({ Name: 'eu-local' }));
  if (options.globalTrail) {
    await west.send(new CreateTrailCommand({ Name: 'global', S3BucketName: 'trail-logs', IsMultiRegionTrail: true, EnableLogFileValidation: true, KmsKeyId: KMS_KEY }));
    await west.send(new StartLoggingCommand({ Name: 'global' }));
  }
}

describe('cloudTrailCollector against the emulator', () => {
  it('sees the region\'s trails and the multi-Region trail homed elsewhere, with status, selectors and tags', async () => {
    // prepare
    await seedTrails({ globalTrail: true });

    // act
    const inventory = await cloudTrailCollector.collect(emulator.collectContext());

    // assert
    const summary = inventory.trails.map((t) => ({
      name: t.name,
      home: t.homeRegion,
      shadow: t.shadow,
      logging: t.status.ok && t.status.value.isLogging,
      events: t.managementEvents.ok && t.managementEvents.value,
    }));
    assert.deepEqual(summary.sort((a, b) => a.name.localeCompare(b.name)), [
      { name: 'data-only', home: 'us-east-1', shadow: false, logging: true, events: 'None' },
      { name: 'global', home: 'eu-west-1', shadow: true, logging: true, events: 'All' },
      { name: 'stopped', home: 'us-east-1', shadow: false, logging: false, events: 'All' },
    ]);
    const stopped = inventory.trails.find((t) => t.name === 'stopped');
    assert.deepEqual(stopped?.ref.tags, { owner: 'audit-team' });
    assert.equal(stopped?.ref.arn, arn('us-east-1', 'stopped'));
    assert.equal(stopped?.ref.type, 'AwsCloudTrailTrail');
    const details = inventory.trails.find((t) => t.name === 'global')?.ref.details?.AwsCloudTrailTrail as Record<string, unknown>;
    assert.deepEqual(
      { ...details },
      {
        Name: 'global',
        TrailArn: arn('eu-west-1', 'global'),
        HomeRegion: 'eu-west-1',
        IsMultiRegionTrail: true,
        IsOrganizationTrail: false,
        LogFileValidationEnabled: true,
        IncludeGlobalServiceEvents: true,
        HasCustomEventSelectors: false,
        KmsKeyId: KMS_KEY,
        S3BucketName: 'trail-logs',
      },
    );
  });

  it('the multi-Region trail makes the region pass; per-trail checks judge only the trails homed here', async () => {
    // prepare
    await seedTrails({ globalTrail: true });

    // act
    const { results } = evaluateChecks(task(cloudtrailAuditor.checks), await cloudTrailCollector.collect(emulator.collectContext()));

    // assert
    assert.deepEqual(results.map((r) => `${r.checkId} ${r.resource.id} ${r.status}`).sort(), [
      'cloudtrail-enabled-in-region 123456789012 PASSED',
      'cloudtrail-trail-delivers-logs data-only PASSED',
      'cloudtrail-trail-delivers-logs stopped PASSED',
      'cloudtrail-trail-encrypted-with-kms data-only FAILED',
      'cloudtrail-trail-encrypted-with-kms stopped FAILED',
      'cloudtrail-trail-log-file-validation-enabled data-only PASSED',
      'cloudtrail-trail-log-file-validation-enabled stopped FAILED',
    ]);
  });

  it('without it the region fails, naming each trail and why it does not count; the regional trail abroad is not seen', async () => {
    // prepare
    await seedTrails({ globalTrail: false });

    // act
    const { results } = evaluateChecks(task(cloudtrailAuditor.checks), await cloudTrailCollector.collect(emulator.collectContext()));

    // assert
    const region = results.find((r) => r.checkId === 'cloudtrail-enabled-in-region');
    assert.equal(region?.status, 'FAILED');
    assert.equal(region?.resource.arn, `AWS::::Account:${DEFAULT_ACCOUNT}`);
    assert.equal(region?.region, 'us-east-1');
    const reasons = (region?.evidence.trails as Array<{ name: string; reason: string }>).map((t) => `${t.name}: ${t.reason}`).sort();
    assert.deepEqual(reasons, ['data-only: records no management events', 'stopped: is not logging']);
  });

  it('in the trail\'s home region the multi-Region trail is judged like any other', async () => {
    // prepare
    await seedTrails({ globalTrail: true });

    // act
    const { results } = evaluateChecks(task(cloudtrailAuditor.checks, {}, 'eu-west-1'), await cloudTrailCollector.collect(emulator.collectContext({ region: 'eu-west-1' })));

    // assert
    assert.deepEqual(results.filter((r) => r.resource.id === 'global').map((r) => `${r.checkId} ${r.status}`), [
      'cloudtrail-trail-delivers-logs PASSED',
      'cloudtrail-trail-log-file-validation-enabled PASSED',
      'cloudtrail-trail-encrypted-with-kms PASSED',
    ]);
    assert.equal(results.find((r) => r.checkId === 'cloudtrail-enabled-in-region')?.status, 'PASSED');
  });

  it('reads each trail\'s status and selectors once, and the tags of the trails homed here in one call', async () => {
    // prepare
    await seedTrails({ globalTrail: true });
    const counter = new RequestCounter();

    // act
    await cloudTrailCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(counter.snapshot(), {
      'CloudTrail:DescribeTrails': 1,
      'CloudTrail:GetEventSelectors': 3,
      'CloudTrail:GetTrailStatus': 3,
      'CloudTrail:ListTags': 1,
    });
  });

  it('a region without trails fails and makes no detail call', async () => {
    // prepare
    const counter = new RequestCounter();

    // act
    const inventory = await cloudTrailCollector.collect(emulator.collectContext({ counter }));
    const { results } = evaluateChecks(task(cloudtrailAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => [r.checkId, r.status]), [['cloudtrail-enabled-in-region', 'FAILED']]);
    assert.deepEqual(counter.snapshot(), { 'CloudTrail:DescribeTrails': 1 });
  });

  it('the demo seed fails every CloudTrail check the emulator can fail, and its decoy raises nothing', async () => {
    // prepare
    const seed = await seedCloudTrail(emulator.clients());

    // act
    const { results } = evaluateChecks(task(cloudtrailAuditor.checks), await cloudTrailCollector.collect(emulator.collectContext()));

    // assert
    const failedChecks = new Set(results.filter((r) => r.status === 'FAILED').map((r) => r.checkId));
    assert.deepEqual([...failedChecks].sort(), ['cloudtrail-enabled-in-region', 'cloudtrail-trail-encrypted-with-kms', 'cloudtrail-trail-log-file-validation-enabled']);
    // The emulator never reports a delivery error (see collect-faults.test.ts for that case).
    assert.ok(results.filter((r) => r.checkId === 'cloudtrail-trail-delivers-logs').every((r) => r.status === 'PASSED'));
    for (const decoy of seed.compliant) {
      assert.deepEqual(results.filter((r) => r.status === 'FAILED' && r.resource.arn.endsWith(`/${decoy}`)).map((r) => r.checkId), [], decoy);
      assert.equal(results.filter((r) => r.resource.id === decoy && r.status === 'PASSED').length, 3, `${decoy} is judged by every per-trail check`);
    }
    assert.deepEqual(results.filter((r) => r.status === 'ERROR'), []);
  });
});
