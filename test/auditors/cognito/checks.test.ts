import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import type { CognitoInventory, CognitoUserPoolItem, CognitoUserPoolSettings } from '../../../auditors/cognito/collect.js';
import { toSettings } from '../../../auditors/cognito/fetch.js';
import passwordPolicyStrong from '../../../auditors/cognito/checks/cognito-user-pool-password-policy-strong.js';
import temporaryPassword from '../../../auditors/cognito/checks/cognito-user-pool-temporary-password-short-lived.js';
import mfaRequired from '../../../auditors/cognito/checks/cognito-user-pool-mfa-required.js';
import { failed, HARDENED, inventory, pool } from './fixtures.js';

function evaluate<Params>(check: Check<CognitoInventory, CognitoUserPoolItem, Params>, item: CognitoUserPoolItem, params: Record<string, unknown> = {}): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inventory(item));
}

const withPolicy = (changes: Partial<NonNullable<CognitoUserPoolSettings['passwordPolicy']>>): CognitoUserPoolItem =>
  pool('p', fetched({ ...HARDENED, passwordPolicy: { ...HARDENED.passwordPolicy, ...changes } }));

describe('cognito-user-pool-password-policy-strong', () => {
  it('fails the Cognito defaults of old (8 characters) and a missing class, naming each shortfall', () => {
    // act
    const verdict = evaluate(passwordPolicyStrong, withPolicy({ minimumLength: 8, requireSymbols: false }));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.shortfalls, ['MinimumLength 8 < 14', 'RequireSymbols false']);
  });

  it('passes 14 characters with every class (the boundary)', () => {
    const verdict = evaluate(passwordPolicyStrong, withPolicy({ minimumLength: 14 }));
    assert.equal(verdict.status, 'PASSED');
  });

  it('follows the parameters: FSBP Cognito.3 length 8 without symbols passes when configured so', () => {
    const verdict = evaluate(passwordPolicyStrong, withPolicy({ minimumLength: 8, requireSymbols: false }), { minimumLength: 8, requireSymbols: false });
    assert.equal(verdict.status, 'PASSED');
  });

  it('a policy the service did not report is an error, never a pass (edge)', () => {
    assert.throws(() => evaluate(passwordPolicyStrong, pool('p', fetched({ mfaConfiguration: 'ON' }))), /Policies\.PasswordPolicy/);
    assert.throws(() => evaluate(passwordPolicyStrong, withPolicy({ requireNumbers: undefined })), /RequireNumbers/);
    assert.throws(() => evaluate(passwordPolicyStrong, pool('p', failed())), MissingInputError);
  });
});

describe('cognito-user-pool-temporary-password-short-lived', () => {
  it('fails invitations valid for a month', () => {
    const verdict = evaluate(temporaryPassword, withPolicy({ temporaryPasswordValidityDays: 30 }));
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { TemporaryPasswordValidityDays: 30, maxDays: 7 });
  });

  it('passes exactly 7 days (the boundary) and fewer', () => {
    assert.equal(evaluate(temporaryPassword, withPolicy({ temporaryPasswordValidityDays: 7 })).status, 'PASSED');
    assert.equal(evaluate(temporaryPassword, pool('p')).status, 'PASSED');
  });

  it('an unreported validity is an error; a stricter maxDays is honoured (edge)', () => {
    assert.throws(() => evaluate(temporaryPassword, withPolicy({ temporaryPasswordValidityDays: undefined })), /TemporaryPasswordValidityDays/);
    assert.equal(evaluate(temporaryPassword, pool('p'), { maxDays: 1 }).status, 'FAILED');
    assert.throws(() => temporaryPassword.parameters?.parse({ maxDays: 0 }));
  });
});

describe('cognito-user-pool-mfa-required', () => {
  it('fails MFA OFF and OPTIONAL, saying why', () => {
    const off = evaluate(mfaRequired, pool('p', fetched({ ...HARDENED, mfaConfiguration: 'OFF' })));
    const optional = evaluate(mfaRequired, pool('p', fetched({ ...HARDENED, mfaConfiguration: 'OPTIONAL' })));
    assert.equal(off.status, 'FAILED');
    assert.equal(optional.status, 'FAILED');
    assert.match(optional.status === 'FAILED' ? optional.summary : '', /users who never enrol/);
  });

  it('passes MFA ON, also with a sign-in policy of PASSWORD only', () => {
    assert.equal(evaluate(mfaRequired, pool('p')).status, 'PASSED');
    assert.equal(evaluate(mfaRequired, pool('p', fetched({ ...HARDENED, allowedFirstAuthFactors: ['PASSWORD'] }))).status, 'PASSED');
  });

  it('a pool allowing passkeys or one-time codes as a first factor is not applicable (edge)', () => {
    const verdict = evaluate(mfaRequired, pool('p', fetched({ ...HARDENED, mfaConfiguration: 'OPTIONAL', allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN', 'EMAIL_OTP'] })));
    assert.deepEqual(verdict, { status: 'NOT_APPLICABLE', summary: 'the pool allows passwordless sign-in (WEB_AUTHN, EMAIL_OTP), where MFA cannot be required' });
  });

  it('an unreported MFA setting is an error', () => {
    assert.throws(() => evaluate(mfaRequired, pool('p', fetched({ passwordPolicy: HARDENED.passwordPolicy }))), /MfaConfiguration/);
  });
});

describe('cognito model', () => {
  it('reads the settings the checks need from DescribeUserPool, leaving out what the answer lacks', () => {
    // act
    const settings = toSettings({
      Id: 'us-east-1_x',
      MfaConfiguration: 'OPTIONAL',
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: false }, SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    });

    // assert
    assert.deepEqual(settings, { passwordPolicy: { minimumLength: 12, requireSymbols: false }, mfaConfiguration: 'OPTIONAL', allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] });
    assert.deepEqual(toSettings({}), {});
  });
});
