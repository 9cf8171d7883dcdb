/** Hand-built IAM inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { accountRef } from '../../../src/core/resource.js';
import { iamCollector, type IamAccessKeyItem, type IamAccountItem, type IamInventory, type KeyLastUsed, type PasswordPolicy } from '../../../auditors/iam/collect.js';

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

export function account(passwordPolicy: Fetched<PasswordPolicy | undefined> = fetched(CIS_POLICY)): IamAccountItem {
  return { ref: accountRef(ACCOUNT, REGION), passwordPolicy };
}

export function inventory(accessKeys: IamAccessKeyItem[], accountItem: IamAccountItem = account(), collectedAt = NOW): IamInventory {
  return { collectedAt, accessKeys, account: accountItem };
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
