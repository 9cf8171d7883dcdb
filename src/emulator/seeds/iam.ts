/**
 * Demo seed for the IAM checks: a weak password policy, a user with an
 * active access key, and a user whose key was deactivated (the state
 * Hammer's remediation leaves) as the compliant decoy; a console user
 * without MFA beside one with MFA whose permissions come from a group; a user
 * with policies of its own; a customer managed policy allowing "*" on "*"
 * beside a scoped one. The root user has no MFA and no role has
 * AWSSupportAccess (the emulator cannot express otherwise).
 *
 * The emulator stamps every key and password with the current time and
 * cannot back-date them, so the key-age checks fail in the demo only when its
 * config lowers maxAgeDays and maxUnusedDays to 0.
 */
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand, CreateLoginProfileCommand,
  CreatePolicyCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient, PutUserPolicyCommand,
  UpdateAccessKeyCommand, UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

async function userWithKey(iam: IAMClient, UserName: string, owner: string): Promise<string> {
  await iam.send(new CreateUserCommand({ UserName, Tags: [{ Key: 'owner', Value: owner }] }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName }));
  if (!AccessKey?.AccessKeyId) throw new Error(`the emulator did not return an access key for ${UserName}`);
  return AccessKey.AccessKeyId;
}

async function consoleUser(iam: IAMClient, UserName: string, withMfa: boolean): Promise<string> {
  await iam.send(new CreateUserCommand({ UserName, Tags: [{ Key: 'owner', Value: `${UserName}@example.com` }] }));
  await iam.send(new CreateLoginProfileCommand({ UserName, Password: 'demo-Passw0rd-not-real!' }));
  if (withMfa) {
    const { VirtualMFADevice } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: UserName }));
    if (!VirtualMFADevice?.SerialNumber) throw new Error(`the emulator did not return an MFA device for ${UserName}`);
    await iam.send(new EnableMFADeviceCommand({ UserName, SerialNumber: VirtualMFADevice.SerialNumber, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));
  }
  return UserName;
}

async function managedPolicy(iam: IAMClient, PolicyName: string, statement: Record<string, unknown>): Promise<string> {
  const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) }));
  if (!Policy?.Arn) throw new Error(`the emulator did not return an ARN for the policy ${PolicyName}`);
  return Policy.Arn;
}

export async function seedIam(clients: AwsClients): Promise<SeedResult> {
  const iam = clients.get(IAMClient);
  // 8 characters and no reuse prevention: short of CIS 1.8 and 1.9.
  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, RequireNumbers: true, AllowUsersToChangePassword: true }));
  const active = await userWithKey(iam, 'demo-ci-deployer', 'platform-team');
  const retired = await userWithKey(iam, 'demo-former-contractor', 'security-team');
  await iam.send(new UpdateAccessKeyCommand({ UserName: 'demo-former-contractor', AccessKeyId: retired, Status: 'Inactive' }));

  const admin = await managedPolicy(iam, 'demo-admin-everything', { Effect: 'Allow', Action: '*', Resource: '*' });
  const readLogs = await managedPolicy(iam, 'demo-read-logs', { Effect: 'Allow', Action: ['logs:Get*', 'logs:Describe*', 'logs:FilterLogEvents'], Resource: '*' });
  await iam.send(new CreateGroupCommand({ GroupName: 'demo-operators' }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'demo-operators', PolicyArn: admin }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'demo-operators', PolicyArn: readLogs }));

  const noMfa = await consoleUser(iam, 'demo-console-no-mfa', false);
  const withMfa = await consoleUser(iam, 'demo-console-mfa', true);
  await iam.send(new AddUserToGroupCommand({ GroupName: 'demo-operators', UserName: withMfa }));
  // Permissions of its own, not through a group: an attached managed policy and an inline one.
  await iam.send(new CreateUserCommand({ UserName: 'demo-direct-policies' }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'demo-direct-policies', PolicyArn: readLogs }));
  await iam.send(new PutUserPolicyCommand({
    UserName: 'demo-direct-policies', PolicyName: 'demo-s3-debug',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::demo-logs' }] }),
  }));
  return { insecure: [active, noMfa, 'demo-direct-policies', 'demo-admin-everything'], compliant: [retired, withMfa, 'demo-read-logs'] };
}
