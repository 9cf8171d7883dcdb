import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import type { IamInventory } from '../../../auditors/iam/collect.js';
import { iamAuditor } from '../../../auditors/iam/index.js';
import keyRotated from '../../../auditors/iam/checks/iam-access-key-rotated.js';
import keyUsedRecently from '../../../auditors/iam/checks/iam-access-key-used-recently.js';
import passwordPolicy from '../../../auditors/iam/checks/iam-password-policy-meets-cis.js';
import rootMfa from '../../../auditors/iam/checks/iam-root-mfa-enabled.js';
import rootHardwareMfa from '../../../auditors/iam/checks/iam-root-hardware-mfa-enabled.js';
import rootNoAccessKeys from '../../../auditors/iam/checks/iam-root-no-access-keys.js';
import rootNotUsed from '../../../auditors/iam/checks/iam-root-not-used-recently.js';
import supportRole from '../../../auditors/iam/checks/iam-support-role-exists.js';
import consoleMfa from '../../../auditors/iam/checks/iam-console-user-mfa-enabled.js';
import consolePasswordUsed from '../../../auditors/iam/checks/iam-console-password-used-recently.js';
import throughGroups from '../../../auditors/iam/checks/iam-user-permissions-through-groups-only.js';
import noFullAdmin from '../../../auditors/iam/checks/iam-policy-no-full-admin-privileges.js';
import { CIS_POLICY, NOW, account, daysBefore, failed, inventory, key, policy, rootRow, task, user } from './fixtures.js';

const DAY = 86_400_000;

function evaluate<Item extends { ref: ResourceRef }, Params>(check: Check<IamInventory, Item, Params>, item: Item, inv: IamInventory, params: Record<string, unknown> = {}): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inv);
}

const evidenceOf = (verdict: Verdict): Record<string, unknown> => (verdict.status === 'NOT_APPLICABLE' ? {} : (verdict.evidence ?? {}));

describe('iam-access-key-rotated', () => {
  it('fails an active key created 120 days ago, with its id, user, date and age', () => {
    // prepare
    const item = key('AKIAOLD0000000000001', { createdAt: daysBefore(120) });

    // act
    const verdict = evaluate(keyRotated, item, inventory([item]));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /access key AKIAOLD0000000000001 of user alice was created 120 days ago .* more than the 90-day limit/);
    assert.deepEqual(evidenceOf(verdict), {
      accessKeyId: 'AKIAOLD0000000000001',
      userName: 'alice',
      userArn: 'arn:aws:iam::123456789012:user/alice',
      createdAt: daysBefore(120),
      ageDays: 120,
      maxAgeDays: 90,
    });
  });

  it('passes a key created 30 days ago', () => {
    const item = key('AKIANEW0000000000001', { createdAt: daysBefore(30) });
    assert.equal(evaluate(keyRotated, item, inventory([item])).status, 'PASSED');
  });

  it('the limit is exclusive: exactly 90 days passes, one minute more fails, and maxAgeDays moves it', () => {
    // prepare
    const exactly = key('AKIAEDGE000000000001', { createdAt: daysBefore(90) });
    const justOver = key('AKIAEDGE000000000002', { createdAt: new Date(Date.parse(NOW) - 90 * DAY - 60_000).toISOString() });

    // act
    const atLimit = evaluate(keyRotated, exactly, inventory([exactly]));
    const over = evaluate(keyRotated, justOver, inventory([justOver]));
    const stricter = evaluate(keyRotated, exactly, inventory([exactly]), { maxAgeDays: 60 });

    // assert
    assert.equal(atLimit.status, 'PASSED');
    assert.equal(over.status, 'FAILED');
    assert.equal(evidenceOf(over).ageDays, 90);
    assert.equal(stricter.status, 'FAILED');
  });

  it('with maxAgeDays 0 any key older than the scan fails (what the demo needs: the emulator cannot back-date keys)', () => {
    const item = key('AKIAFRESH00000000001', { createdAt: new Date(Date.parse(NOW) - 5_000).toISOString() });
    assert.equal(evaluate(keyRotated, item, inventory([item]), { maxAgeDays: 0 }).status, 'FAILED');
  });

  it('an inactive key is not applicable, however old', () => {
    // prepare
    const inactive = key('AKIAOFF0000000000001', { status: 'Inactive', createdAt: daysBefore(400), lastUsed: undefined });

    // act
    const verdict = evaluate(keyRotated, inactive, inventory([inactive]));

    // assert
    assert.equal(verdict.status, 'NOT_APPLICABLE');
    assert.match(verdict.summary ?? '', /AKIAOFF0000000000001 is Inactive/);
  });

  it('a key without a creation date is an error, never a pass', () => {
    const item = key('AKIANODATE0000000001', { createdAt: undefined });
    assert.throws(() => evaluate(keyRotated, item, inventory([item])), MissingInputError);
  });

  it('rejects unknown and negative parameters', () => {
    assert.throws(() => keyRotated.parameters?.parse({ maxAgeDays: -1 }));
    assert.throws(() => keyRotated.parameters?.parse({ maxAge: 30 }));
  });
});

