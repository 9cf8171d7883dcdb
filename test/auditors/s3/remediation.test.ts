/** The S3 fixes against moto: precise, idempotent, and rolled back exactly. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  CreateBucketCommand, GetBucketAclCommand, GetBucketPolicyCommand, PutBucketAclCommand, PutBucketOwnershipControlsCommand, PutBucketPolicyCommand,
  PutPublicAccessBlockCommand, S3Client, type Grant,
} from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { iamActionFor } from '../../../src/aws/iam-actions.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import type { AnyCheck } from '../../../src/core/check.js';
import type { AnyRemediation } from '../../../src/core/remediation.js';
import { accountRef, type ResourceRef } from '../../../src/core/resource.js';
import { s3Collector } from '../../../auditors/s3/collect.js';
import accountBpaCheck from '../../../auditors/s3/checks/s3-account-block-public-access-enabled.js';
import aclCheck from '../../../auditors/s3/checks/s3-bucket-acl-not-public.js';
import bucketBpaCheck from '../../../auditors/s3/checks/s3-bucket-block-public-access-enabled.js';
import policyCheck from '../../../auditors/s3/checks/s3-bucket-policy-not-public.js';
import accountBpaFix, { type AccountPublicAccessBlockSnapshot } from '../../../auditors/s3/remediations/s3-enable-account-block-public-access.js';
import bucketBpaFix, { type BucketPublicAccessBlockSnapshot } from '../../../auditors/s3/remediations/s3-enable-bucket-block-public-access.js';
import aclFix, { type BucketAclSnapshot } from '../../../auditors/s3/remediations/s3-remove-public-acl-grants.js';
import policyFix, { type BucketPolicySnapshot } from '../../../auditors/s3/remediations/s3-remove-public-policy-statements.js';
import { analysePublicAccess } from '../../../src/policy/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { performAll, planFix, recheck, roundTrip, type FixSubject } from '../../helpers/remediation.js';
import { ALL_ON } from './fixtures.js';

const emulator = useEmulator();

const s3 = (): S3Client => emulator.clients().get(S3Client);

const bucketRef = (name: string): ResourceRef => ({ type: 'AwsS3Bucket', arn: `arn:aws:s3:::${name}`, id: name, region: REGION, partition: 'aws', tags: {} });
const ACCOUNT = accountRef(DEFAULT_ACCOUNT, REGION);

async function bucket(name: string): Promise<ResourceRef> {
  await s3().send(new CreateBucketCommand({ Bucket: name }));
  return bucketRef(name);
}

function subject(check: AnyCheck, fix: AnyRemediation, resource: ResourceRef, options: { params?: Record<string, unknown>; checkParams?: Record<string, unknown> } = {}): FixSubject {
  return {
    ctx: emulator.collectContext(),
    collector: s3Collector,
    check,
    fix,
    resource,
    ...(options.params ? { params: options.params } : {}),
    ...(options.checkParams ? { checkParams: options.checkParams } : {}),
  };
}


/** Snapshot, plan, perform, snapshot, restore, perform on a counted context: every request made is authorised by the fix's permissions. */
async function assertAuthorised(fix: AnyRemediation, resource: ResourceRef, params: Record<string, unknown> = {}): Promise<Record<string, number>> {
  const counter = new RequestCounter();
  const ctx = emulator.collectContext({ counter });
  const backup = await fix.snapshot(ctx, resource);
  const { calls } = fix.plan({ resource, snapshot: backup, evidence: {}, params: fix.parameters ? fix.parameters.parse(params) : {}, checkParams: {} });
  for (const call of calls) await fix.perform(ctx, call);
  const current = await fix.snapshot(ctx, resource);
  for (const call of fix.restore({ resource, backup, applied: calls, current })) await fix.perform(ctx, call);
  const made = counter.snapshot();
  for (const key of Object.keys(made)) assert.ok(fix.permissions.includes(iamActionFor(key)), `${fix.id} declares the permission for ${key}`);
  return made;
}

