/**
 * Cognito user pool inventory: every user pool of one account and region,
 * each described once (DescribeUserPool answers the password policy, the MFA
 * setting, the sign-in policy and the tags in one call). The pattern is
 * described in auditors/sqs/collect.ts.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface CognitoPasswordPolicy {
  minimumLength?: number;
  requireUppercase?: boolean;
  requireLowercase?: boolean;
  requireNumbers?: boolean;
  requireSymbols?: boolean;
  temporaryPasswordValidityDays?: number;
}

/** What the checks read of DescribeUserPool; a field the service left out stays undefined (unknown). */
export interface CognitoUserPoolSettings {
  /** Undefined when the answer had no password policy. */
  passwordPolicy?: CognitoPasswordPolicy;
  /** OFF, ON or OPTIONAL. */
  mfaConfiguration?: string;
  /**
   * The first factors users may sign in with (choice-based sign-in): PASSWORD,
   * EMAIL_OTP, SMS_OTP, WEB_AUTHN. Undefined when the pool has no sign-in
   * policy, which means password sign-in only.
   */
  allowedFirstAuthFactors?: string[];
}

export interface CognitoUserPoolItem {
  ref: ResourceRef;
  id: string;
  name: string;
  settings: Fetched<CognitoUserPoolSettings>;
}

export interface CognitoInventory {
  userPools: CognitoUserPoolItem[];
}

/** The first factors a pool allows other than a password; empty for a password-only pool. */
export function passwordlessFactors(settings: CognitoUserPoolSettings): string[] {
  return (settings.allowedFirstAuthFactors ?? []).filter((factor) => factor !== 'PASSWORD');
}

export const cognitoCollector: Collector<CognitoInventory> = {
  id: 'cognito',
  service: 'cognito',
  global: false,
  permissions: ['cognito-idp:ListUserPools', 'cognito-idp:DescribeUserPool'],
  async collect(ctx) {
    const { fetchCognitoInventory } = await import('./fetch.js');
    return fetchCognitoInventory(ctx);
  },
};
