import { describe, it } from 'node:test';
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
import { CIS_POLICY, NOW, account, daysBefore, failed, inventory, key, task } from './fixtures.js';

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
      `iam-password-policy-meets-cis 123456789012 PASSED`,
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
      assert.ok((meta.compliance.fsbp ?? []).length > 0 && (meta.compliance.cis ?? []).length > 0, meta.id);
    }
  });
});
