import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { fetched } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import amiNotPublic from '../../../auditors/ami/checks/ami-not-public.js';
import amiEncrypted from '../../../auditors/ami/checks/ami-encrypted.js';
import { PRIVATE, device, failed, image, task } from './fixtures.js';

const empty = { images: [] };
const noParams = {} as Record<string, never>;

describe('ami-not-public', () => {
  it('fails an image shared with group all, listing the named shares too', () => {
    // prepare
    const open = image('ami-1', { launchPermission: fetched({ ...PRIVATE, public: true, accounts: ['111122223333'] }) });
    // act
    const verdict = amiNotPublic.evaluate(open, noParams, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, {
      public: true, group: 'all', shared_with_accounts: ['111122223333'], shared_with_organizations: [], shared_with_organizational_units: [],
    });
  });

  it('passes a private image', () => {
    assert.equal(amiNotPublic.evaluate(image('ami-1'), noParams, empty).status, 'PASSED');
  });

  it('edge: the Public flag alone fails even when the launch permissions could not be read; a private flag with unreadable permissions is an ERROR', () => {
    const flagged = amiNotPublic.evaluate(image('ami-1', { public: true, launchPermission: failed() }), noParams, empty);
    assert.deepEqual(flagged.status === 'FAILED' && flagged.evidence, { public: true });
    const { results } = evaluateChecks(task([amiNotPublic]), { images: [image('ami-2', { launchPermission: failed() })] });
    assert.equal(results[0]?.status, 'ERROR');
  });

  it('edge: sharing with an organization passes with the share as evidence', () => {
    const org = 'arn:aws:organizations::123456789012:organization/o-abc';
    const verdict = amiNotPublic.evaluate(image('ami-1', { launchPermission: fetched({ ...PRIVATE, organizations: [org] }) }), noParams, empty);
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(verdict.status === 'PASSED' && verdict.evidence?.shared_with_organizations, [org]);
  });
});

describe('ami-encrypted', () => {
  it('fails an image with an unencrypted snapshot, naming the device', () => {
    // prepare
    const mixed = image('ami-1', { ebsDevices: [device('/dev/xvda'), device('/dev/sdb', fetched(false), 'snap-b')] });
    // act
    const verdict = amiEncrypted.evaluate(mixed, noParams, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.unencrypted_devices, [{ device_name: '/dev/sdb', snapshot_id: 'snap-b' }]);
  });

  it('passes an image whose snapshots are all encrypted', () => {
    assert.equal(amiEncrypted.evaluate(image('ami-1', { ebsDevices: [device('/dev/xvda'), device('/dev/sdb')] }), noParams, empty).status, 'PASSED');
  });

  it('edge: an instance store-backed image is not applicable; unknown encryption is an ERROR', () => {
    assert.equal(amiEncrypted.evaluate(image('ami-1', { rootDeviceType: 'instance-store', ebsDevices: [] }), noParams, empty).status, 'NOT_APPLICABLE');
    const { results } = evaluateChecks(task([amiEncrypted]), { images: [image('ami-2', { ebsDevices: [device('/dev/xvda', failed('snapshot gone'))] })] });
    assert.equal(results[0]?.status, 'ERROR');
    assert.match(results[0]?.summary ?? '', /encryption of \/dev\/xvda/);
  });
});
