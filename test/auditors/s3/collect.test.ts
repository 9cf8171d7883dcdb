import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  CreateBucketCommand,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand, PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { describeAwsError } from '../../../src/aws/errors.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { s3Collector, type S3Inventory } from '../../../auditors/s3/collect.js';
import { s3Auditor } from '../../../auditors/s3/index.js';
import { DEFAULT_ACCOUNT, useEmulator } from '../../helpers/emulator.js';
import { ALL_ON, policyOf, task } from './fixtures.js';
import { statusTable } from '../../helpers/status-table.js';

const emulator = useEmulator();

const CHECK_ORDER = [
  's3-bucket-acl-not-public',
  's3-bucket-policy-not-public',
  's3-bucket-block-public-access-enabled',
  's3-bucket-default-encryption-kms',
  's3-bucket-policy-denies-insecure-transport',
  's3-bucket-versioning-enabled',
  's3-bucket-lifecycle-configured',
] as const;

async function seedBuckets(): Promise<void> {
  const s3 = emulator.clients().get(S3Client);
  const eu = emulator.clients('eu-west-1').get(S3Client);
  const arn = (name: string): string => `arn:aws:s3:::${name}`;
  for (const Bucket of ['public-acl', 'public-policy', 'vpce-policy', 'locked', 'versioned', 'with-lifecycle', 'kms', 'tls-only']) {
    await s3.send(new CreateBucketCommand({ Bucket }));
  }
  await eu.send(new CreateBucketCommand({ Bucket: 'in-ireland', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));

  await s3.send(new PutBucketAclCommand({ Bucket: 'public-acl', ACL: 'public-read' }));
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'public-policy',
      Policy: policyOf({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${arn('public-policy')}/*` }),
    }),
  );
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'vpce-policy',
      Policy: policyOf({
        Sid: 'ThroughEndpoint',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `${arn('vpce-policy')}/*`,
        Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
      }),
    }),
  );
  await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'locked', PublicAccessBlockConfiguration: ALL_ON }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: 'with-lifecycle',
      LifecycleConfiguration: { Rules: [{ ID: 'expire-old', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } }] },
    }),
  );
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: 'kms',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:us-east-1:123456789012:key/k1' } }] },
    }),
  );
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'tls-only',
      Policy: policyOf({
        Sid: 'DenyHttp',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn('tls-only'), `${arn('tls-only')}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    }),
  );
  await s3.send(new PutBucketTaggingCommand({ Bucket: 'in-ireland', Tagging: { TagSet: [{ Key: 'owner', Value: 'alice' }] } }));
}

describe('s3Collector against the emulator', () => {
  it('collects every bucket and the checks judge each one', async () => {
    // prepare
    await seedBuckets();

    // act
    const inventory = await s3Collector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(s3Auditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER, { include: (r) => r.resource.type === 'AwsS3Bucket' }), {
      //                 acl     policy  bpa     encrypt tls     version lifecycle
      'public-acl':    ['FAIL', 'PASS', 'FAIL', 'PASS', 'FAIL', 'FAIL', 'FAIL'],
      'public-policy': ['PASS', 'FAIL', 'FAIL', 'PASS', 'FAIL', 'FAIL', 'FAIL'],
      'vpce-policy':   ['PASS', 'PASS', 'FAIL', 'PASS', 'FAIL', 'FAIL', 'FAIL'],
      'locked':        ['PASS', 'PASS', 'PASS', 'PASS', 'FAIL', 'FAIL', 'FAIL'],
      'versioned':     ['PASS', 'PASS', 'FAIL', 'PASS', 'FAIL', 'PASS', 'FAIL'],
      'with-lifecycle':['PASS', 'PASS', 'FAIL', 'PASS', 'FAIL', 'FAIL', 'PASS'],
      'kms':           ['PASS', 'PASS', 'FAIL', 'PASS', 'FAIL', 'FAIL', 'FAIL'],
      'tls-only':      ['PASS', 'PASS', 'FAIL', 'PASS', 'PASS', 'FAIL', 'FAIL'],
      'in-ireland':    ['PASS', 'PASS', 'FAIL', 'PASS', 'FAIL', 'FAIL', 'FAIL'],
    });
    const account = results.find((r) => r.checkId === 's3-account-block-public-access-enabled');
    assert.equal(account?.status, 'FAILED');
    assert.equal(account?.resource.arn, `AWS::::Account:${DEFAULT_ACCOUNT}`);
    const acl = results.find((r) => r.checkId === 's3-bucket-acl-not-public' && r.resource.id === 'public-acl');
    assert.deepEqual(acl?.evidence.grants, [{ grantee: 'AllUsers', who: 'anyone on the internet', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' }]);
  });

  it('with requireKms only the SSE-KMS bucket passes, and moto\'s missing default encryption is not read as unencrypted', async () => {
    // prepare
    await seedBuckets();
    const inventory = await s3Collector.collect(emulator.collectContext());

    // act
    const { results } = evaluateChecks(task(s3Auditor.checks, { 's3-bucket-default-encryption-kms': { requireKms: true } }), inventory);

    // assert
    const passing = results.filter((r) => r.checkId === 's3-bucket-default-encryption-kms' && r.status === 'PASSED').map((r) => r.resource.id);
    assert.deepEqual(passing, ['kms']);
    const plain = inventory.buckets.find((b) => b.name === 'public-acl');
    assert.deepEqual(plain?.encryption, { ok: true, value: undefined });
  });

  it('names each bucket by ARN, with its own region, tags and ASFF details', async () => {
    // prepare
    await seedBuckets();

    // act
    const inventory: S3Inventory = await s3Collector.collect(emulator.collectContext());

    // assert
    const ireland = inventory.buckets.find((b) => b.name === 'in-ireland');
    assert.equal(ireland?.ref.arn, 'arn:aws:s3:::in-ireland');
    assert.equal(ireland?.ref.region, 'eu-west-1');
    assert.deepEqual(ireland?.ref.tags, { owner: 'alice' });
    const kms = inventory.buckets.find((b) => b.name === 'kms')?.ref.details?.AwsS3Bucket as Record<string, unknown> | undefined;
    assert.equal(kms?.Name, 'kms');
    assert.equal(kms?.OwnerAccountId, DEFAULT_ACCOUNT);
    assert.match(String(kms?.CreatedAt), /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(kms?.ServerSideEncryptionConfiguration, {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:us-east-1:123456789012:key/k1' } }],
    });
    const versioned = inventory.buckets.find((b) => b.name === 'versioned')?.ref.details?.AwsS3Bucket as Record<string, unknown> | undefined;
    assert.deepEqual(versioned?.BucketVersioningConfiguration, { Status: 'Enabled' });
    const locked = inventory.buckets.find((b) => b.name === 'locked')?.ref.details?.AwsS3Bucket as Record<string, unknown> | undefined;
    assert.deepEqual(locked?.PublicAccessBlockConfiguration, ALL_ON);
  });

  it('reads the account Block Public Access settings', async () => {
    // prepare
    await emulator.clients().get(S3ControlClient).send(
      new PutAccountPublicAccessBlockCommand({ AccountId: DEFAULT_ACCOUNT, PublicAccessBlockConfiguration: { ...ALL_ON, RestrictPublicBuckets: false } }),
    );

    // act
    const inventory = await s3Collector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(s3Auditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.account.publicAccessBlock, { ok: true, value: { ...ALL_ON, RestrictPublicBuckets: false } });
    const account = results.find((r) => r.checkId === 's3-account-block-public-access-enabled');
    assert.equal(account?.status, 'FAILED');
    assert.deepEqual(account?.evidence.off, ['RestrictPublicBuckets']);
  });

  it('fetches each detail once per bucket', async () => {
    // prepare
    await seedBuckets();
    const counter = new RequestCounter();

    // act
    const inventory = await s3Collector.collect(emulator.collectContext({ counter }));

    // assert
    const buckets = inventory.buckets.length;
    assert.equal(buckets, 9);
    assert.deepEqual(counter.snapshot(), {
      'S3:GetBucketAcl': buckets,
      'S3:GetBucketEncryption': buckets,
      'S3:GetBucketLifecycleConfiguration': buckets,
      'S3:GetBucketLocation': buckets,
      'S3:GetBucketPolicy': buckets,
      'S3:GetBucketTagging': buckets,
      'S3:GetBucketVersioning': buckets,
      'S3:GetPublicAccessBlock': buckets,
      'S3:ListBuckets': 1,
      'S3Control:GetPublicAccessBlock': 1,
    });
  });

  it('an account without buckets is an inventory of the account alone', async () => {
    // act
    const inventory = await s3Collector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(s3Auditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.buckets, []);
    assert.deepEqual(results.map((r) => [r.checkId, r.status]), [['s3-account-block-public-access-enabled', 'FAILED']]);
  });

  it('the client factory routes S3 Control to the emulator (no <account>. host prefix)', async () => {
    // act
    const error = await emulator.clients().get(S3ControlClient).send(new GetPublicAccessBlockCommand({ AccountId: DEFAULT_ACCOUNT })).catch((e: unknown) => e);

    // assert
    assert.equal(describeAwsError(error).code, 'NoSuchPublicAccessBlockConfiguration');
  });
});
