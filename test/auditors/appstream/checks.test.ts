import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { evaluateChecks } from '../../../src/core/runner.js';
import { appstreamAuditor } from '../../../auditors/appstream/index.js';
import { arnAccount } from '../../../auditors/appstream/fetch.js';
import fleetNoInternet from '../../../auditors/appstream/checks/appstream-fleet-no-default-internet-access.js';
import imageNotPublic from '../../../auditors/appstream/checks/appstream-image-not-public.js';
import userNotCompromised from '../../../auditors/appstream/checks/appstream-user-not-compromised.js';
import userSaml from '../../../auditors/appstream/checks/appstream-user-authenticates-with-saml.js';
import { fleet, image, inventory, task, user } from './fixtures.js';

const empty = inventory();

describe('appstream-fleet-no-default-internet-access', () => {
  it('fails a fleet with default internet access', () => {
    assert.deepEqual(fleetNoInternet.evaluate(fleet('kiosk'), {}, empty), {
      status: 'FAILED', summary: 'fleet kiosk gives its streaming instances default internet access', evidence: { EnableDefaultInternetAccess: true, State: 'RUNNING' },
    });
  });

  it('passes a fleet without it', () => {
    assert.equal(fleetNoInternet.evaluate(fleet('office', { enableDefaultInternetAccess: false }), {}, empty).status, 'PASSED');
  });

  it('fails a stopped fleet too (the setting applies when it starts), and an unreported setting is an ERROR (edge)', () => {
    assert.equal(fleetNoInternet.evaluate(fleet('idle', { state: 'STOPPED' }), {}, empty).status, 'FAILED');
    assert.throws(() => fleetNoInternet.evaluate(fleet('odd', { enableDefaultInternetAccess: undefined }), {}, empty), /did not report EnableDefaultInternetAccess for odd/);
  });
});

describe('appstream-image-not-public', () => {
  it('fails an owned image marked PUBLIC', () => {
    const verdict = imageNotPublic.evaluate(image('golden', { visibility: 'PUBLIC' }), {}, empty);
    assert.deepEqual(verdict, { status: 'FAILED', summary: 'image golden, owned by this account, is public', evidence: { Visibility: 'PUBLIC', ImageSharedWithOthers: null } });
  });

  it('passes a private image', () => {
    assert.deepEqual(imageNotPublic.evaluate(image('golden'), {}, empty), { status: 'PASSED', summary: 'the image is private', evidence: { Visibility: 'PRIVATE', ImageSharedWithOthers: null } });
  });

  it('passes an image shared with named accounts, saying so, and an unreported visibility is an ERROR (edge)', () => {
    assert.equal(imageNotPublic.evaluate(image('partner', { sharedWithOthers: 'TRUE' }), {}, empty).summary, 'the image is private, shared with named accounts only');
    assert.throws(() => imageNotPublic.evaluate(image('odd', { visibility: undefined }), {}, empty), /Visibility/);
  });

  it('owns only the images whose ARN names the account: AWS base images name none (the collector\'s filter)', () => {
    assert.deepEqual(
      ['arn:aws:appstream:us-east-1::image/AppStream-WinServer2022-01-01-2025', 'arn:aws:appstream:us-east-1:123456789012:image/golden', 'arn:aws:appstream:us-east-1:210987654321:image/theirs'].map(arnAccount),
      ['', '123456789012', '210987654321'],
    );
  });
});

describe('appstream-user-not-compromised', () => {
  it('fails a user AppStream reports compromised', () => {
    const verdict = userNotCompromised.evaluate(user('eve@example.com', { status: 'COMPROMISED', enabled: false }), {}, empty);
    assert.deepEqual(verdict, { status: 'FAILED', summary: 'user eve@example.com is reported compromised', evidence: { Status: 'COMPROMISED', Enabled: false } });
  });

  it('passes a confirmed user', () => {
    assert.equal(userNotCompromised.evaluate(user('ann@example.com'), {}, empty).status, 'PASSED');
  });

  it('passes an UNKNOWN status (nothing reported), and a missing status is an ERROR (edge)', () => {
    assert.equal(userNotCompromised.evaluate(user('new@example.com', { status: 'UNKNOWN' }), {}, empty).summary, "the user's status is UNKNOWN");
    assert.throws(() => userNotCompromised.evaluate(user('odd@example.com', { status: undefined }), {}, empty), /did not report Status/);
  });
});

describe('appstream-user-authenticates-with-saml', () => {
  it('fails an enabled user pool user', () => {
    const verdict = userSaml.evaluate(user('ann@example.com'), {}, empty);
    assert.deepEqual(verdict, {
      status: 'FAILED', summary: 'user ann@example.com signs in through the AppStream user pool, not SAML', evidence: { AuthenticationType: 'USERPOOL', Enabled: true, Status: 'CONFIRMED' },
    });
  });

  it('a disabled user cannot sign in: not judged; an unreported Enabled is an ERROR (edge)', () => {
    assert.equal(userSaml.evaluate(user('gone@example.com', { enabled: false }), {}, empty).status, 'NOT_APPLICABLE');
    assert.throws(() => userSaml.evaluate(user('odd@example.com', { enabled: undefined }), {}, empty), /did not report Enabled/);
  });

  it('an account whose users all come through SAML has no user pool users: nothing to report (pass case)', () => {
    const { results } = evaluateChecks(task([userSaml]), inventory());
    assert.deepEqual(results, []);
  });
});

describe('the appstream auditor', () => {
  it('judges fleets, images and users with their own checks only', () => {
    // prepare
    const items = inventory({ fleets: [fleet('office', { enableDefaultInternetAccess: false })], images: [image('golden')], users: [user('ann@example.com')] });

    // act
    const { results } = evaluateChecks(task(appstreamAuditor.checks), items);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), [
      'PASSED appstream-fleet-no-default-internet-access office',
      'PASSED appstream-image-not-public golden',
      'PASSED appstream-user-not-compromised ann@example.com',
      'FAILED appstream-user-authenticates-with-saml ann@example.com',
    ]);
  });
});
