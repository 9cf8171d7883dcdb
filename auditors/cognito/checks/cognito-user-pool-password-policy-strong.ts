import { z } from 'zod';
import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { cognitoCollector, type CognitoInventory, type CognitoUserPoolItem } from '../collect.js';

const parameters = z
  .object({
    /** CIS AWS Foundations v3.0 1.8 asks 14 characters of IAM passwords; FSBP Cognito.3 defaults to 8. */
    minimumLength: z.number().int().min(6).max(99).default(14),
    requireUppercase: z.boolean().default(true),
    requireLowercase: z.boolean().default(true),
    requireNumbers: z.boolean().default(true),
    requireSymbols: z.boolean().default(true),
  })
  .strict();

export default defineCheck<CognitoInventory, CognitoUserPoolItem, z.infer<typeof parameters>>({
  meta: {
    id: 'cognito-user-pool-password-policy-strong',
    service: 'cognito',
    title: 'Cognito user pools require strong passwords',
    description:
      "ElectricEye's Cognito password policy row, measured against the CIS AWS Foundations Benchmark v3.0 bar for IAM passwords (control 1.8: at least 14 characters) and the character classes of FSBP Cognito.3 (upper case, lower case, numbers, symbols). Flags a user pool whose password policy asks for fewer characters than minimumLength (default 14; Cognito.3 uses 8) or does not require a class the parameters require. A policy the service did not report is an ERROR, never a guess.",
    severity: 'MEDIUM',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: "Edit the user pool's password policy (Authentication methods, Password policy, or UpdateUserPool Policies.PasswordPolicy): a minimum length of 14 or more, and require upper case, lower case, numbers and symbols. Existing passwords stay valid until users change them.",
      url: 'https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html',
    },
    compliance: { fsbp: ['Cognito.3'], nist: ['IA-5'] },
  },
  collector: cognitoCollector,
  parameters,
  select: (inventory) => inventory.userPools,
  evaluate(pool, params) {
    const policy = reported(need(pool.settings, 'the user pool').passwordPolicy, 'Policies.PasswordPolicy', pool.id);
    const minimumLength = reported(policy.minimumLength, 'PasswordPolicy.MinimumLength', pool.id);
    const classes = [
      ['RequireUppercase', params.requireUppercase, policy.requireUppercase],
      ['RequireLowercase', params.requireLowercase, policy.requireLowercase],
      ['RequireNumbers', params.requireNumbers, policy.requireNumbers],
      ['RequireSymbols', params.requireSymbols, policy.requireSymbols],
    ] as const;
    const shortfalls: string[] = [];
    if (minimumLength < params.minimumLength) shortfalls.push(`MinimumLength ${minimumLength} < ${params.minimumLength}`);
    const evidence: Record<string, number | boolean> = { MinimumLength: minimumLength, requiredMinimumLength: params.minimumLength };
    for (const [field, required, actual] of classes) {
      if (!required) continue;
      const value = reported(actual, `PasswordPolicy.${field}`, pool.id);
      evidence[field] = value;
      if (!value) shortfalls.push(`${field} false`);
    }
    if (shortfalls.length === 0) return pass(`the password policy requires ${minimumLength}+ characters and every required class`, evidence);
    return fail(`the password policy of user pool ${pool.name} is weaker than required: ${shortfalls.join(', ')}`, { ...evidence, shortfalls });
  },
});
