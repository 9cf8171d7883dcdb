/**
 * The access key fixes against moto: the key is deactivated, never deleted, and the rollback makes it
 * Active again. A deactivated key is NOT_APPLICABLE to both checks (only active keys are judged), so
 * the helper roundTrip, which expects PASSED, does not fit: deactivateAndRollBack runs the same stages.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateUserCommand, DeleteAccessKeyCommand, IAMClient, ListAccessKeysCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createAwsClients } from '../../../src/aws/clients.js';
import type { JsonValue } from '../../../src/core/check.js';
import type { FixPlan, PlannedCall } from '../../../src/core/remediation.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { iamCollector } from '../../../auditors/iam/collect.js';
import keyRotated from '../../../auditors/iam/checks/iam-access-key-rotated.js';
import keyUsedRecently from '../../../auditors/iam/checks/iam-access-key-used-recently.js';
import deactivateOld from '../../../auditors/iam/remediations/iam-deactivate-old-access-key.js';
import deactivateUnused from '../../../auditors/iam/remediations/iam-deactivate-unused-access-key.js';
import type { AccessKeySnapshot } from '../../../auditors/iam/deactivate-key.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { performAll, planFix, recheck, type FixSubject } from '../../helpers/remediation.js';

const emulator = useEmulator();

/** The emulator stamps keys with the current time: at a limit of 0 days a key made a moment ago is too old. */
const ROTATED = { check: keyRotated, fix: deactivateOld, checkParams: { maxAgeDays: 0 } };
const UNUSED = { check: keyUsedRecently, fix: deactivateUnused, checkParams: { maxUnusedDays: 0 } };

const keyRef = (id: string): ResourceRef => ({ type: 'AwsIamAccessKey', arn: `AWS::IAM::AccessKey:${id}`, id, region: REGION, partition: 'aws', tags: {} });

const subject = (which: typeof ROTATED | typeof UNUSED, resource: ResourceRef): FixSubject => ({ ctx: emulator.collectContext(), collector: iamCollector, resource, ...which });

async function userWithKeys(UserName: string, count = 1): Promise<{ keys: ResourceRef[]; secrets: string[] }> {
  const iam = emulator.clients().get(IAMClient);
  await iam.send(new CreateUserCommand({ UserName, Path: '/ci/', Tags: [{ Key: 'owner', Value: 'platform' }] }));
  const keys: ResourceRef[] = [];
  const secrets: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName }));
    if (!AccessKey?.AccessKeyId || !AccessKey.SecretAccessKey) throw new Error('the emulator returned no key');
    keys.push(keyRef(AccessKey.AccessKeyId));
    secrets.push(AccessKey.SecretAccessKey);
  }
  // A key stamped in the millisecond the re-check starts is 0 ms old, which is not more than 0 days.
  await new Promise((resolve) => setTimeout(resolve, 10));
  return { keys, secrets };
}

async function statuses(UserName: string): Promise<Record<string, string>> {
  const { AccessKeyMetadata } = await emulator.clients().get(IAMClient).send(new ListAccessKeysCommand({ UserName }));
  return Object.fromEntries((AccessKeyMetadata ?? []).map((k) => [k.AccessKeyId ?? '', k.Status ?? '']));
}

/**
 * roundTrip's stages, ending in NOT_APPLICABLE instead of PASSED: the re-check fails, the fix is
 * planned with declared permissions and performed twice, the re-check finds the key not applicable,
 * the rollback (declared, performed twice) restores the snapshot exactly and a second one plans nothing.
 */
async function deactivateAndRollBack(s: FixSubject): Promise<{ before: JsonValue; plan: FixPlan; fixed: JsonValue; restore: PlannedCall[] }> {
  const { before, plan } = await planFix(s);
  assert.ok(plan.calls.length > 0, 'the fix plans at least one call');
  await performAll(s, plan.calls);
  await performAll(s, plan.calls);
  const after = await recheck(s);
  assert.equal(after.status, 'NOT_APPLICABLE', `the deactivated key is not judged: ${after.summary ?? ''}`);
  const fixed = (await s.fix.snapshot(s.ctx, s.resource)) as JsonValue;
  const restore = s.fix.restore({ resource: s.resource, backup: before, applied: plan.calls, current: fixed });
  for (const call of restore) assert.ok(s.fix.permissions.includes(call.action), `${s.fix.id} declares ${call.action}`);
  await performAll(s, restore);
  await performAll(s, restore);
  const restored = (await s.fix.snapshot(s.ctx, s.resource)) as JsonValue;
  assert.deepEqual(restored, before, 'the rollback restores the key exactly');
  assert.deepEqual(s.fix.restore({ resource: s.resource, backup: before, applied: plan.calls, current: restored }), [], 'a second rollback has nothing to do');
  return { before, plan, fixed, restore };
}

