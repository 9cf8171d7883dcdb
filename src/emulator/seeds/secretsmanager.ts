/**
 * Demo seed for the Secrets Manager checks: an API key that never rotates,
 * and a decoy database credential with rotation on every 30 days.
 *
 * The emulator stamps every secret with the current time and cannot back-date
 * it, so secretsmanager-secret-rotated-recently passes both here; it fails
 * only for secrets older than its limit.
 */
import { CreateSecretCommand, RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

export async function seedSecretsManager(clients: AwsClients): Promise<SeedResult> {
  const secrets = clients.get(SecretsManagerClient);
  const stale = 'demo/partner-api-key';
  const staleArn = (await secrets.send(new CreateSecretCommand({ Name: stale, SecretString: 'demo-value-not-secret', Tags: [{ Key: 'owner', Value: 'integrations-team' }] }))).ARN;

  const rotating = 'demo/orders-db-credentials';
  const rotatingArn = (await secrets.send(new CreateSecretCommand({ Name: rotating, SecretString: '{"username":"orders","password":"demo-value-not-secret"}' }))).ARN;
  // Without a rotation function the emulator rotates at once, as a service's managed rotation would.
  await secrets.send(new RotateSecretCommand({ SecretId: rotating, RotationRules: { AutomaticallyAfterDays: 30 } }));
  if (!staleArn || !rotatingArn) throw new Error('the emulator did not return the ARNs of the demo secrets');
  // ARNs, not names: a secret's ARN ends in a random suffix, so findings name secrets by ARN.
  return { insecure: [staleArn], compliant: [rotatingArn] };
}
