import { z } from 'zod';
import { MissingInputError, defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { daysText, displayDays, elapsedMs, olderThan } from '../age.js';
import { iamCollector, type IamAccessKeyItem, type IamInventory } from '../collect.js';

const parameters = z
  .object({
    /** An active key older than this many days (more than N × 24 hours) fails. */
    maxAgeDays: z.number().int().min(0).max(3650).default(90),
  })
  .strict();

export default defineCheck<IamInventory, IamAccessKeyItem, z.infer<typeof parameters>>({
  meta: {
    id: 'iam-access-key-rotated',
    service: 'iam',
    title: 'Active IAM access keys are rotated within 90 days',
    description:
      'Hammer user_keysrotation: an active IAM user access key created more than maxAgeDays (default 90) days ago fails, because a long-lived key is more likely to have leaked. The age is measured from the key creation date to the time of the scan. Inactive keys are not judged.',
    severity: 'MEDIUM',
    resourceType: 'AwsIamAccessKey',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Create a second access key for the user, move every application to it, then deactivate the old key and delete it once nothing fails. Better: replace long-lived user keys with IAM roles or IAM Identity Center.',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    },
    compliance: { fsbp: ['IAM.3'], cis: ['1.14'], nist: ['AC-2(1)', 'AC-2(3)', 'AC-3(15)'] },
  },
  collector: iamCollector,
  parameters,
  // Every key is selected so that a key deactivated by the fix re-checks as not applicable, not as gone.
  select: (inventory) => inventory.accessKeys,
  evaluate(key, params, inventory) {
    if (key.status !== 'Active') return notApplicable(`access key ${key.accessKeyId} is ${key.status}: only active keys are judged`);
    const age = key.createdAt === undefined ? undefined : elapsedMs(key.createdAt, inventory.collectedAt);
    if (age === undefined) throw new MissingInputError(`the creation date of access key ${key.accessKeyId} was not returned`);
    const ageDays = displayDays(age);
    const evidence = { accessKeyId: key.accessKeyId, userName: key.userName, userArn: key.userArn, createdAt: key.createdAt ?? null, ageDays, maxAgeDays: params.maxAgeDays };
    if (olderThan(age, params.maxAgeDays)) {
      return fail(`access key ${key.accessKeyId} of user ${key.userName} was created ${daysText(ageDays)} ago (${key.createdAt}), more than the ${params.maxAgeDays}-day limit`, evidence);
    }
    return pass(`created ${daysText(ageDays)} ago, within ${daysText(params.maxAgeDays)}`, evidence);
  },
});