describe('iam-deactivate-old-access-key', () => {
  it('deactivates only the old key, never deletes it, and the rollback makes it Active again', async () => {
    // prepare
    const { keys } = await userWithKeys('deployer', 2);
    const [old, other] = keys as [ResourceRef, ResourceRef];
    // act
    const { before, plan, fixed, restore } = await deactivateAndRollBack(subject(ROTATED, old));
    // assert
    assert.deepEqual(plan.calls.map((c) => [c.action, c.input]), [['iam:UpdateAccessKey', { UserName: 'deployer', AccessKeyId: old.id, Status: 'Inactive' }]]);
    assert.deepEqual(plan.left, []);
    assert.deepEqual(fixed, { ...(before as AccessKeySnapshot), Status: 'Inactive' }, 'only the status changed');
    assert.deepEqual(restore.map((c) => c.input), [{ UserName: 'deployer', AccessKeyId: old.id, Status: 'Active' }]);
    assert.deepEqual(await statuses('deployer'), { [old.id]: 'Active', [other.id]: 'Active' }, 'both keys still exist');
    assert.equal((await recheck(subject(ROTATED, old))).status, 'FAILED', 'the restored key fails again');
  });

  it('while deactivated, the key keeps its user, its creation date and the other key stays active', async () => {
    // prepare
    const { keys } = await userWithKeys('deployer', 2);
    const [old, other] = keys as [ResourceRef, ResourceRef];
    const { plan } = await planFix(subject(ROTATED, old));
    // act
    await performAll(subject(ROTATED, old), plan.calls);
    // assert
    assert.deepEqual(await statuses('deployer'), { [old.id]: 'Inactive', [other.id]: 'Active' });
    assert.equal((await recheck(subject(ROTATED, other))).status, 'FAILED', 'the other key is not the fix\'s to change');
  });

  it('the snapshot is the key as ListAccessKeys returns it, without the last use the check does not read', async () => {
    // prepare
    const { keys } = await userWithKeys('deployer');
    const key = keys[0] as ResourceRef;
    // act
    const snapshot = await deactivateOld.snapshot(emulator.collectContext(), key);
    const { AccessKeyMetadata } = await emulator.clients().get(IAMClient).send(new ListAccessKeysCommand({ UserName: 'deployer' }));
    // assert
    const listed = AccessKeyMetadata?.[0];
    assert.deepEqual(snapshot, { UserName: 'deployer', AccessKeyId: key.id, Status: 'Active', CreateDate: listed?.CreateDate?.toISOString() });
  });
});

