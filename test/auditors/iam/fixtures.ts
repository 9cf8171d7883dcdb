/** Hand-built IAM inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { accountRef } from '../../../src/core/resource.js';
import {
  iamCollector, type CredentialReportRow, type IamAccessKeyItem, type IamAccountItem, type IamInventory, type IamPolicyItem, type IamUserItem, type KeyLastUsed, type PasswordPolicy,
} from '../../../auditors/iam/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
/** The scan time every hand-built inventory is read at. */
export const NOW = '2025-06-30T12:00:00.000Z';
const DAY = 86_400_000;

export const daysBefore = (days: number, now = NOW): string => new Date(Date.parse(now) - days * DAY).toISOString();

export const failed = <T>(error = 'AccessDenied: not authorized'): Fetched<T> => ({ ok: false, error });

export function key(id: string, overrides: Partial<Omit<IamAccessKeyItem, 'ref' | 'accessKeyId'>> = {}): IamAccessKeyItem {
  return {
    ref: { type: 'AwsIamAccessKey', arn: `AWS::IAM::AccessKey:${id}`, id, region: REGION, partition: 'aws', tags: {} },
    accessKeyId: id,
    status: 'Active',
    createdAt: daysBefore(10),
    userName: 'alice',
    userArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    lastUsed: fetched<KeyLastUsed>({ date: daysBefore(1), service: 's3', region: 'us-east-1' }),
    ...overrides,
  };
}

/** A policy meeting CIS v3.0 1.8 and 1.9 and nothing more. */
export const CIS_POLICY: PasswordPolicy = {
  MinimumPasswordLength: 14,
  PasswordReusePrevention: 24,
  RequireSymbols: false,
  RequireNumbers: false,
  RequireUppercaseCharacters: false,
  RequireLowercaseCharacters: false,
  ExpirePasswords: false,
};

/** A credential report row as IAM writes it: a user with neither password nor keys unless overridden. */
export function reportRow(user: string, arn: string, overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    user, arn, user_creation_time: daysBefore(400), password_enabled: 'false', password_last_used: 'N/A', password_last_changed: 'N/A', password_next_rotation: 'N/A',
    mfa_active: 'false', access_key_1_active: 'false', access_key_1_last_rotated: 'N/A', access_key_1_last_used_date: 'N/A', access_key_1_last_used_region: 'N/A',
    access_key_1_last_used_service: 'N/A', access_key_2_active: 'false', access_key_2_last_rotated: 'N/A', access_key_2_last_used_date: 'N/A',
    access_key_2_last_used_region: 'N/A', access_key_2_last_used_service: 'N/A', cert_1_active: 'false', cert_1_last_rotated: 'N/A', cert_2_active: 'false', cert_2_last_rotated: 'N/A',
    ...overrides,
  };
}

export const REPORT_GENERATED_AT = daysBefore(0.1);

export const rootRow = (overrides: Partial<CredentialReportRow> = {}): CredentialReportRow =>
  reportRow('<root_account>', `arn:aws:iam::${ACCOUNT}:root`, { password_enabled: 'not_supported', password_last_used: 'no_information', mfa_active: 'true', ...overrides });

/** The account as a compliant one reads: the password policy given, root with MFA (not virtual), no root keys, unused root, a support role. */
export function account(passwordPolicy: Fetched<PasswordPolicy | undefined> = fetched(CIS_POLICY), overrides: Partial<Omit<IamAccountItem, 'ref' | 'passwordPolicy'>> = {}): IamAccountItem {
  return {
    ref: accountRef(ACCOUNT, REGION),
    passwordPolicy,
    summary: fetched({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 }),
    rootVirtualMfaDevices: fetched([]),
    rootCredentials: fetched({ row: rootRow(), reportGeneratedAt: REPORT_GENERATED_AT }),
    supportRoles: fetched(['incident-support']),
    ...overrides,
  };
}

/** A user with no console password and no policy of its own unless overridden. */
export function user(name: string, overrides: Partial<Omit<IamUserItem, 'ref' | 'userName'>> = {}, row: Partial<CredentialReportRow> = {}): IamUserItem {
  const arn = `arn:aws:iam::${ACCOUNT}:user/${name}`;
  return {
    ref: { type: 'AwsIamUser', arn, id: name, region: REGION, partition: 'aws', tags: {} },
    userName: name,
    userArn: arn,
    credentials: fetched({ row: reportRow(name, arn, row), reportGeneratedAt: REPORT_GENERATED_AT }),
    attachedPolicies: fetched([]),
    inlinePolicies: fetched([]),
    ...overrides,
  };
}

/** A customer managed policy whose default version is the document given, attached once unless overridden. */
export function policy(name: string, document: unknown, overrides: Partial<Omit<IamPolicyItem, 'ref' | 'policyName'>> = {}): IamPolicyItem {
  const arn = `arn:aws:iam::${ACCOUNT}:policy/${name}`;
  return {
    ref: { type: 'AwsIamPolicy', arn, id: name, region: REGION, partition: 'aws', tags: {} },
    policyName: name,
    policyArn: arn,
    defaultVersionId: 'v1',
    attachmentCount: 1,
    permissionsBoundaryUsageCount: 0,
    document: fetched(typeof document === 'string' ? document : JSON.stringify(document)),
    ...overrides,
  };
}

export function inventory(accessKeys: IamAccessKeyItem[], accountItem: IamAccountItem = account(), collectedAt = NOW, more: Pick<IamInventory, 'users' | 'policies'> = {}): IamInventory {
  return { collectedAt, accessKeys, account: accountItem, ...more };
}

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: iamCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
