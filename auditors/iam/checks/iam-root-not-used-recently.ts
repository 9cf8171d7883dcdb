import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { DAY_MS, daysText, elapsedMs } from '../age.js';
import { iamCollector, type IamAccountItem, type IamInventory } from '../collect.js';
import { reportDate, ROOT_USER } from '../credential-report.js';
import { credentialRow } from '../inputs.js';

const parameters = z
  .object({
    /** The root user signing in, or its access key signing a call, within this many days fails. */
    days: z.number().int().min(1).max(3650).default(90),
  })
  .strict();

/** The report's last-use fields of the root user, and what each use was. */
const USES = {
  password_last_used: 'signed in to the console',
  access_key_1_last_used_date: 'used its access key 1',
  access_key_2_last_used_date: 'used its access key 2',
} as const;

export default defineCheck<IamInventory, IamAccountItem, z.infer<typeof parameters>>({
  meta: {
    id: 'iam-root-not-used-recently',
    service: 'iam',
    title: 'The root user has not been used in the last 90 days',
    description:
      'CIS 1.7: reads the root user\'s row of the IAM credential report and fails when its password (console sign-in) or either access key was last used within the last `days` days (default 90). Root is for the few tasks only it can do; a recent use means it is part of daily work. The report can be up to 4 hours old.',
    severity: 'MEDIUM',
    resourceType: 'AwsAccount',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Find out who used the root user and why (CloudTrail events with userIdentity.type Root), give them an IAM role or Identity Center permission set for that work, then change the root password and delete any root access key.',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
    },
    compliance: { cis: ['1.7'], nist: ['AC-2', 'AC-6(9)'] },
  },
  collector: iamCollector,
  parameters,
  select: (inventory) => (inventory.account ? [inventory.account] : []),
  evaluate(account, params, inventory) {
    const row = credentialRow(account.rootCredentials, `the root user (${ROOT_USER})`, 'root');
    const uses = (Object.keys(USES) as Array<keyof typeof USES>).flatMap((name) => {
      const when = reportDate(row, name, 'the root user');
      return when === undefined ? [] : [{ credential: name, last_used: when }];
    }).sort((a, b) => Date.parse(b.last_used) - Date.parse(a.last_used));
    const latest = uses[0];
    // Dates, not ages: the evidence changes when the root user is used, not every day.
    const evidence = { last_uses: uses, days: params.days };
    if (!latest) return pass('the credential report shows no use of the root user', evidence);
    const ago = elapsedMs(latest.last_used, inventory.collectedAt) ?? 0;
    if (ago > params.days * DAY_MS) return pass(`last used ${latest.last_used}, more than ${daysText(params.days)} ago`, evidence);
    return fail(`the root user of account ${account.ref.id} ${USES[latest.credential]} at ${latest.last_used}, within the last ${daysText(params.days)}`, evidence);
  },
});