describe('iam-access-key-used-recently', () => {
  it('fails a key last used 100 days ago, naming the date and service', () => {
    // prepare
    const item = key('AKIAIDLE000000000001', { createdAt: daysBefore(300), lastUsed: fetched({ date: daysBefore(100), service: 'ec2', region: 'eu-west-1' }) });

    // act
    const verdict = evaluate(keyUsedRecently, item, inventory([item]));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /was last used 100 days ago \(.*, ec2\): more than the 90-day limit/);
    assert.deepEqual(evidenceOf(verdict), {
      accessKeyId: 'AKIAIDLE000000000001',
      userName: 'alice',
      userArn: 'arn:aws:iam::123456789012:user/alice',
      createdAt: daysBefore(300),
      neverUsed: false,
      lastUsedDate: daysBefore(100),
      lastUsedService: 'ec2',
      lastUsedRegion: 'eu-west-1',
      daysUnused: 100,
      maxUnusedDays: 90,
    });
  });

  it('passes an old key used yesterday', () => {
    const item = key('AKIABUSY000000000001', { createdAt: daysBefore(500), lastUsed: fetched({ date: daysBefore(1) }) });
    assert.equal(evaluate(keyUsedRecently, item, inventory([item])).status, 'PASSED');
  });

  it('a key never used counts from its creation: created yesterday passes, created 91 days ago fails', () => {
    // prepare
    const fresh = key('AKIAFRESH00000000001', { createdAt: daysBefore(1), lastUsed: fetched({}) });
    const forgotten = key('AKIAFORGOT0000000001', { createdAt: daysBefore(91), lastUsed: fetched({}) });

    // act
    const freshVerdict = evaluate(keyUsedRecently, fresh, inventory([fresh]));
    const forgottenVerdict = evaluate(keyUsedRecently, forgotten, inventory([forgotten]));

    // assert
    assert.equal(freshVerdict.status, 'PASSED');
    assert.match(freshVerdict.summary ?? '', /never used, but created only 1 day ago/);
    assert.equal(forgottenVerdict.status, 'FAILED');
    assert.match(forgottenVerdict.summary ?? '', /was never used in the 91 days since it was created/);
    assert.equal(evidenceOf(forgottenVerdict).neverUsed, true);
  });

  it('CIS 1.12 reading: with maxUnusedDays 45 a key idle for 60 days fails', () => {
    const item = key('AKIACIS0000000000001', { lastUsed: fetched({ date: daysBefore(60) }), createdAt: daysBefore(200) });
    assert.equal(evaluate(keyUsedRecently, item, inventory([item])).status, 'PASSED');
    assert.equal(evaluate(keyUsedRecently, item, inventory([item]), { maxUnusedDays: 45 }).status, 'FAILED');
  });

  it('a last-used read that failed is an error for that key', () => {
    const item = key('AKIADENIED0000000001', { lastUsed: failed() });
    assert.throws(() => evaluate(keyUsedRecently, item, inventory([item])), /the last use of access key AKIA\[REDACTED\]0001 could not be read: AccessDenied/);
  });

  it('a never-used key without a creation date is an error', () => {
    const item = key('AKIANODATE0000000001', { createdAt: undefined, lastUsed: fetched({}) });
    assert.throws(() => evaluate(keyUsedRecently, item, inventory([item])), MissingInputError);
  });

  it('an inactive key is not applicable, though its last use was not read', () => {
    // prepare
    const inactive = key('AKIAOFF0000000000001', { status: 'Inactive', createdAt: daysBefore(400), lastUsed: undefined });

    // act
    const verdict = evaluate(keyUsedRecently, inactive, inventory([inactive]));

    // assert
    assert.equal(verdict.status, 'NOT_APPLICABLE');
  });
});

