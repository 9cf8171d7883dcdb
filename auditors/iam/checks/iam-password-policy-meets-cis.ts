import { z } from 'zod';
import { defineCheck, fail, pass, type JsonValue } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { iamCollector, type IamAccountItem, type IamInventory, type PasswordPolicy } from '../collect.js';

const parameters = z
  .object({
    /** CIS 1.8. */
    minimumPasswordLength: z.number().int().min(6).max(128).default(14),
    /** CIS 1.9; 0 means reuse prevention is not required. */
    passwordReusePrevention: z.number().int().min(0).max(24).default(24),
    /** Character classes: off by default, as in CIS v3.0; turn them on for FSBP IAM.7's defaults. */
    requireSymbols: z.boolean().default(false),
    requireNumbers: z.boolean().default(false),
    requireUppercaseCharacters: z.boolean().default(false),
    requireLowercaseCharacters: z.boolean().default(false),
    /** When set, passwords must expire within this many days; unset, expiry is not required. */
    maxPasswordAgeDays: z.number().int().min(1).max(1095).optional(),
  })
  .strict();

type Params = z.infer<typeof parameters>;
type Shortfall = { setting: string; required: JsonValue; actual: JsonValue };

const CLASSES = [
  ['requireSymbols', 'RequireSymbols'],
  ['requireNumbers', 'RequireNumbers'],
  ['requireUppercaseCharacters', 'RequireUppercaseCharacters'],
  ['requireLowercaseCharacters', 'RequireLowercaseCharacters'],
] as const;

function shortfalls(policy: PasswordPolicy, params: Params): Shortfall[] {
  const out: Shortfall[] = [];
  const length = policy.MinimumPasswordLength;
  if (length === undefined || length < params.minimumPasswordLength) {
    out.push({ setting: 'MinimumPasswordLength', required: `>= ${params.minimumPasswordLength}`, actual: length ?? null });
  }
  const reuse = policy.PasswordReusePrevention;
  if (params.passwordReusePrevention > 0 && (reuse === undefined || reuse < params.passwordReusePrevention)) {
    out.push({ setting: 'PasswordReusePrevention', required: `>= ${params.passwordReusePrevention}`, actual: reuse ?? null });
  }
  for (const [param, setting] of CLASSES) {
    if (params[param] && !policy[setting]) out.push({ setting, required: true, actual: false });
  }
  const maxAge = params.maxPasswordAgeDays;
  if (maxAge !== undefined) {
    const actual = policy.ExpirePasswords ? (policy.MaxPasswordAge ?? null) : null;
    if (actual === null || actual < 1 || actual > maxAge) out.push({ setting: 'MaxPasswordAge', required: `1..${maxAge}`, actual });
  }
  return out;
}

export default defineCheck<IamInventory, IamAccountItem, Params>({
  meta: {
    id: 'iam-password-policy-meets-cis',
    service: 'iam',
    title: 'The IAM password policy requires 14 characters and prevents reuse of 24 passwords',
    description:
      'DD-AWS password policy rule, modernised to CIS v3.0: the account password policy must require at least minimumPasswordLength characters (1.8, default 14) and remember passwordReusePrevention passwords (1.9, default 24). CIS v3.0, following NIST SP 800-63B, no longer asks for character classes or expiry, so those are off by default; turn on the require* parameters to match FSBP IAM.7 and set maxPasswordAgeDays to require expiry. An account with no policy fails.',
    severity: 'MEDIUM',
    resourceType: 'AwsAccount',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Set the account password policy (IAM console > Account settings, or aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24), adding the character classes or expiry your standard requires.',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    },
    compliance: { fsbp: ['IAM.7'], cis: ['1.8', '1.9'], nist: ['IA-5(1)'] },
  },
  collector: iamCollector,
  parameters,
  select: (inventory) => (inventory.account ? [inventory.account] : []),
  evaluate(account, params) {
    const policy = need(account.passwordPolicy, 'the account password policy');
    if (!policy) {
      return fail(`account ${account.ref.id} has no IAM password policy: IAM's default allows 8-character passwords and their reuse`, {
        configured: false,
        required: { MinimumPasswordLength: params.minimumPasswordLength, PasswordReusePrevention: params.passwordReusePrevention },
      });
    }
    const short = shortfalls(policy, params);
    const evidence = { configured: true, policy: { ...policy }, shortfalls: short };
    if (short.length > 0) {
      const what = short.map((s) => `${s.setting} is ${s.actual ?? 'not set'} (required ${s.required})`).join('; ');
      return fail(`the password policy of account ${account.ref.id} falls short: ${what}`, evidence);
    }
    return pass(`minimum length ${policy.MinimumPasswordLength}, reuse prevention ${policy.PasswordReusePrevention ?? 'off'}`, evidence);
  },
});
