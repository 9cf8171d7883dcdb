import { defineCheck, fail, notApplicable, reported } from '../../../src/core/check.js';
import { appstreamCollector, type AppStreamInventory, type AppStreamUserItem } from '../collect.js';

export default defineCheck<AppStreamInventory, AppStreamUserItem>({
  meta: {
    id: 'appstream-user-authenticates-with-saml',
    service: 'appstream',
    title: 'AppStream 2.0 users sign in through SAML federation, not the user pool',
    description:
      'Flags an enabled user of the AppStream 2.0 user pool: it signs in with an email and password kept by AppStream, without your identity provider\'s MFA, conditional access or offboarding. SAML users are not AppStream objects (SAML is set up in the identity provider, not on stacks or fleets), so every enabled user pool user fails and a SAML-only account has nothing to report. Disabled users are not judged.',
    severity: 'MEDIUM',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Give the user access through your SAML 2.0 identity provider (an IAM SAML provider and role, with the stack\'s relay state URL), then disable and delete the user pool user (DisableUser, DeleteUser).',
      url: 'https://docs.aws.amazon.com/appstream2/latest/developerguide/external-identity-providers.html',
    },
    compliance: { nist: ['IA-2', 'IA-8', 'AC-2'] },
  },
  collector: appstreamCollector,
  select: (inventory) => inventory.users,
  evaluate(user) {
    const enabled = reported(user.enabled, 'Enabled', user.userName);
    if (!enabled) return notApplicable('the user pool user is disabled');
    return fail(`user ${user.userName} signs in through the AppStream user pool, not SAML`, { AuthenticationType: user.authenticationType, Enabled: enabled, Status: user.status ?? null });
  },
});
