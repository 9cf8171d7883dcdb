import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { fetched } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import volumeAttached from '../../../auditors/ebs/checks/ebs-volume-attached.js';
import deletedOnTermination from '../../../auditors/ebs/checks/ebs-volume-deleted-on-termination.js';
import volumeEncrypted from '../../../auditors/ebs/checks/ebs-volume-encrypted.js';
import snapshotEncrypted from '../../../auditors/ebs/checks/ebs-snapshot-encrypted.js';
import snapshotNotPublic from '../../../auditors/ebs/checks/ebs-snapshot-not-public.js';
import encryptionByDefault from '../../../auditors/ebs/checks/ebs-encryption-by-default-enabled.js';
import { account, attachment, failed, inventory, snapshot, task, volume } from './fixtures.js';

const empty = inventory();
const noParams = {} as Record<string, never>;

describe('ebs-volume-attached', () => {
  it('fails an available volume, naming its size and state', () => {
    // prepare
    const orphan = volume('vol-1', { state: 'available', attachments: [], sizeGiB: 100 });
    // act
    const verdict = volumeAttached.evaluate(orphan, noParams, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.state, 'available');
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.size_gib, 100);
  });

  it('passes an in-use volume', () => {
    assert.equal(volumeAttached.evaluate(volume('vol-1'), noParams, empty).status, 'PASSED');
  });

  it('edge: a volume being created or deleted is not judged; an unreported state with attachments passes, without is an ERROR', () => {
    assert.equal(volumeAttached.evaluate(volume('vol-1', { state: 'creating', attachments: [] }), noParams, empty).status, 'NOT_APPLICABLE');
    assert.equal(volumeAttached.evaluate(volume('vol-1', { state: undefined }), noParams, empty).status, 'PASSED');
    const { results } = evaluateChecks(task([volumeAttached]), inventory({ volumes: [volume('vol-2', { state: undefined, attachments: [] })] }));
    assert.deepEqual(results.map((r) => [r.status, r.summary]), [['ERROR', 'the volume state was not reported']]);
  });
});

describe('ebs-volume-deleted-on-termination', () => {
  it('fails an attachment that survives its instance, naming the instance and device', () => {
    // prepare
    const kept = volume('vol-1', { attachments: [attachment('i-1', fetched(false))] });
    // act
    const verdict = deletedOnTermination.evaluate(kept, noParams, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.attachments, [{ instance_id: 'i-1', device: '/dev/sdf', delete_on_termination: false }]);
  });

  it('passes a volume deleted with its instance', () => {
    assert.equal(deletedOnTermination.evaluate(volume('vol-1'), noParams, empty).status, 'PASSED');
  });

  it('edge: unattached and detached volumes are not applicable; a multi-attach volume fails on any surviving attachment', () => {
    assert.equal(deletedOnTermination.evaluate(volume('vol-1', { state: 'available', attachments: [] }), noParams, empty).status, 'NOT_APPLICABLE');
    assert.equal(deletedOnTermination.evaluate(volume('vol-1', { attachments: [attachment('i-1', fetched(false), 'detached')] }), noParams, empty).status, 'NOT_APPLICABLE');
    const multi = deletedOnTermination.evaluate(volume('vol-1', { attachments: [attachment('i-1'), attachment('i-2', fetched(false))] }), noParams, empty);
    assert.equal(multi.status === 'FAILED' && multi.summary, 'volume vol-1 survives the termination of i-2');
  });

  it('edge: an unknown flag is an ERROR, never a pass', () => {
    const { results } = evaluateChecks(task([deletedOnTermination]), inventory({ volumes: [volume('vol-1', { attachments: [attachment('i-1', failed())] })] }));
    assert.equal(results[0]?.status, 'ERROR');
    assert.match(results[0]?.summary ?? '', /DeleteOnTermination of vol-1 on i-1 could not be read/);
  });
});