const GROUP = 'http://acs.amazonaws.com/groups';
const OTHER_USER = 'a'.repeat(64);

async function grantsOf(name: string, grants: (owner: string) => Grant[]): Promise<void> {
  const { Owner } = await s3().send(new GetBucketAclCommand({ Bucket: name }));
  await s3().send(new PutBucketAclCommand({ Bucket: name, AccessControlPolicy: { Owner, Grants: grants(Owner?.ID ?? '') } }));
}

const MIXED_GRANTS = (owner: string): Grant[] => [
  { Grantee: { Type: 'CanonicalUser', ID: owner }, Permission: 'FULL_CONTROL' },
  { Grantee: { Type: 'Group', URI: `${GROUP}/global/AllUsers` }, Permission: 'READ' },
  { Grantee: { Type: 'CanonicalUser', ID: OTHER_USER }, Permission: 'WRITE' },
  { Grantee: { Type: 'Group', URI: `${GROUP}/global/AuthenticatedUsers` }, Permission: 'READ_ACP' },
  { Grantee: { Type: 'Group', URI: `${GROUP}/s3/LogDelivery` }, Permission: 'WRITE' },
];

const grantees = (snapshot: BucketAclSnapshot): string[] => snapshot.Grants.map((g) => `${g.Permission ?? ''} ${g.Grantee?.URI ?? (g.Grantee?.ID === OTHER_USER ? 'other' : 'owner')}`);

