import { z } from 'zod';
import { MissingInputError, defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { daysText, displayDays, elapsedMs, olderThan } from '../age.js';
import { iamCollector, type IamAccessKeyItem, type IamInventory } from '../collect.js';

const parameters = z
  .object({
    /** An active key unused for more than this many days fails; CIS 1.12 uses 45. */
    maxUnusedDays: z.number().int().min(0).max(3650).default(90),
  })
  .strict();

export default defineCheck<IamInventory, IamAccessKeyItem, z.infer<typeof parameters>>({
  meta: {
    id: 'iam-access-key-used-recently',
    service: 'iam',
    title: 'Active IAM access keys have been used within 90 days',
    description:
      'Hammer user_inactivekeys: an active IAM user access key not used for more than maxUnusedDays (default 90, as FSBP IAM.8; CIS 1.12 asks for 45) fails: an unused key is risk with no benefit. The last use comes from GetAccessKeyLastUsed; a key never used counts from its creation date, so a new key passes. Inactive keys are not judged.',
    severity: 'MEDIUM',
    resourceType: 'AwsIamAccessKey',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Deactivate the unused access key (aws iam update-access-key --status Inactive), and delete it once you are sure nothing needs it. Keys that are needed again can be reactivated while they still exist.',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    },
    compliance: { fsbp: ['IAM.8'], cis: ['1.12'], nist: ['AC-2', 'AC-2(3)'] },
  },
  collector: iamCollector,
  parameters,
  // Every key is selected so that a key deactivated by the fix re-checks as not applicable, not as gone.
  select: (inventory) => inventory.accessKeys,
  evaluate(key, params, inventory) {
    if (key.status !== 'Active') return notApplicable(`access key ${key.accessKeyId} is ${key.status}: only active keys are judged`);
    if (!key.lastUsed) throw new MissingInputError(`the last use of access key ${key.accessKeyId} was not read`);
    const used = need(key.lastUsed, `the last use of access key ${key.accessKeyId}`);
    const since = used.date ?? key.createdAt;
    const idle = since === undefined ? undefined : elapsedMs(since, inventory.collectedAt);
    if (idle === undefined) throw new MissingInputError(`access key ${key.accessKeyId} has neither a last-used date nor a creation date`);
    const daysUnused = displayDays(idle);
    const evidence = {
      accessKeyId: key.accessKeyId,
      userName: key.userName,
      userArn: key.userArn,
      createdAt: key.createdAt ?? null,
      neverUsed: used.date === undefined,
      lastUsedDate: used.date ?? null,
      lastUsedService: used.service ?? null,
      lastUsedRegion: used.region ?? null,
      daysUnused,
      maxUnusedDays: params.maxUnusedDays,
    };
    if (!olderThan(idle, params.maxUnusedDays)) {
      return pass(used.date ? `last used ${daysText(daysUnused)} ago` : `never used, but created only ${daysText(daysUnused)} ago`, evidence);
    }
    const what = used.date ? `was last used ${daysText(daysUnused)} ago (${used.date}${used.service ? `, ${used.service}` : ''})` : `was never used in the ${daysText(daysUnused)} since it was created (${key.createdAt})`;
    return fail(`access key ${key.accessKeyId} of user ${key.userName} ${what}: more than the ${params.maxUnusedDays}-day limit`, evidence);
  },
});
