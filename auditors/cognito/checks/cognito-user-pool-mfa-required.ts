import { defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { cognitoCollector, passwordlessFactors, type CognitoInventory, type CognitoUserPoolItem } from '../collect.js';

export default defineCheck<CognitoInventory, CognitoUserPoolItem>({
  meta: {
    id: 'cognito-user-pool-mfa-required',
    service: 'cognito',
    title: 'Cognito user pools require multi-factor authentication',
    description:
      'Flags a user pool that signs users in with a password alone: MfaConfiguration OFF, or OPTIONAL (each user decides, and most never enrol). Only ON passes. As FSBP Cognito.5 and its Config rule, pools whose sign-in policy allows passwordless first factors (passkeys, email or SMS one-time codes), where Cognito cannot require MFA, are not applicable. A setting the service did not report is an ERROR, never a guess.',
    severity: 'MEDIUM',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Set the user pool MFA enforcement to Required (SetUserPoolMfaConfig MfaConfiguration ON) with authenticator apps (TOTP) and, where needed, SMS or email codes. Plan the roll-out: users who have not enrolled are asked to set up a factor at their next sign-in.',
      url: 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html',
    },
    compliance: { fsbp: ['Cognito.5'], nist: ['IA-2'] },
  },
  collector: cognitoCollector,
  select: (inventory) => inventory.userPools,
  evaluate(pool) {
    const settings = need(pool.settings, 'the user pool');
    const passwordless = passwordlessFactors(settings);
    if (passwordless.length > 0) return notApplicable(`the pool allows passwordless sign-in (${passwordless.join(', ')}), where MFA cannot be required`);
    const mfa = reported(settings.mfaConfiguration, 'MfaConfiguration', pool.id);
    const evidence = { MfaConfiguration: mfa };
    if (mfa === 'ON') return pass('MFA is required for every sign-in', evidence);
    const why = mfa === 'OPTIONAL' ? 'MFA is optional: users who never enrol sign in with a password alone' : 'MFA is off';
    return fail(`user pool ${pool.name} does not require MFA (MfaConfiguration ${mfa}): ${why}`, evidence);
  },
});