describe('iam-password-policy-meets-cis', () => {
  it('fails without a password policy', () => {
    // act
    const verdict = evaluate(passwordPolicy, account(fetched(undefined)), inventory([], account(fetched(undefined))));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /has no IAM password policy/);
    assert.deepEqual(evidenceOf(verdict), { configured: false, required: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 } });
  });

  it('fails a weak policy with each shortfall', () => {
    // prepare
    const weak = account(fetched({ ...CIS_POLICY, MinimumPasswordLength: 8, PasswordReusePrevention: undefined, RequireSymbols: true }));

    // act
    const verdict = evaluate(passwordPolicy, weak, inventory([], weak));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /MinimumPasswordLength is 8 \(required >= 14\); PasswordReusePrevention is not set \(required >= 24\)/);
    assert.deepEqual(evidenceOf(verdict).shortfalls, [
      { setting: 'MinimumPasswordLength', required: '>= 14', actual: 8 },
      { setting: 'PasswordReusePrevention', required: '>= 24', actual: null },
    ]);
  });

  it('passes the CIS v3.0 policy without character classes or expiry', () => {
    const item = account();
    const verdict = evaluate(passwordPolicy, item, inventory([], item));
    assert.equal(verdict.status, 'PASSED');
    assert.match(verdict.summary ?? '', /minimum length 14, reuse prevention 24/);
  });

  it('FSBP IAM.7 style parameters require the character classes and expiry', () => {
    // prepare
    const item = account();
    const params = { minimumPasswordLength: 8, passwordReusePrevention: 0, requireSymbols: true, requireUppercaseCharacters: true, maxPasswordAgeDays: 90 };

    // act
    const verdict = evaluate(passwordPolicy, item, inventory([], item), params);
    const strong = account(fetched({ ...CIS_POLICY, PasswordReusePrevention: undefined, RequireSymbols: true, RequireUppercaseCharacters: true, ExpirePasswords: true, MaxPasswordAge: 60 }));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual((evidenceOf(verdict).shortfalls as Array<{ setting: string }>).map((s) => s.setting), ['RequireSymbols', 'RequireUppercaseCharacters', 'MaxPasswordAge']);
    assert.equal(evaluate(passwordPolicy, strong, inventory([], strong), params).status, 'PASSED');
  });

  it('edge: 13 characters fails and 23 remembered passwords fail; a stricter policy passes', () => {
    const short = account(fetched({ ...CIS_POLICY, MinimumPasswordLength: 13 }));
    const reuse = account(fetched({ ...CIS_POLICY, PasswordReusePrevention: 23 }));
    const strict = account(fetched({ ...CIS_POLICY, MinimumPasswordLength: 32, RequireNumbers: true }));
    assert.equal(evaluate(passwordPolicy, short, inventory([], short)).status, 'FAILED');
    assert.equal(evaluate(passwordPolicy, reuse, inventory([], reuse)).status, 'FAILED');
    assert.equal(evaluate(passwordPolicy, strict, inventory([], strict)).status, 'PASSED');
  });

  it('a policy that could not be read is an error, not a missing policy', () => {
    const item = account(failed());
    assert.throws(() => evaluate(passwordPolicy, item, inventory([], item)), /the account password policy could not be read/);
  });
});

