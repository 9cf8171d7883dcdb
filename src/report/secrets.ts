/**
 * The reporting credentials: from the environment, else from an SSM
 * SecureString or a Secrets Manager secret named in the config. A value read
 * is registered with the redactor before anything else sees it.
 */
import type { AwsClients } from '../aws/clients.js';
import { describeAwsError } from '../aws/errors.js';
import { registerSecret } from '../util/redact.js';

export interface SecretSource {
  ssmParameter?: string;
  secretsManagerSecret?: string;
  /** A key of the secret's JSON value, when the secret holds several. */
  key?: string;
}

export const SECRET_PERMISSIONS = ['ssm:GetParameter', 'secretsmanager:GetSecretValue'] as const;

export class SecretError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretError';
  }
}

function pick(value: string, key: string | undefined, where: string): string {
  if (!key) return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new SecretError(`${where} is not JSON, so it has no key "${key}": remove key, or store the secret as JSON`, { cause: error });
  }
  const picked = (parsed as Record<string, unknown>)[key];
  if (typeof picked !== 'string' || picked === '') throw new SecretError(`${where} has no string value under "${key}"`);
  return picked;
}

/** The secret's value; `setting` names the config field in errors. */
export async function readSecret(source: SecretSource, clients: AwsClients, setting: string): Promise<string> {
  if (source.ssmParameter) {
    const { GetParameterCommand, SSMClient } = await import('@aws-sdk/client-ssm');
    try {
      const { Parameter } = await clients.get(SSMClient).send(new GetParameterCommand({ Name: source.ssmParameter, WithDecryption: true }));
      if (!Parameter?.Value) throw new SecretError(`${setting}: the SSM parameter ${source.ssmParameter} has no value`);
      const value = pick(Parameter.Value, source.key, `the SSM parameter ${source.ssmParameter}`);
      registerSecret(value);
      return value;
    } catch (error) {
      if (error instanceof SecretError) throw error;
      throw new SecretError(`${setting}: the SSM parameter ${source.ssmParameter} cannot be read (${describeAwsError(error).message}): check its name and the ssm:GetParameter permission`, { cause: error });
    }
  }
  if (source.secretsManagerSecret) {
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    try {
      const { SecretString } = await clients.get(SecretsManagerClient).send(new GetSecretValueCommand({ SecretId: source.secretsManagerSecret }));
      if (!SecretString) throw new SecretError(`${setting}: the secret ${source.secretsManagerSecret} has no string value`);
      const value = pick(SecretString, source.key, `the secret ${source.secretsManagerSecret}`);
      registerSecret(value);
      return value;
    } catch (error) {
      if (error instanceof SecretError) throw error;
      throw new SecretError(`${setting}: the secret ${source.secretsManagerSecret} cannot be read (${describeAwsError(error).message}): check its id and the secretsmanager:GetSecretValue permission`, { cause: error });
    }
  }
  throw new SecretError(`${setting}: name an ssmParameter or a secretsManagerSecret`);
}
