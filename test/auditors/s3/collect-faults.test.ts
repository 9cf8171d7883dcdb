/**
 * What moto cannot show: paginated ListBuckets with BucketRegion, a detail
 * call refused for one bucket, a bucket deleted mid-scan. Injected with
 * aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { s3Collector } from '../../../auditors/s3/collect.js';
import { regionFromLocation } from '../../../auditors/s3/fetch.js';
import { s3Auditor } from '../../../auditors/s3/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, ALL_ON, REGION, policyOf, task } from './fixtures.js';

function awsError(name: string, status: number): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const CREATED = new Date('2024-01-02T03:04:05Z');

describe('s3Collector with injected answers', () => {
  let clients: AwsClients;
  let s3: AwsClientStub<S3Client>;
  let control: AwsClientStub<S3ControlClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    s3 = mockClient(clients.get(S3Client));
    control = mockClient(clients.get(S3ControlClient));
    ctx = mockedContext(clients);
    // A healthy default for every bucket.
    s3.on(GetBucketAclCommand).resolves({ Owner: { ID: 'owner' }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }] });
    s3.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy', 404));
    s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: ALL_ON });
    s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } });
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError('NoSuchLifecycleConfiguration', 404));
    s3.on(GetBucketTaggingCommand).rejects(awsError('NoSuchTagSet', 404));
    control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: ALL_ON });
  });

  afterEach(() => {
    s3.restore();
    control.restore();
    clients.destroy();
  });

  it('follows ListBuckets pages and takes each bucket region from the listing', async () => {
    // prepare
    s3.on(ListBucketsCommand)
      .resolvesOnce({ Buckets: [{ Name: 'first', CreationDate: CREATED, BucketRegion: 'us-east-1' }], ContinuationToken: 'page-2' })
      .resolvesOnce({ Buckets: [{ Name: 'second', CreationDate: CREATED, BucketRegion: 'ap-southeast-2' }] });

    // act
    const inventory = await s3Collector.collect(ctx);

    // assert
    assert.deepEqual(inventory.buckets.map((b) => [b.name, b.ref.region, b.createdAt]), [
      ['first', 'us-east-1', CREATED.toISOString()],
      ['second', 'ap-southeast-2', CREATED.toISOString()],
    ]);
    const listCalls = s3.commandCalls(ListBucketsCommand).map((call) => call.args[0].input);
    assert.deepEqual(listCalls, [{ MaxBuckets: 1000, ContinuationToken: undefined }, { MaxBuckets: 1000, ContinuationToken: 'page-2' }]);
    assert.equal(s3.commandCalls(GetBucketLocationCommand).length, 0);
  });

  it('a policy read refused for one bucket makes only that bucket\'s policy checks ERROR', async () => {
    // prepare
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'refused', BucketRegion: 'us-east-1' }, { Name: 'fine', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketPolicyCommand, { Bucket: 'refused' }).rejects(awsError('AccessDenied', 403));
    s3.on(GetBucketPolicyCommand, { Bucket: 'fine' }).resolves({
      Policy: policyOf({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::fine', 'arn:aws:s3:::fine/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    });

    // act
    const inventory = await s3Collector.collect(ctx);
    const { results } = evaluateChecks(task(s3Auditor.checks), inventory);

    // assert
    const notPassed = results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`).sort();
    assert.deepEqual(notPassed, [
      'ERROR s3-bucket-policy-denies-insecure-transport refused',
      'ERROR s3-bucket-policy-not-public refused',
      'FAILED s3-bucket-lifecycle-configured fine',
      'FAILED s3-bucket-lifecycle-configured refused',
    ]);
    const error = results.find((r) => r.status === 'ERROR');
    assert.match(error?.summary ?? '', /the bucket policy could not be read: AccessDenied/);
  });

  it('an account Block Public Access read that fails is an ERROR for the account check, not a pass', async () => {
    // prepare
    s3.on(ListBucketsCommand).resolves({ Buckets: [] });
    control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('AccessDenied', 403));

    // act
    const inventory = await s3Collector.collect(ctx);
    const { results } = evaluateChecks(task(s3Auditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => [r.checkId, r.status]), [['s3-account-block-public-access-enabled', 'ERROR']]);
  });

  it('drops a bucket deleted between listing and reading, and maps legacy locations', async () => {
    // prepare
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'gone' }, { Name: 'legacy-eu' }, { Name: 'virginia' }] });
    s3.on(GetBucketLocationCommand, { Bucket: 'gone' }).rejects(awsError('NoSuchBucket', 404));
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy-eu' }).resolves({ LocationConstraint: 'EU' });
    s3.on(GetBucketLocationCommand, { Bucket: 'virginia' }).resolves({});

    // act
    const inventory = await s3Collector.collect(ctx);

    // assert
    assert.deepEqual(inventory.buckets.map((b) => [b.name, b.ref.region]), [
      ['legacy-eu', 'eu-west-1'],
      ['virginia', 'us-east-1'],
    ]);
    assert.equal(s3.commandCalls(GetBucketAclCommand, { Bucket: 'gone' }).length, 0);
  });

  it('a refused bucket location keeps the bucket, labelled with the home region', async () => {
    // prepare
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'secretive' }] });
    s3.on(GetBucketLocationCommand).rejects(awsError('AccessDenied', 403));

    // act
    const inventory = await s3Collector.collect(ctx);

    // assert
    assert.deepEqual(inventory.buckets.map((b) => [b.name, b.ref.region, b.acl.ok]), [['secretive', REGION, true]]);
  });

  it('a refused ListBuckets fails the whole collection', async () => {
    // prepare
    s3.on(ListBucketsCommand).rejects(awsError('AccessDenied', 403));

    // act and assert
    await assert.rejects(() => s3Collector.collect(ctx), /AccessDenied/);
  });

  it('reads an empty encryption answer as "no configuration returned"', async () => {
    // prepare
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'quiet', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketEncryptionCommand).resolves({});

    // act
    const inventory = await s3Collector.collect(ctx);

    // assert
    assert.deepEqual(inventory.buckets[0]?.encryption, { ok: true, value: undefined });
    const details = inventory.buckets[0]?.ref.details?.AwsS3Bucket as Record<string, unknown>;
    assert.equal('ServerSideEncryptionConfiguration' in details, false);
  });
});

describe('regionFromLocation', () => {
  it('maps the empty constraint to us-east-1 and EU to eu-west-1', () => {
    assert.equal(regionFromLocation(undefined), 'us-east-1');
    assert.equal(regionFromLocation(''), 'us-east-1');
    assert.equal(regionFromLocation('EU'), 'eu-west-1');
    assert.equal(regionFromLocation('ap-south-2'), 'ap-south-2');
  });
});