describe('ebs-volume-encrypted', () => {
  const defaults = volumeEncrypted.parameters?.parse({}) as { includeUnattached: boolean };

  it('fails an unencrypted volume, attached or not (Hammer)', () => {
    // prepare
    const attached = volume('vol-1', { encrypted: false });
    const orphan = volume('vol-2', { encrypted: false, state: 'available', attachments: [] });
    // act
    const verdicts = [attached, orphan].map((v) => volumeEncrypted.evaluate(v, defaults, empty));
    // assert
    assert.deepEqual(verdicts.map((v) => v.status), ['FAILED', 'FAILED']);
    assert.deepEqual(verdicts[0]?.status === 'FAILED' && verdicts[0].evidence.attached_to, ['i-1']);
  });

  it('passes an encrypted volume', () => {
    assert.equal(volumeEncrypted.evaluate(volume('vol-1', { kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' }), defaults, empty).status, 'PASSED');
  });

  it('edge: includeUnattached false judges attached volumes only (FSBP EC2.3); unknown encryption is an ERROR', () => {
    const params = volumeEncrypted.parameters?.parse({ includeUnattached: false }) as { includeUnattached: boolean };
    assert.equal(volumeEncrypted.evaluate(volume('vol-2', { encrypted: false, state: 'available', attachments: [] }), params, empty).status, 'NOT_APPLICABLE');
    assert.throws(() => volumeEncrypted.evaluate(volume('vol-3', { encrypted: undefined }), defaults, empty), /encryption of vol-3 was not reported/);
    assert.equal(volumeEncrypted.parameters?.safeParse({ includeUnattached: 'yes' }).success, false);
    assert.equal(volumeEncrypted.parameters?.safeParse({ unknownKnob: true }).success, false);
  });
});

describe('ebs-snapshot-encrypted', () => {
  it('fails an unencrypted snapshot', () => {
    const verdict = snapshotEncrypted.evaluate(snapshot('snap-1', { encrypted: false, volumeId: 'vol-1' }), noParams, empty);
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.volume_id, 'vol-1');
  });

  it('passes an encrypted snapshot', () => {
    assert.equal(snapshotEncrypted.evaluate(snapshot('snap-1'), noParams, empty).status, 'PASSED');
  });

  it('edge: unknown encryption is an ERROR', () => {
    assert.throws(() => snapshotEncrypted.evaluate(snapshot('snap-1', { encrypted: undefined }), noParams, empty), /not reported/);
  });
});

describe('ebs-snapshot-not-public', () => {
  it('fails a snapshot shared with group all, listing the named accounts too', () => {
    // prepare
    const open = snapshot('snap-1', { encrypted: false, createVolumePermission: fetched({ public: true, accounts: ['111122223333'] }) });
    // act
    const verdict = snapshotNotPublic.evaluate(open, noParams, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { group: 'all', shared_with_accounts: ['111122223333'] });
  });

  it('passes a private snapshot', () => {
    assert.equal(snapshotNotPublic.evaluate(snapshot('snap-1'), noParams, empty).status, 'PASSED');
  });

  it('edge: sharing with named accounts passes with the accounts as evidence; an unreadable permission is an ERROR', () => {
    const shared = snapshotNotPublic.evaluate(snapshot('snap-1', { createVolumePermission: fetched({ public: false, accounts: ['111122223333', '444455556666'] }) }), noParams, empty);
    assert.equal(shared.status, 'PASSED');
    assert.deepEqual(shared.status === 'PASSED' && shared.evidence, { shared_with_accounts: ['111122223333', '444455556666'] });
    const { results } = evaluateChecks(task([snapshotNotPublic]), inventory({ snapshots: [snapshot('snap-2', { createVolumePermission: failed() })] }));
    assert.equal(results[0]?.status, 'ERROR');
  });
});

describe('ebs-encryption-by-default-enabled', () => {
  it('fails when encryption by default is off, on the account resource', () => {
    // act
    const { results } = evaluateChecks(task([encryptionByDefault]), inventory({ account: account(fetched(false)) }));
    // assert
    assert.deepEqual(results.map((r) => [r.status, r.resource.arn, r.resource.type]), [['FAILED', 'AWS::::Account:123456789012', 'AwsAccount']]);
    assert.deepEqual(results[0]?.evidence, { ebs_encryption_by_default: false, region: 'us-east-1' });
  });

  it('passes when it is on', () => {
    assert.equal(encryptionByDefault.evaluate(account(), noParams, empty).status, 'PASSED');
  });

  it('edge: an unreadable setting is an ERROR, not a pass', () => {
    const { results } = evaluateChecks(task([encryptionByDefault]), inventory({ account: account(failed()) }));
    assert.equal(results[0]?.status, 'ERROR');
  });
});
