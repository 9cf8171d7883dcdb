import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import type { S3Inventory } from '../../../auditors/s3/collect.js';
import { s3Auditor } from '../../../auditors/s3/index.js';
import aclNotPublic from '../../../auditors/s3/checks/s3-bucket-acl-not-public.js';
import policyNotPublic from '../../../auditors/s3/checks/s3-bucket-policy-not-public.js';
import bucketBpa from '../../../auditors/s3/checks/s3-bucket-block-public-access-enabled.js';
import accountBpa from '../../../auditors/s3/checks/s3-account-block-public-access-enabled.js';
import encryption from '../../../auditors/s3/checks/s3-bucket-default-encryption-kms.js';
import secureTransport from '../../../auditors/s3/checks/s3-bucket-policy-denies-insecure-transport.js';
import versioning from '../../../auditors/s3/checks/s3-bucket-versioning-enabled.js';
import lifecycle from '../../../auditors/s3/checks/s3-bucket-lifecycle-configured.js';
import { ALL_OFF, ALL_ON, account, bucket, failed, inventory, policyOf, task } from './fixtures.js';

function evaluate<Item extends { ref: ResourceRef }, Params>(
  check: Check<S3Inventory, Item, Params>,
  item: Item,
  inv: S3Inventory,
  params: Record<string, unknown> = {},
): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inv);
}

