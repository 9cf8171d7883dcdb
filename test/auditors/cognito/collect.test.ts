import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CognitoIdentityProviderClient, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedCognito } from '../../../src/emulator/seeds/cognito.js';
import { cognitoCollector } from '../../../auditors/cognito/collect.js';
import { cognitoAuditor } from '../../../auditors/cognito/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

const CHECK_ORDER = ['cognito-user-pool-password-policy-strong', 'cognito-user-pool-temporary-password-short-lived', 'cognito-user-pool-mfa-required'] as const;

describe('cognitoCollector against the emulator', () => {
  it('collects every user pool and the checks judge each one', async () => {
    // prepare
    await seedCognito(emulator.clients());
    // Optional MFA and the emulator's default policy (8 characters, 7-day invitations).
    await emulator.clients().get(CognitoIdentityProviderClient).send(new CreateUserPoolCommand({ PoolName: 'optional-mfa', MfaConfiguration: 'OPTIONAL', SmsConfiguration: { SnsCallerArn: `arn:aws:iam::${DEFAULT_ACCOUNT}:role/sms` } }));

    // act
    const inventory = await cognitoCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(cognitoAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER, { rowKey: (r) => inventory.userPools.find((p) => p.id === r.resource.id)?.name ?? r.resource.id }), {
      //                     password temporary mfa
      'demo-customers-weak': ['FAIL', 'FAIL', 'FAIL'],
      'demo-staff-hardened': ['PASS', 'PASS', 'PASS'],
      'optional-mfa':        ['FAIL', 'PASS', 'FAIL'],
    });
  });

  it('the demo seed fails every check at least once and its decoys fail none', async () => {
    // prepare
    const seed = await seedCognito(emulator.clients());

    // act
    const inventory = await cognitoCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(cognitoAuditor.checks), inventory);

    // assert
    for (const check of cognitoAuditor.checks) {
      assert.ok(results.some((r) => r.checkId === check.meta.id && r.status === 'FAILED' && seed.insecure.includes(r.resource.id)), `${check.meta.id} fails on the demo`);
    }
    assert.deepEqual(results.filter((r) => seed.compliant.includes(r.resource.id) && r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId}`), []);
  });

  it('names each pool by its ARN, with its tags, reading each pool once', async () => {
    // prepare
    const seed = await seedCognito(emulator.clients());
    const counter = new RequestCounter();

    // act
    const inventory = await cognitoCollector.collect(emulator.collectContext({ counter }));

    // assert
    const weak = inventory.userPools.find((p) => p.id === seed.insecure[0]);
    assert.equal(weak?.ref.arn, `arn:aws:cognito-idp:${REGION}:${DEFAULT_ACCOUNT}:userpool/${seed.insecure[0]}`);
    assert.deepEqual(weak?.ref.tags, { owner: 'identity-team' });
    assert.deepEqual(weak?.ref.details, { Other: { Id: seed.insecure[0], Name: 'demo-customers-weak', MfaConfiguration: 'OFF', PasswordMinimumLength: '8' } });
    assert.deepEqual(counter.snapshot(), { 'CognitoIdentityProvider:DescribeUserPool': 2, 'CognitoIdentityProvider:ListUserPools': 1 });
  });

  it('a region without user pools is an empty inventory', async () => {
    assert.deepEqual(await cognitoCollector.collect(emulator.collectContext()), { userPools: [] });
  });
});
