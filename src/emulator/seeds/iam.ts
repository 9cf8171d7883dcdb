/**
 * Demo seed for the IAM checks: a weak password policy, a user with an
 * active access key, and a user whose key was deactivated (the state
 * Hammer's remediation leaves) as the compliant decoy.
 *
 * The emulator stamps every key with the current time and cannot back-date
 * it, so the key-age checks fail in the demo only when its config lowers
 * maxAgeDays and maxUnusedDays to 0.
 */
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, UpdateAccessKeyCommand, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

async function userWithKey(iam: IAMClient, UserName: string, owner: string): Promise<string> {
  await iam.send(new CreateUserCommand({ UserName, Tags: [{ Key: 'owner', Value: owner }] }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName }));
  if (!AccessKey?.AccessKeyId) throw new Error(`the emulator did not return an access key for ${UserName}`);
  return AccessKey.AccessKeyId;
}

export async function seedIam(clients: AwsClients): Promise<SeedResult> {
  const iam = clients.get(IAMClient);
  // 8 characters and no reuse prevention: short of CIS 1.8 and 1.9.
  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, RequireNumbers: true, AllowUsersToChangePassword: true }));
  const active = await userWithKey(iam, 'demo-ci-deployer', 'platform-team');
  const retired = await userWithKey(iam, 'demo-former-contractor', 'security-team');
  await iam.send(new UpdateAccessKeyCommand({ UserName: 'demo-former-contractor', AccessKeyId: retired, Status: 'Inactive' }));
  return { insecure: [active], compliant: [retired] };
}
