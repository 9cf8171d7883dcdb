/** Hand-built Cognito inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { cognitoCollector, type CognitoInventory, type CognitoUserPoolItem, type CognitoUserPoolSettings } from '../../../auditors/cognito/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const failed = <T>(error = 'AccessDeniedException: not authorized'): Fetched<T> => ({ ok: false, error });

/** A hardened pool (16 characters, every class, 3-day invitations, MFA on) unless the settings say otherwise. */
export const HARDENED: CognitoUserPoolSettings = {
  passwordPolicy: { minimumLength: 16, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: true, temporaryPasswordValidityDays: 3 },
  mfaConfiguration: 'ON',
};

export function pool(id: string, settings: Fetched<CognitoUserPoolSettings> = fetched(HARDENED)): CognitoUserPoolItem {
  return {
    ref: { type: 'Other', arn: `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${id}`, id, region: REGION, partition: 'aws', tags: {} },
    id,
    name: `pool-${id}`,
    settings,
  };
}

export const inventory = (...userPools: CognitoUserPoolItem[]): CognitoInventory => ({ userPools });

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: cognitoCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