const PUBLIC_READ = { granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' };
const AUTHENTICATED_WRITE = { granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers', permission: 'WRITE' };
const LOG_DELIVERY = { granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/s3/LogDelivery', permission: 'WRITE' };
const OWNER = { granteeType: 'CanonicalUser', id: 'owner', permission: 'FULL_CONTROL' };

const PUBLIC_POLICY = policyOf({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
const TLS_POLICY = policyOf({
  Sid: 'DenyHttp',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

describe('s3-bucket-acl-not-public', () => {
  it('fails with the public grants', () => {
    // prepare
    const item = bucket('b', { acl: fetched({ ownerId: 'owner', grants: [OWNER, PUBLIC_READ, AUTHENTICATED_WRITE] }) });

    // act
    const verdict = evaluate(aclNotPublic, item, inventory([item]));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.grants, [
      { grantee: 'AllUsers', who: 'anyone on the internet', uri: PUBLIC_READ.uri, permission: 'READ' },
      { grantee: 'AuthenticatedUsers', who: 'any AWS account', uri: AUTHENTICATED_WRITE.uri, permission: 'WRITE' },
    ]);
  });

  it('passes an owner-only ACL and ignores the log delivery group (decoy)', () => {
    const item = bucket('b', { acl: fetched({ grants: [OWNER, LOG_DELIVERY] }) });
    assert.equal(evaluate(aclNotPublic, item, inventory([item])).status, 'PASSED');
  });

  it('passes when IgnorePublicAcls is on at account level, unless told not to credit it', () => {
    // prepare
    const item = bucket('b', { acl: fetched({ grants: [PUBLIC_READ] }), publicAccessBlock: failed() });
    const inv = inventory([item], account(fetched({ ...ALL_OFF, IgnorePublicAcls: true })));

    // act
    const credited = evaluate(aclNotPublic, item, inv);
    const strict = evaluate(aclNotPublic, item, inv, { creditBlockPublicAccess: false });

    // assert
    assert.equal(credited.status, 'PASSED');
    assert.match(credited.summary ?? '', /IgnorePublicAcls is on at account level/);
    assert.equal(strict.status, 'FAILED');
  });

  it('cannot judge public grants when Block Public Access could not be read', () => {
    const item = bucket('b', { acl: fetched({ grants: [PUBLIC_READ] }), publicAccessBlock: failed() });
    assert.throws(() => evaluate(aclNotPublic, item, inventory([item])), MissingInputError);
  });

  it('a failed ACL read throws MissingInputError', () => {
    const item = bucket('b', { acl: failed() });
    assert.throws(() => evaluate(aclNotPublic, item, inventory([item])), /the bucket ACL could not be read: AccessDenied/);
  });
});

describe('s3-bucket-policy-not-public', () => {
  it('fails with the public statements', () => {
    // prepare
    const item = bucket('b', { policy: fetched(PUBLIC_POLICY) });

    // act
    const verdict = evaluate(policyNotPublic, item, inventory([item]));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /statement\(s\) PublicRead/);
    const statements = verdict.status === 'FAILED' ? verdict.evidence.statements : null;
    assert.ok(Array.isArray(statements) && statements.length === 1);
  });

  it('passes a bucket without a policy', () => {
    const item = bucket('b');
    assert.deepEqual(evaluate(policyNotPublic, item, inventory([item])), { status: 'PASSED', summary: 'the bucket has no bucket policy', evidence: undefined });
  });

  it('passes a policy restricted to a VPC endpoint (decoy)', () => {
    const policy = policyOf({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c' } } });
    const item = bucket('b', { policy: fetched(policy) });
    assert.equal(evaluate(policyNotPublic, item, inventory([item])).status, 'PASSED');
  });

  it('credits RestrictPublicBuckets at bucket level', () => {
    const item = bucket('b', { policy: fetched(PUBLIC_POLICY), publicAccessBlock: fetched({ ...ALL_OFF, RestrictPublicBuckets: true }) });
    const verdict = evaluate(policyNotPublic, item, inventory([item]));
    assert.equal(verdict.status, 'PASSED');
    assert.equal(verdict.status === 'PASSED' && verdict.evidence?.restrictedBy, 'RestrictPublicBuckets (bucket)');
  });

  it('a public /24 allow-list passes under AWS\'s reading (default) and fails under sourceIp: private-only, naming the reading', () => {
    // prepare
    const policy = policyOf({ Sid: 'Office', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { IpAddress: { 'aws:SourceIp': '8.8.8.0/24' } } });
    const item = bucket('b', { policy: fetched(policy) });

    // act
    const aws = evaluate(policyNotPublic, item, inventory([item]));
    const hammer = evaluate(policyNotPublic, item, inventory([item]), { sourceIp: 'private-only' });

    // assert
    assert.deepEqual([aws.status, aws.status === 'PASSED' && aws.evidence], ['PASSED', { sourceIpReading: 'aws' }]);
    assert.equal(hammer.status, 'FAILED');
    const evidence = hammer.status === 'FAILED' ? hammer.evidence : {};
    assert.equal(evidence.sourceIpReading, 'private-only');
    assert.match(String((evidence.statements as Array<Record<string, unknown>>)[0]?.reason), /8\.8\.8\.0\/24 is a public range \(sourceIp reading "private-only"/);
    assert.throws(() => policyNotPublic.parameters?.parse({ sourceIp: 'hammer' }));
  });

  it('an unparseable policy is an error, never a pass', () => {
    const item = bucket('b', { policy: fetched('{not json') });
    assert.throws(() => evaluate(policyNotPublic, item, inventory([item])), /not valid JSON/);
  });

  it('a failed policy read throws MissingInputError', () => {
    const item = bucket('b', { policy: failed() });
    assert.throws(() => evaluate(policyNotPublic, item, inventory([item])), MissingInputError);
  });
});

describe('s3-bucket-block-public-access-enabled', () => {
  it('fails with the settings that are off at both levels', () => {
    // prepare
    const item = bucket('b', { publicAccessBlock: fetched({ ...ALL_ON, RestrictPublicBuckets: false }) });
    const inv = inventory([item], account(fetched({ ...ALL_OFF, BlockPublicPolicy: true })));

    // act
    const verdict = evaluate(bucketBpa, item, inv);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && JSON.stringify(verdict.evidence.off), '["RestrictPublicBuckets"]');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.RestrictPublicBuckets, { bucket: false, account: false, effective: false });
  });

  it('passes with all four on at bucket level even when the account level could not be read', () => {
    const item = bucket('b', { publicAccessBlock: fetched(ALL_ON) });
    const verdict = evaluate(bucketBpa, item, inventory([item], account(failed())));
    assert.equal(verdict.status, 'PASSED');
    assert.equal(verdict.summary, 'all four settings are on at bucket level');
  });

  it('passes a bucket without configuration when the account has all four on, saying so', () => {
    const item = bucket('b');
    const verdict = evaluate(bucketBpa, item, inventory([item], account(fetched(ALL_ON))));
    assert.equal(verdict.status, 'PASSED');
    assert.match(verdict.summary ?? '', /BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets from the account level/);
  });

  it('combines the levels setting by setting', () => {
    const item = bucket('b', { publicAccessBlock: fetched({ ...ALL_OFF, BlockPublicAcls: true, IgnorePublicAcls: true }) });
    const inv = inventory([item], account(fetched({ ...ALL_OFF, BlockPublicPolicy: true, RestrictPublicBuckets: true })));
    assert.equal(evaluate(bucketBpa, item, inv).status, 'PASSED');
  });

  it('a failed bucket read with the account level off throws MissingInputError', () => {
    const item = bucket('b', { publicAccessBlock: failed() });
    assert.throws(() => evaluate(bucketBpa, item, inventory([item])), /the bucket Block Public Access settings could not be read/);
  });
});

describe('s3-account-block-public-access-enabled', () => {
  it('fails an account without configuration', () => {
    // prepare
    const inv = inventory([]);

    // act
    const verdict = evaluate(accountBpa, inv.account, inv);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /no Block Public Access configuration/);
  });

  it('fails with the settings that are off', () => {
    const inv = inventory([], account(fetched({ ...ALL_ON, IgnorePublicAcls: false })));
    const verdict = evaluate(accountBpa, inv.account, inv);
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && JSON.stringify(verdict.evidence.off), '["IgnorePublicAcls"]');
  });

  it('passes with all four on', () => {
    const inv = inventory([], account(fetched(ALL_ON)));
    assert.equal(evaluate(accountBpa, inv.account, inv).status, 'PASSED');
  });

  it('a failed read throws MissingInputError', () => {
    const inv = inventory([], account(failed()));
    assert.throws(() => evaluate(accountBpa, inv.account, inv), MissingInputError);
  });
});

describe('s3-bucket-default-encryption-kms', () => {
  it('passes SSE-S3 by default and fails it when KMS is required', () => {
    const item = bucket('b', { encryption: fetched([{ algorithm: 'AES256' }]) });
    assert.equal(evaluate(encryption, item, inventory([item])).status, 'PASSED');
    const strict = evaluate(encryption, item, inventory([item]), { requireKms: true });
    assert.equal(strict.status, 'FAILED');
    assert.deepEqual(strict.status === 'FAILED' && strict.evidence.algorithms, ['AES256']);
  });

  it('passes SSE-KMS and DSSE-KMS when KMS is required', () => {
    for (const algorithm of ['aws:kms', 'aws:kms:dsse']) {
      const item = bucket('b', { encryption: fetched([{ algorithm, kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' }]) });
      assert.equal(evaluate(encryption, item, inventory([item]), { requireKms: true }).status, 'PASSED', algorithm);
    }
  });

  it('reads a missing configuration as the SSE-S3 default, never as unencrypted', () => {
    // prepare
    const item = bucket('b', { encryption: fetched(undefined) });

    // act
    const lenient = evaluate(encryption, item, inventory([item]));
    const strict = evaluate(encryption, item, inventory([item]), { requireKms: true });

    // assert
    assert.equal(lenient.status, 'PASSED');
    assert.equal(strict.status, 'FAILED');
    assert.equal(strict.status === 'FAILED' && strict.evidence.configured, false);
  });

  it('rejects unknown parameters', () => {
    assert.throws(() => encryption.parameters?.parse({ requireKMS: true }));
  });

  it('a failed read throws MissingInputError', () => {
    const item = bucket('b', { encryption: failed() });
    assert.throws(() => evaluate(encryption, item, inventory([item])), MissingInputError);
  });
});

describe('s3-bucket-policy-denies-insecure-transport', () => {
  it('fails a bucket without a policy', () => {
    const item = bucket('b');
    const verdict = evaluate(secureTransport, item, inventory([item]));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /no bucket policy/);
  });

  it('passes the documented Deny statement', () => {
    const item = bucket('b', { policy: fetched(TLS_POLICY) });
    assert.equal(evaluate(secureTransport, item, inventory([item])).status, 'PASSED');
  });

  it('fails a Deny that covers the objects only, naming what is uncovered', () => {
    // prepare
    const policy = policyOf({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const item = bucket('b', { policy: fetched(policy) });

    // act
    const verdict = evaluate(secureTransport, item, inventory([item]));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /s3:ListBucket on arn:aws:s3:::b$/);
  });

  it('with minimumTlsVersion, requires a TLS version floor too', () => {
    // prepare
    const tls = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } };
    const withoutFloor = bucket('b', { policy: fetched(TLS_POLICY) });
    const withFloor = bucket('b', { policy: fetched(policyOf(...(JSON.parse(TLS_POLICY) as { Statement: Array<Record<string, unknown>> }).Statement, tls)) });

    // act
    const missing = evaluate(secureTransport, withoutFloor, inventory([withoutFloor]), { minimumTlsVersion: 1.2 });
    const present = evaluate(secureTransport, withFloor, inventory([withFloor]), { minimumTlsVersion: 1.2 });

    // assert
    assert.equal(missing.status, 'FAILED');
    assert.equal(present.status, 'PASSED');
  });

  it('a failed policy read throws MissingInputError', () => {
    const item = bucket('b', { policy: failed() });
    assert.throws(() => evaluate(secureTransport, item, inventory([item])), MissingInputError);
  });
});

describe('s3-bucket-versioning-enabled', () => {
  it('passes Enabled, fails Suspended and never enabled', () => {
    const enabled = bucket('b', { versioning: fetched({ status: 'Enabled' }) });
    const suspended = bucket('b', { versioning: fetched({ status: 'Suspended' }) });
    const never = bucket('b');
    assert.equal(evaluate(versioning, enabled, inventory([enabled])).status, 'PASSED');
    assert.match(evaluate(versioning, suspended, inventory([suspended])).summary ?? '', /suspended/);
    const verdict = evaluate(versioning, never, inventory([never]));
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.status, 'NeverEnabled');
  });

  it('does not require MFA delete', () => {
    const item = bucket('b', { versioning: fetched({ status: 'Enabled', mfaDelete: 'Disabled' }) });
    assert.equal(evaluate(versioning, item, inventory([item])).status, 'PASSED');
  });

  it('a failed read throws MissingInputError', () => {
    const item = bucket('b', { versioning: failed() });
    assert.throws(() => evaluate(versioning, item, inventory([item])), MissingInputError);
  });
});

describe('s3-bucket-lifecycle-configured', () => {
  it('fails without a configuration and when every rule is disabled', () => {
    const none = bucket('b');
    const disabled = bucket('b', { lifecycle: fetched([{ id: 'old', status: 'Disabled' }]) });
    assert.match(evaluate(lifecycle, none, inventory([none])).summary ?? '', /no lifecycle configuration/);
    const verdict = evaluate(lifecycle, disabled, inventory([disabled]));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.disabledRules, ['old']);
  });

  it('passes with one enabled rule among disabled ones', () => {
    const item = bucket('b', { lifecycle: fetched([{ id: 'old', status: 'Disabled' }, { id: 'expire', status: 'Enabled', expirationDays: 30 }]) });
    const verdict = evaluate(lifecycle, item, inventory([item]));
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(verdict.status === 'PASSED' && verdict.evidence?.enabledRules, ['expire']);
  });

  it('a failed read throws MissingInputError', () => {
    const item = bucket('b', { lifecycle: failed() });
    assert.throws(() => evaluate(lifecycle, item, inventory([item])), MissingInputError);
  });
});

describe('the S3 checks through the runner', () => {
  it('a failed detail makes only the checks that read it ERROR, for that bucket only', () => {
    // prepare
    const broken = bucket('broken', { policy: failed('AccessDenied: no s3:GetBucketPolicy') });
    const healthy = bucket('healthy', { policy: fetched(TLS_POLICY.replaceAll('arn:aws:s3:::b', 'arn:aws:s3:::healthy')) });
    const inv = inventory([broken, healthy], account(fetched(ALL_ON)));

    // act
    const { results } = evaluateChecks(task(s3Auditor.checks), inv);

    // assert
    const errors = results.filter((r) => r.status === 'ERROR').map((r) => `${r.checkId}/${r.resource.id}`).sort();
    assert.deepEqual(errors, ['s3-bucket-policy-denies-insecure-transport/broken', 's3-bucket-policy-not-public/broken']);
    const error = results.find((r) => r.status === 'ERROR');
    assert.match(error?.summary ?? '', /the bucket policy could not be read: AccessDenied: no s3:GetBucketPolicy/);
    const healthyTransport = results.find((r) => r.checkId === 's3-bucket-policy-denies-insecure-transport' && r.resource.id === 'healthy');
    assert.equal(healthyTransport?.status, 'PASSED');
  });

  it('judges every bucket and the account once per check', () => {
    // prepare
    const inv = inventory([bucket('one'), bucket('two')], account(fetched(ALL_ON)));

    // act
    const { results, resources } = evaluateChecks(task(s3Auditor.checks), inv);

    // assert
    assert.equal(resources, 3);
    assert.equal(results.length, 7 * 2 + 1);
    assert.deepEqual(results.filter((r) => r.resource.type === 'AwsAccount').map((r) => r.checkId), ['s3-account-block-public-access-enabled']);
  });
});

describe('the S3 auditor', () => {
  it('each check id is kebab-case, starts with s3- and is unique', () => {
    const ids = s3Auditor.checks.map((c) => c.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^s3-[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('every check has complete metadata within the ASFF limits', () => {
    for (const { meta, collector } of s3Auditor.checks) {
      assert.equal(meta.service, 's3', meta.id);
      assert.equal(collector, s3Auditor.collector, meta.id);
      assert.ok(meta.title.length > 0 && meta.title.length <= 256, meta.id);
      assert.ok(meta.description.length > 0 && meta.description.length <= 700, `${meta.id}: description is ${meta.description.length} characters`);
      assert.ok(meta.remediation.text.length <= 512, meta.id);
      assert.match(meta.remediation.url, /^https:\/\/docs\.aws\.amazon\.com\//, meta.id);
      assert.ok((meta.compliance.fsbp ?? []).length > 0, meta.id);
      assert.ok(meta.findingTypes.length > 0, meta.id);
    }
  });
});
