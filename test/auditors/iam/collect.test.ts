import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteAccessKeyCommand,
  IAMClient,
  UpdateAccessKeyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createAwsClients } from '../../../src/aws/clients.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { accountRef, type ResourceRef } from '../../../src/core/resource.js';
import { seedIam } from '../../../src/emulator/seeds/iam.js';
import { iamCollector } from '../../../auditors/iam/collect.js';
import { iamAuditor } from '../../../auditors/iam/index.js';
import consolePasswordUsed from '../../../auditors/iam/checks/iam-console-password-used-recently.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

/** Parameters under which a key made seconds ago counts as old: the emulator cannot back-date keys. */
const AGE_ZERO = { 'iam-access-key-rotated': { maxAgeDays: 0 }, 'iam-access-key-used-recently': { maxUnusedDays: 0 } };

/**
 * What the emulator cannot make fail: it always reports AccountAccessKeysPresent 0, its credential
 * report has no root row (an ERROR), and a password set during the test is never 45 days old.
 */
const EMULATOR_CANNOT_FAIL = new Set(['iam-root-no-access-keys', 'iam-root-not-used-recently', 'iam-console-password-used-recently']);

type Seeded = { alice: string; bob: string; dave: string };

async function seedUsers(): Promise<Seeded> {
  const iam = emulator.clients().get(IAMClient);
  await iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'owner', Value: 'alice@example.com' }] }));
  await iam.send(new CreateUserCommand({ UserName: 'bob' }));
  await iam.send(new CreateUserCommand({ UserName: 'carol' }));
  await iam.send(new CreateUserCommand({ UserName: 'dave' }));
  const keyOf = async (UserName: string) => (await iam.send(new CreateAccessKeyCommand({ UserName }))).AccessKey;
  const alice = await keyOf('alice');
  const bob = await keyOf('bob');
  const dave = await keyOf('dave');
  if (!alice?.AccessKeyId || !bob?.AccessKeyId || !bob.SecretAccessKey || !dave?.AccessKeyId) throw new Error('the emulator returned no key');
  await iam.send(new UpdateAccessKeyCommand({ UserName: 'dave', AccessKeyId: dave.AccessKeyId, Status: 'Inactive' }));
  // A request signed with bob's key: the emulator records it as the key's last use.
  const asBob = createAwsClients(DEFAULT_ACCOUNT, REGION, { accessKeyId: bob.AccessKeyId, secretAccessKey: bob.SecretAccessKey }, { endpointUrl: emulator.endpoint });
  try {
    await asBob.get(STSClient).send(new GetCallerIdentityCommand({}));
  } finally {
    asBob.destroy();
  }
  // The emulator records the last use to the second: let it be in the past when the inventory is collected,
  // so "unused for more than 0 days" is decided by the data, not by which side of a second the test ran.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  return { alice: alice.AccessKeyId, bob: bob.AccessKeyId, dave: dave.AccessKeyId };
}