describe('the IAM checks through the runner', () => {
  it('judges active keys with both key checks and the account once; inactive keys get no result', () => {
    // prepare
    const inv = inventory([key('AKIAACTIVE0000000001'), key('AKIAINACTIVE00000001', { status: 'Inactive', lastUsed: undefined })]);

    // act
    const { results, resources, notApplicable } = evaluateChecks(task(iamAuditor.checks), inv);

    // assert
    assert.equal(resources, 3, 'the inactive key is seen');
    assert.equal(notApplicable, 2, 'and is not applicable to either key check');
    assert.deepEqual(results.map((r) => `${r.checkId} ${r.resource.id} ${r.status}`), [
      'iam-access-key-rotated AKIAACTIVE0000000001 PASSED',
      'iam-access-key-used-recently AKIAACTIVE0000000001 PASSED',
      'iam-password-policy-meets-cis 123456789012 PASSED',
      'iam-root-mfa-enabled 123456789012 PASSED',
      'iam-root-hardware-mfa-enabled 123456789012 PASSED',
      'iam-root-no-access-keys 123456789012 PASSED',
      'iam-root-not-used-recently 123456789012 PASSED',
      'iam-support-role-exists 123456789012 PASSED',
    ]);
  });

  it('a failed last-used read makes only that key\'s used-recently check ERROR', () => {
    // prepare
    const inv = inventory([key('AKIABROKEN0000000001', { lastUsed: failed() }), key('AKIAHEALTHY000000001')]);

    // act
    const { results } = evaluateChecks(task(iamAuditor.checks), inv);

    // assert
    const notPassed = results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`);
    assert.deepEqual(notPassed, ['ERROR iam-access-key-used-recently AKIABROKEN0000000001']);
  });
});

describe('the IAM auditor', () => {
  it('each check id is kebab-case, starts with iam- and is unique', () => {
    const ids = iamAuditor.checks.map((c) => c.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^iam-[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('every check has complete metadata within the ASFF limits', () => {
    for (const { meta, collector } of iamAuditor.checks) {
      assert.equal(meta.service, 'iam', meta.id);
      assert.equal(collector, iamAuditor.collector, meta.id);
      assert.ok(meta.title.length > 0 && meta.title.length <= 256, meta.id);
      assert.ok(meta.description.length > 0 && meta.description.length <= 700, `${meta.id}: description is ${meta.description.length} characters`);
      assert.ok(meta.remediation.text.length <= 512, meta.id);
      assert.match(meta.remediation.url, /^https:\/\/docs\.aws\.amazon\.com\//, meta.id);
      assert.ok((meta.compliance.cis ?? []).length > 0, `${meta.id} maps its CIS v3.0 id`);
      // Root MFA (Security Hub IAM.9), root use (IAM.20) and the support role (IAM.18) are controls of Security Hub's CIS standards only.
      if (!['iam-root-mfa-enabled', 'iam-root-not-used-recently', 'iam-support-role-exists'].includes(meta.id)) assert.ok((meta.compliance.fsbp ?? []).length > 0, `${meta.id} maps its FSBP id`);
    }
  });
});

describe('iam-root-mfa-enabled', () => {
  it('fails when the account summary says the root user has no MFA', () => {
    const item = account(undefined, { summary: fetched({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 }) });
    const verdict = evaluate(rootMfa, item, inventory([], item));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(evidenceOf(verdict), { AccountMFAEnabled: 0 });
  });

  it('passes with MFA, a virtual device included', () => {
    const item = account(undefined, { rootVirtualMfaDevices: fetched([{ serialNumber: `arn:aws:iam::123456789012:mfa/root-account-mfa-device` }]) });
    assert.equal(evaluate(rootMfa, item, inventory([], item)).status, 'PASSED');
  });

  it('edge: a summary that failed, was not read (a re-read of the account) or lacks the entry is an ERROR', () => {
    const refused = account(undefined, { summary: failed() });
    const { summary: _unread, ...notRead } = account();
    const silent = account(undefined, { summary: fetched({ AccountAccessKeysPresent: 0 }) });
    assert.throws(() => evaluate(rootMfa, refused, inventory([], refused)), /the account summary could not be read/);
    assert.throws(() => evaluate(rootMfa, notRead, inventory([], notRead)), /the account summary was not read/);
    assert.throws(() => evaluate(rootMfa, silent, inventory([], silent)), /did not report AccountMFAEnabled/);
  });
});

describe('iam-root-hardware-mfa-enabled', () => {
  it('fails a root user whose MFA is a virtual device, naming it', () => {
    const item = account(undefined, { rootVirtualMfaDevices: fetched([{ serialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device', enabledAt: daysBefore(3) }]) });
    const verdict = evaluate(rootHardwareMfa, item, inventory([], item));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /signs in with a virtual MFA device \(arn:aws:iam::123456789012:mfa\/root-account-mfa-device\)/);
  });

  it('passes MFA without a virtual device (a hardware token or security key)', () => {
    const item = account();
    assert.equal(evaluate(rootHardwareMfa, item, inventory([], item)).status, 'PASSED');
  });

  it('edge: no MFA at all fails without needing the device list; an unreadable device list is an ERROR', () => {
    const none = account(undefined, { summary: fetched({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 }), rootVirtualMfaDevices: failed() });
    const unreadable = account(undefined, { rootVirtualMfaDevices: failed() });
    assert.equal(evaluate(rootHardwareMfa, none, inventory([], none)).summary, 'the root user of account 123456789012 has no MFA device at all');
    assert.throws(() => evaluate(rootHardwareMfa, unreadable, inventory([], unreadable)), /the virtual MFA devices could not be read/);
  });
});

describe('iam-root-no-access-keys', () => {
  it('fails when the root user has an access key', () => {
    const item = account(undefined, { summary: fetched({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 1 }) });
    assert.equal(evaluate(rootNoAccessKeys, item, inventory([], item)).status, 'FAILED');
  });

  it('passes without root access keys', () => {
    const item = account();
    assert.equal(evaluate(rootNoAccessKeys, item, inventory([], item)).status, 'PASSED');
  });

  it('edge: an unreported entry is an ERROR, never a pass', () => {
    const item = account(undefined, { summary: fetched({ AccountMFAEnabled: 1 }) });
    assert.throws(() => evaluate(rootNoAccessKeys, item, inventory([], item)), MissingInputError);
  });
});

describe('iam-root-not-used-recently', () => {
  const withRoot = (row: Record<string, string>) => account(undefined, { rootCredentials: fetched({ row: rootRow(row), reportGeneratedAt: daysBefore(0.1) }) });

  it('fails a console sign-in as root 10 days ago, and names the most recent use', () => {
    const item = withRoot({ password_last_used: daysBefore(10), access_key_1_last_used_date: daysBefore(200) });
    const verdict = evaluate(rootNotUsed, item, inventory([], item));
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.summary, `the root user of account 123456789012 signed in to the console at ${daysBefore(10)}, within the last 90 days`);
    assert.deepEqual((evidenceOf(verdict).last_uses as Array<{ credential: string }>).map((u) => u.credential), ['password_last_used', 'access_key_1_last_used_date']);
  });

  it('passes a root user never used, or last used 120 days ago', () => {
    const never = account();
    const old = withRoot({ password_last_used: daysBefore(120) });
    assert.equal(evaluate(rootNotUsed, never, inventory([], never)).status, 'PASSED');
    assert.equal(evaluate(rootNotUsed, old, inventory([], old)).summary, `last used ${daysBefore(120)}, more than 90 days ago`);
  });

  it('edge: a key used yesterday fails; `days` moves the window; a report without the root row is an ERROR', () => {
    const key2 = withRoot({ access_key_2_last_used_date: daysBefore(1) });
    const old = withRoot({ password_last_used: daysBefore(120) });
    const noRow = account(undefined, { rootCredentials: fetched({ reportGeneratedAt: daysBefore(0.1) }) });
    assert.match(evaluate(rootNotUsed, key2, inventory([], key2)).summary ?? '', /used its access key 2 at /);
    assert.equal(evaluate(rootNotUsed, old, inventory([], old), { days: 180 }).status, 'FAILED');
    assert.throws(() => evaluate(rootNotUsed, noRow, inventory([], noRow)), /has no row for the root user/);
  });
});

describe('iam-support-role-exists', () => {
  it('fails when no role has AWSSupportAccess', () => {
    const item = account(undefined, { supportRoles: fetched([]) });
    assert.equal(evaluate(supportRole, item, inventory([], item)).summary, 'no role of account 123456789012 has AWSSupportAccess attached');
  });

  it('passes with a support role, naming it', () => {
    const item = account();
    assert.deepEqual(evidenceOf(evaluate(supportRole, item, inventory([], item))), { support_roles: ['incident-support'] });
  });

  it('edge: an unreadable listing is an ERROR', () => {
    const item = account(undefined, { supportRoles: failed() });
    assert.throws(() => evaluate(supportRole, item, inventory([], item)), /could not be read/);
  });
});

describe('iam-console-user-mfa-enabled', () => {
  it('fails a user with a console password and no MFA', () => {
    const item = user('alice', {}, { password_enabled: 'true', mfa_active: 'false' });
    const verdict = evaluate(consoleMfa, item, inventory([]));
    assert.equal(verdict.summary, 'user alice signs in to the console with a password and no MFA device');
  });

  it('passes a console user with MFA; a user without a password is not applicable', () => {
    assert.equal(evaluate(consoleMfa, user('bob', {}, { password_enabled: 'true', mfa_active: 'true' }), inventory([])).status, 'PASSED');
    assert.equal(evaluate(consoleMfa, user('ci'), inventory([])).status, 'NOT_APPLICABLE');
  });

  it('edge: a user missing from the report, or an unknown value, is an ERROR', () => {
    const missing = user('new', { credentials: fetched({ reportGeneratedAt: '2025-06-30T10:00:00Z' }) });
    assert.throws(() => evaluate(consoleMfa, missing, inventory([])), /generated at 2025-06-30T10:00:00Z has no row for user new/);
    assert.throws(() => evaluate(consoleMfa, user('odd', {}, { password_enabled: 'maybe' }), inventory([])), /neither true nor false/);
  });
});

describe('iam-console-password-used-recently', () => {
  it('fails a password last used 60 days ago', () => {
    const item = user('alice', {}, { password_enabled: 'true', password_last_used: daysBefore(60), password_last_changed: daysBefore(300) });
    const verdict = evaluate(consolePasswordUsed, item, inventory([]));
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.summary, `the console password of user alice was last used at ${daysBefore(60)}, more than the 45 days allowed`);
  });

  it('passes a password used yesterday; a user without a password is not applicable', () => {
    assert.equal(evaluate(consolePasswordUsed, user('bob', {}, { password_enabled: 'true', password_last_used: daysBefore(1) }), inventory([])).status, 'PASSED');
    assert.equal(evaluate(consolePasswordUsed, user('ci'), inventory([])).status, 'NOT_APPLICABLE');
  });

  it('edge: a password never used counts from when it was set; maxUnusedDays moves the limit (FSBP reads 90)', () => {
    const fresh = user('carol', {}, { password_enabled: 'true', password_last_used: 'no_information', password_last_changed: daysBefore(10) });
    const stale = user('dave', {}, { password_enabled: 'true', password_last_used: 'no_information', password_last_changed: daysBefore(50) });
    const sixty = user('erin', {}, { password_enabled: 'true', password_last_used: daysBefore(60) });
    assert.equal(evaluate(consolePasswordUsed, fresh, inventory([])).status, 'PASSED');
    assert.match(evaluate(consolePasswordUsed, stale, inventory([])).summary ?? '', /was never used since it was set at /);
    assert.equal(evaluate(consolePasswordUsed, sixty, inventory([]), { maxUnusedDays: 90 }).status, 'PASSED');
  });
});

describe('iam-user-permissions-through-groups-only', () => {
  it('fails a user with an attached managed policy and an inline policy, naming both', () => {
    const item = user('alice', { attachedPolicies: fetched(['arn:aws:iam::aws:policy/ReadOnlyAccess']), inlinePolicies: fetched(['s3-debug']) });
    const verdict = evaluate(throughGroups, item, inventory([]));
    assert.equal(verdict.summary, 'user alice has managed policy ReadOnlyAccess attached and inline policy s3-debug of its own');
  });

  it('passes a user without policies of its own', () => {
    assert.equal(evaluate(throughGroups, user('bob'), inventory([])).status, 'PASSED');
  });

  it('edge: an unreadable policy listing is an ERROR for that user only', () => {
    const inv = inventory([], account(), NOW, { users: [user('broken', { inlinePolicies: failed() }), user('fine')] });
    const { results } = evaluateChecks(task([throughGroups]), inv);
    assert.deepEqual(results.map((r) => `${r.resource.id} ${r.status}`), ['broken ERROR', 'fine PASSED']);
  });
});

describe('iam-policy-no-full-admin-privileges', () => {
  const admin = { Version: '2012-10-17', Statement: [{ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' }] };

  it('fails an attached policy that allows * on *, at the check\'s severity', () => {
    const inv = inventory([], account(), NOW, { policies: [policy('admin', admin, { attachmentCount: 2 })] });
    const { results } = evaluateChecks(task([noFullAdmin]), inv);
    assert.deepEqual(results.map((r) => [r.status, r.severity, r.summary]), [['FAILED', 'HIGH', 'policy admin allows "*" on "*" (statement Everything) and is attached 2 time(s)']]);
    assert.deepEqual(results[0]?.evidence.admin_statements, admin.Statement);
  });

  it('passes a scoped policy, a Deny of * on *, and * on one bucket', () => {
    const scoped = { Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::logs' }] };
    assert.equal(evaluate(noFullAdmin, policy('scoped', scoped), inventory([])).status, 'PASSED');
  });

  it('edge: an unattached admin policy fails one level lower, or is skipped as CIS reads it; a permissions boundary grants nothing', () => {
    const unattached = policy('spare-admin', { Statement: [{ Effect: 'Allow', Action: ['*:*'], Resource: ['*'], Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] }, { attachmentCount: 0 });
    const boundary = policy('boundary', admin, { attachmentCount: 0, permissionsBoundaryUsageCount: 3 });
    const inv = inventory([], account(), NOW, { policies: [unattached, boundary] });
    const byDefault = evaluateChecks(task([noFullAdmin]), inv).results;
    const cis = evaluateChecks(task([noFullAdmin], { [noFullAdmin.meta.id]: { includeUnattached: false } }), inv).results;
    assert.deepEqual(byDefault.map((r) => [r.resource.id, r.status, r.severity]), [['spare-admin', 'FAILED', 'MEDIUM']]);
    assert.deepEqual(cis, []);
  });

  it('edge: an unreadable or unparseable document, or an admin policy of unknown attachment, is an ERROR', () => {
    const { attachmentCount: _unknown, ...rest } = policy('x', admin);
    const inv = inventory([], account(), NOW, { policies: [policy('unread', admin, { document: failed() }), policy('garbled', '{"Statement": ['), { ...rest, policyName: 'x' }] });
    const { results } = evaluateChecks(task([noFullAdmin]), inv);
    assert.deepEqual(results.map((r) => `${r.resource.id} ${r.status}`), ['unread ERROR', 'garbled ERROR', 'x ERROR']);
  });
});