describe('s3-remove-public-acl-grants', () => {
  it('removes only the AllUsers and AuthenticatedUsers grants, in place; the rollback restores the ACL exactly', async () => {
    // prepare
    const resource = await bucket('mixed-acl');
    await grantsOf('mixed-acl', MIXED_GRANTS);
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEFAULT_ACCOUNT}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::mixed-acl/*' }] });
    await s3().send(new PutBucketPolicyCommand({ Bucket: 'mixed-acl', Policy: policy }));

    // act
    const { plan, before, fixed } = await roundTrip(subject(aclCheck, aclFix, resource));

    // assert
    assert.deepEqual(plan.calls.map((c) => c.action), ['s3:PutBucketAcl']);
    assert.deepEqual(grantees(before as BucketAclSnapshot), ['FULL_CONTROL owner', `READ ${GROUP}/global/AllUsers`, 'WRITE other', `READ_ACP ${GROUP}/global/AuthenticatedUsers`, `WRITE ${GROUP}/s3/LogDelivery`]);
    assert.deepEqual(grantees(fixed as BucketAclSnapshot), ['FULL_CONTROL owner', 'WRITE other', `WRITE ${GROUP}/s3/LogDelivery`]);
    assert.deepEqual((fixed as BucketAclSnapshot).Owner, (before as BucketAclSnapshot).Owner);
    assert.equal((await s3().send(new GetBucketPolicyCommand({ Bucket: 'mixed-acl' }))).Policy, policy, 'the bucket policy is untouched');
  });

  it('plans nothing for a bucket with ACLs disabled (BucketOwnerEnforced), and says why', async () => {
    // prepare (real S3 refuses a public grant once ACLs are disabled; moto keeps it, which shows the case)
    const resource = await bucket('enforced');
    await grantsOf('enforced', MIXED_GRANTS);
    await s3().send(new PutBucketOwnershipControlsCommand({ Bucket: 'enforced', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));

    // act
    const { plan, before } = await planFix(subject(aclCheck, aclFix, resource));

    // assert
    assert.equal((before as BucketAclSnapshot).ObjectOwnership, 'BucketOwnerEnforced');
    assert.deepEqual(plan.calls, []);
    assert.match(plan.left[0] ?? '', /ACLs disabled \(Object Ownership BucketOwnerEnforced\).*READ to AllUsers, READ_ACP to AuthenticatedUsers/);
  });

  it('plans nothing for a private bucket, and a bucket deleted meanwhile is absent', async () => {
    // prepare
    const resource = await bucket('private-acl');
    const snapshot = await aclFix.snapshot(emulator.collectContext(), resource);

    // act
    const plan = aclFix.plan({ resource, snapshot, evidence: {}, params: {}, checkParams: {} });
    const verdict = await recheck(subject(aclCheck, aclFix, bucketRef('never-made')));

    // assert
    assert.deepEqual(plan, { calls: [], left: [] });
    assert.equal(verdict.status, 'ABSENT');
    await assert.rejects(aclFix.snapshot(emulator.collectContext(), bucketRef('never-made')), { name: 'ResourceGoneError' });
  });

  it('the rollback keeps a grant added since the fix and does not bring back one withdrawn since', () => {
    // prepare
    const owner = { Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' };
    const everyone = { Grantee: { Type: 'Group', URI: `${GROUP}/global/AllUsers` }, Permission: 'READ' };
    const partner = { Grantee: { Type: 'CanonicalUser', ID: 'partner' }, Permission: 'READ' };
    const added = { Grantee: { Type: 'CanonicalUser', ID: 'added' }, Permission: 'WRITE' };
    const backup: BucketAclSnapshot = { Bucket: 'b', ExpectedBucketOwner: DEFAULT_ACCOUNT, Owner: { ID: 'owner' }, Grants: [owner, everyone, partner] };
    const { calls: applied } = aclFix.plan({ resource: bucketRef('b'), snapshot: backup, evidence: {}, params: {}, checkParams: {} });
    const current: BucketAclSnapshot = { ...backup, Grants: [owner, added] };

    // act
    const restore = aclFix.restore({ resource: bucketRef('b'), backup, applied, current });

    // assert
    assert.deepEqual(restore.map((c) => c.input.AccessControlPolicy), [{ Owner: { ID: 'owner' }, Grants: [owner, everyone, added] }]);
    assert.deepEqual(aclFix.restore({ resource: bucketRef('b'), backup, applied: [], current }), [], 'nothing applied, nothing to undo');
  });
});

const OWNER_READ = `{
      "Sid": "OwnerRead",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${DEFAULT_ACCOUNT}:root"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::website/*"
    }`;
const PUBLIC_READ = `{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::website/*"}`;
const TLS_ONLY = `{"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::website","arn:aws:s3:::website/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`;
const OFFICE = `{"Sid":"Office","Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::website","Condition":{"IpAddress":{"aws:SourceIp":"8.8.8.0/24"}}}`;
const policyText = (...statements: string[]): string => `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${statements.join(',\n    ')}\n  ]\n}`;

async function bucketWithPolicy(policy: string): Promise<ResourceRef> {
  const resource = await bucket('website');
  await s3().send(new PutBucketPolicyCommand({ Bucket: 'website', Policy: policy }));
  return resource;
}

describe('s3-remove-public-policy-statements', () => {
  it('removes only the public statement, keeping the others byte for byte; the rollback puts the original text back', async () => {
    // prepare
    const resource = await bucketWithPolicy(policyText(OWNER_READ, PUBLIC_READ, TLS_ONLY, OFFICE));
    // act
    const { plan, fixed } = await roundTrip(subject(policyCheck, policyFix, resource));

    // assert
    assert.deepEqual(plan.calls.map((c) => c.action), ['s3:PutBucketPolicy']);
    assert.equal((fixed as BucketPolicySnapshot).Policy, policyText(OWNER_READ, TLS_ONLY, OFFICE), 'the /24 restricts under the default sourceIp reading, so Office stays');
  });

  it('with the check\'s sourceIp: private-only, also removes the statement that reading flags', async () => {
    // prepare
    const resource = await bucketWithPolicy(policyText(OWNER_READ, PUBLIC_READ, TLS_ONLY, OFFICE));

    // act
    const { fixed } = await roundTrip(subject(policyCheck, policyFix, resource, { checkParams: { sourceIp: 'private-only' } }));

    // assert
    assert.equal((fixed as BucketPolicySnapshot).Policy, policyText(OWNER_READ, TLS_ONLY));
  });

  it('deletes a policy whose single statement (an object, not a list) is public; the rollback puts it back', async () => {
    // prepare
    const policy = `{"Version":"2012-10-17","Statement":${PUBLIC_READ}}`;
    const resource = await bucketWithPolicy(policy);

    // act
    const { plan, fixed, restored } = await roundTrip(subject(policyCheck, policyFix, resource));

    // assert
    assert.deepEqual(plan.calls.map((c) => c.action), ['s3:DeleteBucketPolicy']);
    assert.equal((fixed as BucketPolicySnapshot).Policy, undefined);
    assert.equal((restored as BucketPolicySnapshot).Policy, policy);
  });

  it('with policyStatements: restrict, keeps the statement limited to the owner\'s account', async () => {
    // prepare
    const resource = await bucketWithPolicy(policyText(OWNER_READ, PUBLIC_READ, TLS_ONLY));

    // act
    const { fixed } = await roundTrip(subject(policyCheck, policyFix, resource, { params: { policyStatements: 'restrict' } }));

    // assert
    const after = (fixed as BucketPolicySnapshot).Policy ?? '';
    const restricted = JSON.stringify({ ...(JSON.parse(PUBLIC_READ) as object), Condition: { StringEquals: { 'aws:PrincipalAccount': DEFAULT_ACCOUNT } } });
    assert.equal(after, policyText(OWNER_READ, restricted, TLS_ONLY));
    assert.equal(analysePublicAccess(after).public, false);
  });

  it('plans nothing for a policy with nothing public or for no policy at all', async () => {
    // prepare
    const resource = await bucketWithPolicy(policyText(OWNER_READ, TLS_ONLY));
    const withPolicy = await policyFix.snapshot(emulator.collectContext(), resource);
    const withoutPolicy: BucketPolicySnapshot = { Bucket: 'website', ExpectedBucketOwner: DEFAULT_ACCOUNT };

    // act
    const plans = [withPolicy, withoutPolicy].map((snapshot) => policyFix.plan({ resource, snapshot, evidence: {}, params: { policyStatements: 'remove' }, checkParams: {} }));

    // assert
    assert.deepEqual(plans, [{ calls: [], left: [] }, { calls: [], left: [] }]);
  });

  it('a bucket deleted meanwhile is absent, and its snapshot says it is gone', async () => {
    // act
    const verdict = await recheck(subject(policyCheck, policyFix, bucketRef('gone-bucket')));

    // assert
    assert.equal(verdict.status, 'ABSENT');
    await assert.rejects(policyFix.snapshot(emulator.collectContext(), bucketRef('gone-bucket')), { name: 'ResourceGoneError' });
  });

  it('the rollback of a deletion whose policy was already put back plans nothing', () => {
    // prepare
    const backup: BucketPolicySnapshot = { Bucket: 'website', ExpectedBucketOwner: DEFAULT_ACCOUNT, Policy: policyText(PUBLIC_READ) };
    const applied = policyFix.plan({ resource: bucketRef('website'), snapshot: backup, evidence: {}, params: { policyStatements: 'remove' }, checkParams: {} }).calls;

    // act
    const pending = policyFix.restore({ resource: bucketRef('website'), backup, applied, current: { Bucket: 'website', ExpectedBucketOwner: DEFAULT_ACCOUNT } });
    const done = policyFix.restore({ resource: bucketRef('website'), backup, applied, current: backup });

    // assert
    assert.deepEqual(pending.map((c) => [c.action, c.input.Policy]), [['s3:PutBucketPolicy', backup.Policy]]);
    assert.deepEqual(done, []);
  });
});

describe('s3-enable-bucket-block-public-access', () => {
  it('turns the four settings on; the rollback puts the partial configuration back exactly', async () => {
    // prepare
    const resource = await bucket('partial');
    await s3().send(new PutPublicAccessBlockCommand({ Bucket: 'partial', PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true } }));

    // act
    const { plan, before, fixed } = await roundTrip(subject(bucketBpaCheck, bucketBpaFix, resource));

    // assert
    assert.match(plan.calls[0]?.description ?? '', /turn on IgnorePublicAcls, BlockPublicPolicy/);
    assert.deepEqual((before as BucketPublicAccessBlockSnapshot).PublicAccessBlockConfiguration, { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: true });
    assert.deepEqual((fixed as BucketPublicAccessBlockSnapshot).PublicAccessBlockConfiguration, ALL_ON);
  });

  it('a bucket without configuration gets one, and the rollback deletes it', async () => {
    // prepare
    const resource = await bucket('bare');

    // act
    const { restored } = await roundTrip(subject(bucketBpaCheck, bucketBpaFix, resource));

    // assert
    assert.equal((restored as BucketPublicAccessBlockSnapshot).PublicAccessBlockConfiguration, undefined);
  });

  it('plans nothing for a bucket with the four settings on; a bucket deleted meanwhile is absent', async () => {
    // prepare
    const resource = await bucket('locked');
    await s3().send(new PutPublicAccessBlockCommand({ Bucket: 'locked', PublicAccessBlockConfiguration: ALL_ON }));
    const snapshot = await bucketBpaFix.snapshot(emulator.collectContext(), resource);

    // act
    const plan = bucketBpaFix.plan({ resource, snapshot, evidence: {}, params: {}, checkParams: {} });
    const verdict = await recheck(subject(bucketBpaCheck, bucketBpaFix, bucketRef('gone-bucket')));

    // assert
    assert.deepEqual(plan, { calls: [], left: [] });
    assert.equal(verdict.status, 'ABSENT');
    await assert.rejects(bucketBpaFix.snapshot(emulator.collectContext(), bucketRef('gone-bucket')), { name: 'ResourceGoneError' });
  });
});

describe('s3-enable-account-block-public-access', () => {
  it('turns the four account settings on; the rollback deletes the configuration the account did not have', async () => {
    // prepare
    // act
    const { plan, before, restored } = await roundTrip(subject(accountBpaCheck, accountBpaFix, ACCOUNT));

    // assert
    assert.deepEqual(before, { AccountId: DEFAULT_ACCOUNT });
    assert.deepEqual(plan.calls[0]?.input, { AccountId: DEFAULT_ACCOUNT, PublicAccessBlockConfiguration: ALL_ON });
    assert.deepEqual(restored, { AccountId: DEFAULT_ACCOUNT });
  });

  it('the rollback puts a partial account configuration back exactly', async () => {
    // prepare
    await emulator.clients().get(S3ControlClient).send(new PutAccountPublicAccessBlockCommand({ AccountId: DEFAULT_ACCOUNT, PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }));

    // act
    const { before, fixed } = await roundTrip(subject(accountBpaCheck, accountBpaFix, ACCOUNT));

    // assert
    assert.deepEqual((before as AccountPublicAccessBlockSnapshot).PublicAccessBlockConfiguration, { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false });
    assert.deepEqual((fixed as AccountPublicAccessBlockSnapshot).PublicAccessBlockConfiguration, ALL_ON);
  });

  it('plans nothing for an account with the four settings on', async () => {
    // prepare
    await emulator.clients().get(S3ControlClient).send(new PutAccountPublicAccessBlockCommand({ AccountId: DEFAULT_ACCOUNT, PublicAccessBlockConfiguration: ALL_ON }));
    const snapshot = await accountBpaFix.snapshot(emulator.collectContext(), ACCOUNT);

    // act
    const plan = accountBpaFix.plan({ resource: ACCOUNT, snapshot, evidence: {}, params: {}, checkParams: {} });

    // assert
    assert.deepEqual(plan, { calls: [], left: [] });
  });
});

describe('s3Collector.collectOne', () => {
  it('reads one bucket with the account settings, or the account alone', async () => {
    // prepare
    await bucket('wanted');
    await bucket('wanted-not');
    await bucket('other');
    await emulator.clients().get(S3ControlClient).send(new PutAccountPublicAccessBlockCommand({ AccountId: DEFAULT_ACCOUNT, PublicAccessBlockConfiguration: ALL_ON }));
    const ctx = emulator.collectContext();

    // act
    const one = await s3Collector.collectOne?.(ctx, bucketRef('wanted'));
    const account = await s3Collector.collectOne?.(ctx, ACCOUNT);
    const whole = await s3Collector.collect(ctx);

    // assert
    assert.deepEqual(one?.buckets.map((b) => b.name), ['wanted']);
    assert.deepEqual(one?.buckets[0], whole.buckets.find((b) => b.name === 'wanted'), 'read as the scan reads it');
    assert.deepEqual(one?.account, whole.account);
    assert.deepEqual(account?.buckets, []);
    assert.deepEqual(account?.account, whole.account);
  });

  it('an account-level setting makes the bucket re-check pass, as in a scan', async () => {
    // prepare
    const resource = await bucket('covered');
    await emulator.clients().get(S3ControlClient).send(new PutAccountPublicAccessBlockCommand({ AccountId: DEFAULT_ACCOUNT, PublicAccessBlockConfiguration: ALL_ON }));

    // act
    const verdict = await recheck(subject(bucketBpaCheck, bucketBpaFix, resource));

    // assert
    assert.equal(verdict.status, 'PASSED');
  });
});

describe('S3 fix permissions', () => {
  it('every request a fix makes, its rollback included, is authorised by its permissions', async () => {
    // prepare
    const acl = await bucket('perm-acl');
    await grantsOf('perm-acl', MIXED_GRANTS);
    const policy = await bucketWithPolicy(policyText(OWNER_READ, PUBLIC_READ));
    const bpa = await bucket('perm-bpa');

    // act
    const made = [
      await assertAuthorised(aclFix, acl),
      await assertAuthorised(policyFix, policy),
      await assertAuthorised(bucketBpaFix, bpa),
      await assertAuthorised(accountBpaFix, ACCOUNT),
    ];

    // assert
    assert.deepEqual(made.map((m) => Object.keys(m)), [
      ['S3:GetBucketAcl', 'S3:GetBucketOwnershipControls', 'S3:PutBucketAcl'],
      ['S3:GetBucketPolicy', 'S3:PutBucketPolicy'],
      ['S3:DeletePublicAccessBlock', 'S3:GetPublicAccessBlock', 'S3:PutPublicAccessBlock'],
      ['S3Control:DeletePublicAccessBlock', 'S3Control:GetPublicAccessBlock', 'S3Control:PutPublicAccessBlock'],
    ]);
  });
});

describe('S3 rollbacks of deletions', () => {
  it('deleting a policy or configuration that is already gone is done, not an error', async () => {
    // prepare
    const resource = await bucket('twice');
    const ctx = emulator.collectContext();
    const calls = [
      ...policyFix.restore({ resource, backup: { Bucket: 'twice', ExpectedBucketOwner: DEFAULT_ACCOUNT }, applied: [{ action: 's3:DeleteBucketPolicy', input: {}, description: '' }], current: { Bucket: 'twice', ExpectedBucketOwner: DEFAULT_ACCOUNT, Policy: policyText(PUBLIC_READ) } }),
      ...bucketBpaFix.restore({ resource, backup: { Bucket: 'twice', ExpectedBucketOwner: DEFAULT_ACCOUNT }, applied: [{ action: 's3:PutBucketPublicAccessBlock', input: {}, description: '' }], current: { Bucket: 'twice', ExpectedBucketOwner: DEFAULT_ACCOUNT, PublicAccessBlockConfiguration: ALL_ON } }),
    ];

    // act
    await performAll({ ctx, collector: s3Collector, check: policyCheck, fix: policyFix, resource }, calls.slice(0, 1));
    await performAll({ ctx, collector: s3Collector, check: bucketBpaCheck, fix: bucketBpaFix, resource }, calls.slice(1));

    // assert
    assert.deepEqual(calls.map((c) => c.action), ['s3:DeleteBucketPolicy', 's3:PutBucketPublicAccessBlock']);
    assert.equal(calls[1]?.input.PublicAccessBlockConfiguration, undefined, 'a deletion carries no configuration');
  });
});