describe('iamCollector against the emulator', () => {
  it('reads every user\'s keys with their last use, tags and ASFF details', async () => {
    // prepare
    const keys = await seedUsers();

    // act
    const inventory = await iamCollector.collect(emulator.collectContext());

    // assert
    const byId = new Map(inventory.accessKeys.map((k) => [k.accessKeyId, k]));
    assert.deepEqual([...byId.keys()].sort(), [keys.alice, keys.bob, keys.dave].sort());
    const alice = byId.get(keys.alice);
    assert.equal(alice?.userArn, `arn:aws:iam::${DEFAULT_ACCOUNT}:user/eng/alice`);
    assert.deepEqual(alice?.lastUsed, { ok: true, value: {} });
    assert.equal(alice?.ref.arn, `AWS::IAM::AccessKey:${keys.alice}`);
    assert.equal(alice?.ref.type, 'AwsIamAccessKey');
    assert.deepEqual(alice?.ref.tags, { owner: 'alice@example.com' });
    const details = alice?.ref.details?.AwsIamAccessKey as Record<string, unknown>;
    assert.equal(details.AccessKeyId, keys.alice);
    assert.equal(details.Status, 'Active');
    assert.equal(details.PrincipalName, 'alice');
    assert.equal(details.PrincipalType, 'IAMUser');
    assert.equal(details.AccountId, DEFAULT_ACCOUNT);
    assert.match(String(details.CreatedAt), /^\d{4}-\d\d-\d\dT/);
    const bob = byId.get(keys.bob);
    assert.ok(bob?.lastUsed?.ok && bob.lastUsed.value.date !== undefined, 'bob\'s key has a last-used date');
    assert.equal(bob?.lastUsed?.ok && bob.lastUsed.value.service, 'sts');
    const dave = byId.get(keys.dave);
    assert.equal(dave?.status, 'Inactive');
    assert.equal(dave?.lastUsed, undefined);
    assert.match(inventory.collectedAt, /^\d{4}-\d\d-\d\dT/);
  });

  it('fresh keys pass with the default limits and fail when the limits are 0 days; inactive keys are never judged', async () => {
    // prepare
    const keys = await seedUsers();
    const inventory = await iamCollector.collect(emulator.collectContext());

    // act
    const defaults = evaluateChecks(task(iamAuditor.checks), inventory).results;
    const zero = evaluateChecks(task(iamAuditor.checks, AGE_ZERO), inventory).results;

    // assert
    const keyResults = (results: typeof defaults) => results.filter((r) => r.resource.type === 'AwsIamAccessKey').map((r) => `${r.checkId} ${r.resource.id} ${r.status}`).sort();
    assert.deepEqual(keyResults(defaults), [
      `iam-access-key-rotated ${keys.alice} PASSED`,
      `iam-access-key-rotated ${keys.bob} PASSED`,
      `iam-access-key-used-recently ${keys.alice} PASSED`,
      `iam-access-key-used-recently ${keys.bob} PASSED`,
    ].sort());
    assert.deepEqual(keyResults(zero), keyResults(defaults).map((line) => line.replace('PASSED', 'FAILED')));
    const bobIdle = zero.find((r) => r.checkId === 'iam-access-key-used-recently' && r.resource.id === keys.bob);
    assert.equal(bobIdle?.evidence.neverUsed, false);
    assert.equal(bobIdle?.evidence.lastUsedService, 'sts');
  });

  it('an account without a password policy fails; a policy of 14 characters and 24 remembered passwords passes', async () => {
    // act
    const without = evaluateChecks(task(iamAuditor.checks), await iamCollector.collect(emulator.collectContext())).results;
    await emulator.clients().get(IAMClient).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }));
    const inventory = await iamCollector.collect(emulator.collectContext());
    const withPolicy = evaluateChecks(task(iamAuditor.checks), inventory).results;

    // assert
    const policyResults = (results: typeof without) => results.filter((r) => r.checkId === 'iam-password-policy-meets-cis');
    assert.deepEqual(policyResults(without).map((r) => [r.checkId, r.status, r.resource.arn, r.evidence.configured]), [
      ['iam-password-policy-meets-cis', 'FAILED', `AWS::::Account:${DEFAULT_ACCOUNT}`, false],
    ]);
    assert.deepEqual(policyResults(withPolicy).map((r) => [r.checkId, r.status]), [['iam-password-policy-meets-cis', 'PASSED']]);
    assert.deepEqual(inventory.account?.passwordPolicy, {
      ok: true,
      value: {
        MinimumPasswordLength: 14,
        PasswordReusePrevention: 24,
        RequireSymbols: false,
        RequireNumbers: false,
        RequireUppercaseCharacters: false,
        RequireLowercaseCharacters: false,
        AllowUsersToChangePassword: false,
        ExpirePasswords: false,
        MaxPasswordAge: 0,
        HardExpiry: false,
      },
    });
  });

  it('lists once; reads each user\'s keys, tags and policies once, each active key\'s last use once, and the account once', async () => {
    // prepare
    await seedUsers();
    const counter = new RequestCounter();

    // act
    await iamCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(counter.snapshot(), {
      // The emulator answers the first request for a report STARTED and the next COMPLETE.
      'IAM:GenerateCredentialReport': 2,
      'IAM:GetAccessKeyLastUsed': 2,
      'IAM:GetAccountPasswordPolicy': 1,
      'IAM:GetAccountSummary': 1,
      'IAM:GetCredentialReport': 1,
      'IAM:ListAccessKeys': 4,
      'IAM:ListAttachedUserPolicies': 4,
      'IAM:ListEntitiesForPolicy': 1,
      'IAM:ListPolicies': 1,
      'IAM:ListUserPolicies': 4,
      'IAM:ListUserTags': 4,
      'IAM:ListUsers': 1,
      'IAM:ListVirtualMFADevices': 1,
    });
  });

  it('the demo seed fails every IAM check the emulator can show (key ages at 0 days) and its decoys raise nothing', async () => {
    // prepare
    const seed = await seedIam(emulator.clients());

    // act
    const inventory = await iamCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(iamAuditor.checks, AGE_ZERO), inventory);
    const passwordsAtZero = evaluateChecks(task([consolePasswordUsed], { [consolePasswordUsed.meta.id]: { maxUnusedDays: 0 } }), inventory).results;

    // assert
    for (const check of iamAuditor.checks.filter((c) => !EMULATOR_CANNOT_FAIL.has(c.meta.id))) {
      assert.ok(results.some((r) => r.checkId === check.meta.id && r.status === 'FAILED'), `${check.meta.id} has a FAILED result`);
    }
    for (const decoy of seed.compliant) {
      assert.deepEqual(results.filter((r) => r.status === 'FAILED' && (r.resource.arn.endsWith(`:${decoy}`) || r.resource.arn.endsWith(`/${decoy}`))).map((r) => r.checkId), [], decoy);
    }
    assert.ok(inventory.accessKeys.some((k) => seed.compliant.includes(k.accessKeyId)), 'the decoy key is in the inventory');
    assert.deepEqual(results.filter((r) => r.status === 'ERROR').map((r) => `${r.checkId}: ${r.summary}`), [
      `iam-root-not-used-recently: the credential report generated at 2015-02-02T20:02:02.000Z has no row for the root user (<root_account>)`,
    ], 'the emulator\'s credential report has no root row');
    const policy = results.find((r) => r.checkId === 'iam-password-policy-meets-cis');
    assert.deepEqual((policy?.evidence.shortfalls as Array<{ setting: string }>).map((s) => s.setting), ['MinimumPasswordLength', 'PasswordReusePrevention']);
    const failing = (checkId: string) => results.filter((r) => r.checkId === checkId && r.status === 'FAILED').map((r) => r.resource.id).sort();
    assert.deepEqual(failing('iam-console-user-mfa-enabled'), ['demo-console-no-mfa']);
    assert.deepEqual(failing('iam-user-permissions-through-groups-only'), ['demo-direct-policies']);
    assert.deepEqual(failing('iam-policy-no-full-admin-privileges'), ['demo-admin-everything']);
    assert.deepEqual(failing('iam-support-role-exists'), [DEFAULT_ACCOUNT]);
    assert.deepEqual(passwordsAtZero.filter((r) => r.status === 'FAILED').map((r) => r.resource.id).sort(), ['demo-console-mfa', 'demo-console-no-mfa'], 'passwords fail once the limit is 0 days');
  });

  it('reads users with their policies and credential report rows, policies with their default version, and the root user\'s devices', async () => {
    // prepare
    const iam = emulator.clients().get(IAMClient);
    await seedIam(emulator.clients());
    const { VirtualMFADevice } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'spare' }));

    // act
    const inventory = await iamCollector.collect(emulator.collectContext());

    // assert
    const direct = inventory.users?.find((u) => u.userName === 'demo-direct-policies');
    assert.equal(direct?.ref.arn, `arn:aws:iam::${DEFAULT_ACCOUNT}:user/demo-direct-policies`);
    assert.equal(direct?.ref.type, 'AwsIamUser');
    assert.deepEqual(direct?.attachedPolicies, { ok: true, value: [`arn:aws:iam::${DEFAULT_ACCOUNT}:policy/demo-read-logs`] });
    assert.deepEqual(direct?.inlinePolicies, { ok: true, value: ['demo-s3-debug'] });
    assert.deepEqual((direct?.ref.details?.AwsIamUser as { UserPolicyList: unknown }).UserPolicyList, [{ PolicyName: 'demo-s3-debug' }]);
    const console = inventory.users?.find((u) => u.userName === 'demo-console-no-mfa');
    assert.deepEqual(console?.ref.tags, { owner: 'demo-console-no-mfa@example.com' });
    assert.ok(console?.credentials.ok);
    assert.equal(console.credentials.value.row?.password_enabled, 'true');
    assert.equal(console.credentials.value.row?.mfa_active, 'false');
    const admin = inventory.policies?.find((p) => p.policyName === 'demo-admin-everything');
    assert.equal(admin?.attachmentCount, 1);
    assert.deepEqual(admin?.document.ok && JSON.parse(admin.document.value), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    assert.equal((admin?.ref.details?.AwsIamPolicy as { DefaultVersionId: string }).DefaultVersionId, 'v1');
    assert.deepEqual(inventory.account?.summary, { ok: true, value: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 } });
    assert.deepEqual(inventory.account?.rootVirtualMfaDevices, { ok: true, value: [] }, `an unassigned device (${VirtualMFADevice?.SerialNumber}) and a user's are not the root user's`);
    assert.deepEqual(inventory.account?.supportRoles, { ok: true, value: [] });
    assert.deepEqual(inventory.account?.rootCredentials, { ok: true, value: { reportGeneratedAt: '2015-02-02T20:02:02.000Z' } });
  });
});

