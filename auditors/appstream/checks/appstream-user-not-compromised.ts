import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { appstreamCollector, type AppStreamInventory, type AppStreamUserItem } from '../collect.js';

export default defineCheck<AppStreamInventory, AppStreamUserItem>({
  meta: {
    id: 'appstream-user-not-compromised',
    service: 'appstream',
    title: 'AppStream 2.0 user pool users are not reported compromised',
    description:
      'Flags a user of the AppStream 2.0 user pool whose status AppStream reports as COMPROMISED: the service disabled the user because of a potential security threat, such as a leaked password. Users who sign in through SAML federation are not AppStream objects and are judged by their identity provider.',
    severity: 'HIGH',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'TTPs/Credential Access'],
    remediation: {
      text: 'Investigate what the user\'s streaming sessions did, reset the user\'s password (or delete the user and create it again) before re-enabling it, and review the stacks assigned to the user. Prefer SAML federation, which keeps credentials in your identity provider.',
      url: 'https://docs.aws.amazon.com/appstream2/latest/developerguide/user-pool-admin.html',
    },
    compliance: { nist: ['AC-2', 'IA-5'] },
  },
  collector: appstreamCollector,
  select: (inventory) => inventory.users,
  evaluate(user) {
    const status = reported(user.status, 'Status', user.userName);
    const evidence = { Status: status, Enabled: user.enabled ?? null };
    if (status === 'COMPROMISED') return fail(`user ${user.userName} is reported compromised`, evidence);
    return pass(`the user's status is ${status}`, evidence);
  },
});
