/** Demo seed for the Cognito checks: a user pool with the console's old defaults and a hardened decoy. */
import { CognitoIdentityProviderClient, CreateUserPoolCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

export async function seedCognito(clients: AwsClients): Promise<SeedResult> {
  const cognito = clients.get(CognitoIdentityProviderClient);
  // 8 characters without symbols, invitations valid for a month, MFA off.
  const weak = await cognito.send(new CreateUserPoolCommand({
    PoolName: 'demo-customers-weak',
    MfaConfiguration: 'OFF',
    Policies: { PasswordPolicy: { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 30 } },
    UserPoolTags: { owner: 'identity-team' },
  }));
  const hardened = await cognito.send(new CreateUserPoolCommand({
    PoolName: 'demo-staff-hardened',
    Policies: { PasswordPolicy: { MinimumLength: 16, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 3 } },
  }));
  const id = (pool: { UserPool?: { Id?: string } }, name: string): string => {
    if (!pool.UserPool?.Id) throw new Error(`the emulator did not return an id for the user pool ${name}`);
    return pool.UserPool.Id;
  };
  const hardenedId = id(hardened, 'demo-staff-hardened');
  // MFA required with authenticator apps, as the console sets it after creation.
  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: hardenedId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
  return { insecure: [id(weak, 'demo-customers-weak')], compliant: [hardenedId] };
}