describe('iam-deactivate-unused-access-key', () => {
  it('deactivates the unused key, keeps its last use, and the rollback makes it Active again', async () => {
    // prepare
    const { keys, secrets } = await userWithKeys('reporter');
    const key = keys[0] as ResourceRef;
    const asKey = createAwsClients(DEFAULT_ACCOUNT, REGION, { accessKeyId: key.id, secretAccessKey: secrets[0] ?? '' }, { endpointUrl: emulator.endpoint });
    try {
      await asKey.get(STSClient).send(new GetCallerIdentityCommand({}));
    } finally {
      asKey.destroy();
    }
    // The emulator records the last use to the second: let it be in the past before the re-check.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // act
    const { before, plan, fixed } = await deactivateAndRollBack(subject(UNUSED, key));
    // assert
    const snapshot = before as AccessKeySnapshot;
    assert.equal(snapshot.AccessKeyLastUsed?.ServiceName, 'sts');
    assert.match(snapshot.AccessKeyLastUsed?.LastUsedDate ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(plan.calls.map((c) => c.input), [{ UserName: 'reporter', AccessKeyId: key.id, Status: 'Inactive' }]);
    assert.match(plan.calls[0]?.description ?? '', /last used .*, more than 0 days ago/);
    assert.deepEqual(fixed, { ...snapshot, Status: 'Inactive' }, 'only the status changed');
  });

  it('a key never used is deactivated from its creation date, and its last use reads as the API says', async () => {
    // prepare
    const { keys } = await userWithKeys('reporter');
    const key = keys[0] as ResourceRef;
    // act
    const { before, plan } = await deactivateAndRollBack(subject(UNUSED, key));
    // assert
    assert.deepEqual((before as AccessKeySnapshot).AccessKeyLastUsed, { ServiceName: 'N/A', Region: 'N/A' });
    assert.match(plan.calls[0]?.description ?? '', /never used since/);
  });
});

describe('the access key fixes on keys that need nothing', () => {
  for (const which of [ROTATED, UNUSED]) {
    it(`${which.fix.id}: a key deactivated meanwhile is not applicable and plans nothing`, async () => {
      // prepare
      const { keys } = await userWithKeys('retired');
      const key = keys[0] as ResourceRef;
      await emulator.clients().get(IAMClient).send(new UpdateAccessKeyCommand({ UserName: 'retired', AccessKeyId: key.id, Status: 'Inactive' }));
      // act
      const verdict = await recheck(subject(which, key));
      const snapshot = await which.fix.snapshot(emulator.collectContext(), key);
      const plan = which.fix.plan({ resource: key, snapshot, evidence: {}, params: {}, checkParams: which.checkParams });
      // assert
      assert.equal(verdict.status, 'NOT_APPLICABLE');
      assert.deepEqual(plan, { calls: [], left: [] });
    });

    it(`${which.fix.id}: a key deleted meanwhile is absent, its snapshot is gone and a planned call finds it gone`, async () => {
      // prepare
      const { keys } = await userWithKeys('leaver');
      const key = keys[0] as ResourceRef;
      const { plan } = await planFix(subject(which, key));
      await emulator.clients().get(IAMClient).send(new DeleteAccessKeyCommand({ UserName: 'leaver', AccessKeyId: key.id }));
      // act
      const verdict = await recheck(subject(which, key));
      // assert
      assert.equal(verdict.status, 'ABSENT');
      await assert.rejects(which.fix.snapshot(emulator.collectContext(), key), { name: 'ResourceGoneError' });
      await assert.rejects(performAll(subject(which, key), plan.calls), { name: 'ResourceGoneError' });
    });
  }

  it('a key that never existed is absent too', async () => {
    // prepare
    const key = keyRef('AKIA0000000000000000');
    // act
    const verdict = await recheck(subject(ROTATED, key));
    // assert
    assert.equal(verdict.status, 'ABSENT');
    await assert.rejects(deactivateUnused.snapshot(emulator.collectContext(), key), { name: 'ResourceGoneError' });
  });
});

describe('the access key fixes, planned and restored on hand-built snapshots', () => {
  const resource = keyRef('AKIAEXAMPLE000000001');
  const active: AccessKeySnapshot = { UserName: 'alice', AccessKeyId: resource.id, Status: 'Active', CreateDate: '2024-01-01T00:00:00.000Z', AccessKeyLastUsed: { LastUsedDate: '2024-02-01T00:00:00.000Z', ServiceName: 's3', Region: 'eu-west-1' } };
  const deactivate: PlannedCall = { action: 'iam:UpdateAccessKey', input: { UserName: 'alice', AccessKeyId: resource.id, Status: 'Inactive' }, description: 'deactivate' };

  it('leaves active a key used again after the re-check that found it unused, and says why', () => {
    // act
    const plan = deactivateUnused.plan({ resource, snapshot: { ...active, AccessKeyLastUsed: { LastUsedDate: '2025-06-30T11:00:00.000Z', ServiceName: 's3', Region: 'eu-west-1' } }, evidence: { lastUsedDate: '2024-02-01T00:00:00.000Z' }, params: {}, checkParams: {} });
    const neverUsed = deactivateUnused.plan({ resource, snapshot: active, evidence: { lastUsedDate: null }, params: {}, checkParams: {} });
    const same = deactivateUnused.plan({ resource, snapshot: active, evidence: { lastUsedDate: '2024-02-01T00:00:00.000Z' }, params: {}, checkParams: {} });
    // assert
    assert.deepEqual(plan.calls, []);
    assert.match(plan.left[0] ?? '', /was used at 2025-06-30T11:00:00.000Z, after the re-check .* left active/);
    assert.deepEqual(neverUsed.calls, [], 'a key the re-check saw as never used but now has a last use is in use');
    assert.deepEqual(same.calls.map((c) => c.input), [deactivate.input]);
  });

  it('the rotation fix deactivates whatever the last use', () => {
    // act
    const plan = deactivateOld.plan({ resource, snapshot: { ...active, AccessKeyLastUsed: undefined }, evidence: {}, params: {}, checkParams: { maxAgeDays: 90 } });
    // assert
    assert.deepEqual(plan.calls.map((c) => c.input), [deactivate.input]);
    assert.match(plan.calls[0]?.description ?? '', /created 2024-01-01T00:00:00.000Z, more than 90 days ago/);
  });

  it('the rollback reactivates under the user\'s current name, and skips a key already active again', () => {
    // act
    const renamed = deactivateOld.restore({ resource, backup: active, applied: [deactivate], current: { ...active, UserName: 'alice-2', Status: 'Inactive' } });
    const reactivated = deactivateOld.restore({ resource, backup: active, applied: [deactivate], current: active });
    const notApplied = deactivateUnused.restore({ resource, backup: active, applied: [], current: { ...active, Status: 'Inactive' } });
    // assert
    assert.deepEqual(renamed.map((c) => c.input), [{ UserName: 'alice-2', AccessKeyId: resource.id, Status: 'Active' }]);
    assert.deepEqual(reactivated, []);
    assert.deepEqual(notApplied, [], 'a key the fix did not change is not the rollback\'s to change');
  });
});
