import { z } from 'zod';
import { defineCheck, fail, MissingInputError, notApplicable, pass } from '../../../src/core/check.js';
import { daysText, elapsedMs, olderThan } from '../age.js';
import { iamCollector, type IamInventory, type IamUserItem } from '../collect.js';
import { reportDate, reportFlag } from '../credential-report.js';
import { credentialRow } from '../inputs.js';

const parameters = z
  .object({
    /** An enabled console password unused for more than this many days fails (CIS 1.12: 45). */
    maxUnusedDays: z.number().int().min(0).max(3650).default(45),
  })
  .strict();

export default defineCheck<IamInventory, IamUserItem, z.infer<typeof parameters>>({
  meta: {
    id: 'iam-console-password-used-recently',
    service: 'iam',
    title: 'IAM console passwords have been used within 45 days',
    description:
      'CIS 1.12 and FSBP IAM.8 for passwords (iam-access-key-used-recently judges keys): reads each user\'s credential report row and fails an enabled console password not used for more than maxUnusedDays (default 45; FSBP uses 90), or never used since it was set that long ago. Users without a console password are not judged. The report can be up to 4 hours old.',
    severity: 'MEDIUM',
    resourceType: 'AwsIamUser',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Remove the console password of the user who no longer signs in (IAM console > user > Security credentials > Manage console access > Disable, or aws iam delete-login-profile); a person who needs access again gets a new password.',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    },
    compliance: { fsbp: ['IAM.8'], cis: ['1.12'], nist: ['AC-2', 'AC-2(3)'] },
  },
  collector: iamCollector,
  parameters,
  select: (inventory) => inventory.users ?? [],
  evaluate(user, params, inventory) {
    const who = `user ${user.userName}`;
    const row = credentialRow(user.credentials, who);
    if (!reportFlag(row, 'password_enabled', who)) return notApplicable(`${who} has no console password`);
    const lastUsed = reportDate(row, 'password_last_used', who);
    // A password never used counts from when it was set (or, failing that, from the user's creation).
    const since = lastUsed ?? reportDate(row, 'password_last_changed', who) ?? reportDate(row, 'user_creation_time', who);
    const idle = since === undefined ? undefined : elapsedMs(since, inventory.collectedAt);
    if (idle === undefined) throw new MissingInputError(`the credential report gives ${who} a console password but no date to measure its use from`);
    // Dates, not ages: the evidence changes when the password is used, not every day.
    const evidence = { user_name: user.userName, password_last_used: lastUsed ?? null, measured_from: since ?? null, max_unused_days: params.maxUnusedDays };
    if (!olderThan(idle, params.maxUnusedDays)) return pass(lastUsed ? `console password last used ${lastUsed}` : `console password never used, set ${since}`, evidence);
    const what = lastUsed ? `was last used at ${lastUsed}` : `was never used since it was set at ${since}`;
    return fail(`the console password of ${who} ${what}, more than the ${daysText(params.maxUnusedDays)} allowed`, evidence);
  },
});
