import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateSecretCommand, DeleteSecretCommand, RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { iamActionFor } from '../../../src/aws/iam-actions.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedSecretsManager } from '../../../src/emulator/seeds/secretsmanager.js';
import { secretsManagerCollector } from '../../../auditors/secretsmanager/collect.js';
import { secretsmanagerAuditor } from '../../../auditors/secretsmanager/index.js';
import { useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';

const emulator = useEmulator();
const CHECKS = ['secretsmanager-secret-rotation-enabled', 'secretsmanager-secret-rotated-recently'] as const;

const secrets = (): SecretsManagerClient => emulator.clients().get(SecretsManagerClient);

describe('secretsManagerCollector against the emulator', () => {
  it('reads rotation settings, dates and tags from the listing, leaves deleted secrets out, and the checks judge each secret', async () => {
    // prepare
    const before = Date.now();
    await secrets().send(new CreateSecretCommand({ Name: 'static-key', SecretString: 'x', Tags: [{ Key: 'owner', Value: 'alice' }] }));
    await secrets().send(new CreateSecretCommand({ Name: 'rotating', SecretString: 'x' }));
    await secrets().send(new RotateSecretCommand({ SecretId: 'rotating', RotationRules: { AutomaticallyAfterDays: 14 } }));
    await secrets().send(new CreateSecretCommand({ Name: 'retired', SecretString: 'x' }));
    await secrets().send(new DeleteSecretCommand({ SecretId: 'retired', RecoveryWindowInDays: 7 }));

    // act
    const inventory = await secretsManagerCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(secretsmanagerAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECKS), {
      //             rotation recent
      'static-key': ['FAIL', 'PASS'],
      'rotating':   ['PASS', 'PASS'],
    });
    const rotating = inventory.secrets.find((s) => s.name === 'rotating');
    assert.equal(rotating?.rotationIntervalDays, 14);
    assert.ok(Date.parse(rotating?.lastRotatedAt ?? '') >= before - 1000, 'the rotation date is read');
    const staticKey = inventory.secrets.find((s) => s.name === 'static-key');
    assert.match(staticKey?.ref.arn ?? '', /^arn:aws:secretsmanager:us-east-1:123456789012:secret:static-key-[A-Za-z0-9]{6}$/);
    assert.deepEqual(staticKey?.ref.tags, { owner: 'alice' });
    assert.equal(results.find((r) => r.checkId === 'secretsmanager-secret-rotated-recently' && r.resource.id === 'static-key')?.evidence?.measuredFrom, 'CreatedDate');
    assert.ok(Date.parse(inventory.collectedAt) >= before);
  });

  it('follows ListSecrets pages and calls only what it declares, once per page', async () => {
    // prepare
    for (let i = 0; i < 103; i += 1) await secrets().send(new CreateSecretCommand({ Name: `s-${String(i).padStart(3, '0')}`, SecretString: 'x' }));
    const counter = new RequestCounter();

    // act
    const inventory = await secretsManagerCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.equal(new Set(inventory.secrets.map((s) => s.name)).size, 103);
    assert.deepEqual(counter.snapshot(), { 'SecretsManager:ListSecrets': 2 });
    assert.deepEqual(Object.keys(counter.snapshot()).map(iamActionFor).sort(), [...secretsManagerCollector.permissions].sort());
  });

  it('an account without secrets is an empty inventory', async () => {
    assert.deepEqual((await secretsManagerCollector.collect(emulator.collectContext())).secrets, []);
  });
});

describe('the Secrets Manager demo seed', () => {
  it('fails the rotation check on the static secret and nothing on the decoy', async () => {
    // prepare
    const seeded = await seedSecretsManager(emulator.clients());

    // act
    const inventory = await secretsManagerCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(secretsmanagerAuditor.checks), inventory);

    // assert
    const of = (arns: string[]): string[] => results.filter((r) => arns.includes(r.resource.arn)).map((r) => `${r.status} ${r.checkId}`);
    // The emulator cannot back-date a secret: the age check passes both.
    assert.deepEqual(of(seeded.insecure), ['FAILED secretsmanager-secret-rotation-enabled', 'PASSED secretsmanager-secret-rotated-recently']);
    assert.deepEqual(of(seeded.compliant), ['PASSED secretsmanager-secret-rotation-enabled', 'PASSED secretsmanager-secret-rotated-recently']);
  });
});