describe('iamCollector.collectOne against the emulator', () => {
  const collectOne = async (resource: ResourceRef, counter?: RequestCounter) => {
    const inventory = await iamCollector.collectOne?.(emulator.collectContext(counter ? { counter } : {}), resource);
    assert.ok(inventory, 'the IAM collector implements collectOne');
    return inventory;
  };

  it('reads one key exactly as the scan reads it, and no password policy', async () => {
    // prepare
    const keys = await seedUsers();
    const scanned = (await iamCollector.collect(emulator.collectContext())).accessKeys;
    const counter = new RequestCounter();

    // act
    const ones = [];
    for (const id of [keys.alice, keys.bob, keys.dave]) {
      const item = scanned.find((k) => k.accessKeyId === id);
      assert.ok(item);
      ones.push({ item, one: await collectOne(item.ref, counter) });
    }

    // assert
    for (const { item, one } of ones) {
      assert.deepEqual(one.accessKeys, [item], `${item.userName}'s key reads as in the scan`);
      assert.equal(one.account, undefined);
      assert.match(one.collectedAt, /^\d{4}-\d\d-\d\dT/);
    }
    assert.deepEqual(counter.snapshot(), { 'IAM:GetAccessKeyLastUsed': 3, 'IAM:GetUser': 3, 'IAM:ListAccessKeys': 3, 'IAM:ListUserTags': 3 }, 'one user read per key, and nothing else');
  });

  it('a key deleted since the scan is absent', async () => {
    // prepare
    const keys = await seedUsers();
    const item = (await iamCollector.collect(emulator.collectContext())).accessKeys.find((k) => k.accessKeyId === keys.alice);
    assert.ok(item);
    await emulator.clients().get(IAMClient).send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: keys.alice }));

    // act
    const one = await collectOne(item.ref);

    // assert
    assert.deepEqual(one.accessKeys, []);
  });

  it('the account reads only its password policy; a resource of no IAM check is refused', async () => {
    // prepare
    await seedUsers();
    const counter = new RequestCounter();

    // act
    const one = await collectOne(accountRef(DEFAULT_ACCOUNT, REGION), counter);

    // assert
    assert.deepEqual(one.accessKeys, []);
    assert.deepEqual(one.account?.passwordPolicy, { ok: true, value: undefined });
    assert.deepEqual(counter.snapshot(), { 'IAM:GetAccountPasswordPolicy': 1 });
    await assert.rejects(collectOne({ type: 'AwsIamUser', arn: `arn:aws:iam::${DEFAULT_ACCOUNT}:user/alice`, id: 'alice', region: REGION, partition: 'aws', tags: {} }), /holds no AwsIamUser resource/);
  });
});
