/**
 * Credentials per scanned account: the default chain (or a profile) for the
 * account rampart runs in, or a role assumed into each target account.
 * The SDK packages are imported when accounts are resolved, not with this
 * module: `rampart permissions` reads ACCOUNT_PERMISSIONS and loads no client.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { ACCOUNT_PATTERN, ROLE_ARN_PATTERN, ROLE_NAME_PATTERN } from '../config/schema.js';
import { describeAwsError } from './errors.js';
import { createAwsClients, type AwsClients, type ClientSettings } from './clients.js';
import { partitionOf } from '../core/resource.js';
import { readProfile } from './profiles.js';

export interface AccountTarget {
  accountId: string;
  partition: string;
  credentials: AwsCredentialIdentityProvider;
  roleArn?: string;
  /** Who these credentials are, as GetCallerIdentity said. */
  callerArn?: string;
}

export interface AccountOptions {
  region: string;
  profile?: string;
  roleArn?: string;
  accounts?: readonly string[];
  roleName?: string;
  externalId?: string;
  settings: ClientSettings;
}

export class AccountError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AccountError';
  }
}

export const ACCOUNT_PERMISSIONS = ['sts:GetCallerIdentity', 'sts:AssumeRole'] as const;

function validateRoleInputs(options: AccountOptions): void {
  if (options.roleArn && !ROLE_ARN_PATTERN.test(options.roleArn)) {
    throw new AccountError(`--role-arn ${options.roleArn} is not an IAM role ARN: use the form arn:aws:iam::123456789012:role/RampartAudit`);
  }
  if (options.roleArn && options.accounts?.length) throw new AccountError('--role-arn and --accounts cannot be combined: use --accounts with --role-name for several accounts');
  for (const account of options.accounts ?? []) {
    if (!ACCOUNT_PATTERN.test(account)) throw new AccountError(`--accounts: ${account} is not a 12-digit AWS account id`);
  }
  if (options.accounts?.length && !options.roleName) throw new AccountError('--accounts needs --role-name: the name of the role rampart assumes in each account');
  if (options.roleName && !ROLE_NAME_PATTERN.test(options.roleName)) throw new AccountError(`--role-name ${options.roleName} is not a valid IAM role name`);
}

async function callerIdentity(clients: AwsClients, what: string): Promise<{ account: string; arn?: string }> {
  const { GetCallerIdentityCommand, STSClient } = await import('@aws-sdk/client-sts');
  try {
    const identity = await clients.get(STSClient).send(new GetCallerIdentityCommand({}));
    if (!identity.Account) throw new Error('GetCallerIdentity returned no account');
    return { account: identity.Account, ...(identity.Arn ? { arn: identity.Arn } : {}) };
  } catch (error) {
    const info = describeAwsError(error);
    // Nothing was answered: the credentials were never tried, so the message is about the endpoint alone.
    if (info.kind === 'unreachable') throw new AccountError(`${info.message} (check --endpoint-url, AWS_ENDPOINT_URL or the network)`, { cause: error });
    throw new AccountError(`${what}: ${info.message}`, { cause: error });
  }
}

export async function baseCredentials(profile?: string): Promise<AwsCredentialIdentityProvider> {
  // An unknown profile is named as such, not reported later as unusable credentials.
  if (profile) await readProfile(profile);
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  return fromNodeProviderChain(profile ? { profile } : {});
}

/** Resolves and verifies the accounts to scan (one STS call per account). */
export async function resolveAccounts(options: AccountOptions): Promise<{ base: AccountTarget; targets: AccountTarget[] }> {
  validateRoleInputs(options);
  const partition = partitionOf(options.region);
  const base = await baseCredentials(options.profile);
  const baseClients = createAwsClients('base', options.region, base, options.settings);
  const caller = await callerIdentity(baseClients, options.profile ? `the credentials of profile ${options.profile} cannot be used (check the profile in the AWS config files)` : 'the credentials cannot be used (configure AWS credentials, or pass --profile)');
  baseClients.destroy();
  const baseAccount = caller.account;
  const baseTarget: AccountTarget = { accountId: baseAccount, partition, credentials: base, ...(caller.arn ? { callerArn: caller.arn } : {}) };
  const roleArns = options.roleArn
    ? [options.roleArn]
    : (options.accounts ?? []).map((account) => `arn:${partition}:iam::${account}:role/${options.roleName}`);
  if (roleArns.length === 0) return { base: baseTarget, targets: [baseTarget] };
  const { fromTemporaryCredentials } = await import('@aws-sdk/credential-providers');
  const targets = await Promise.all(
    roleArns.map(async (roleArn) => {
      const credentials = fromTemporaryCredentials({
        masterCredentials: base,
        params: { RoleArn: roleArn, RoleSessionName: 'rampart-scan', DurationSeconds: 3600, ...(options.externalId ? { ExternalId: options.externalId } : {}) },
        clientConfig: { region: options.region, ...(options.settings.endpointUrl ? { endpoint: options.settings.endpointUrl } : {}) },
      });
      const clients = createAwsClients(roleArn, options.region, credentials, options.settings);
      const { account: accountId } = await callerIdentity(clients, `cannot assume ${roleArn} (check that the role exists, trusts account ${baseAccount}${options.externalId ? ' with this external id' : ''}, and that you may call sts:AssumeRole)`);
      clients.destroy();
      return { accountId, partition, credentials, roleArn };
    }),
  );
  return { base: baseTarget, targets };
}
