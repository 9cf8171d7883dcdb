import { z } from 'zod';
import { MissingInputError, defineCheck, fail, pass } from '../../../src/core/check.js';
import { daysText, displayDays, elapsedMs, olderThan } from '../../iam/age.js';
import { secretsManagerCollector, type SecretItem, type SecretsManagerInventory } from '../collect.js';

const parameters = z
  .object({
    /** A secret whose value is older than this many days (more than N × 24 hours) fails. */
    maxAgeDays: z.number().int().min(0).max(3650).default(90),
  })
  .strict();

export default defineCheck<SecretsManagerInventory, SecretItem, z.infer<typeof parameters>>({
  meta: {
    id: 'secretsmanager-secret-rotated-recently',
    service: 'secretsmanager',
    title: 'Secrets Manager secrets were rotated within 90 days',
    description:
      'ElectricEye\'s "Is the secret older than 90 days", modernised: a secret fails when its value was last rotated more than maxAgeDays (default 90) days before the scan, measured from LastRotatedDate, or from CreatedDate for a secret never rotated. A secret with rotation turned on still fails when its rotation keeps failing.',
    severity: 'MEDIUM',
    resourceType: 'AwsSecretsManagerSecret',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Rotate the secret now (RotateSecret) and turn on automatic rotation on a schedule shorter than the limit. If rotation is on but did not happen, read the rotation function\'s logs and fix the failing step.',
      url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot_rotation.html',
    },
    compliance: { fsbp: ['SecretsManager.4'], nist: ['AC-2(1)', 'AC-3(15)'] },
  },
  collector: secretsManagerCollector,
  parameters,
  select: (inventory) => inventory.secrets,
  evaluate(secret, params, inventory) {
    const measuredFrom = secret.lastRotatedAt !== undefined ? 'LastRotatedDate' : 'CreatedDate';
    const since = secret.lastRotatedAt ?? secret.createdAt;
    const age = since === undefined ? undefined : elapsedMs(since, inventory.collectedAt);
    if (since === undefined || age === undefined) throw new MissingInputError(`the service reported neither LastRotatedDate nor CreatedDate for secret ${secret.name}, so its age cannot be judged`);
    const ageDays = displayDays(age);
    const evidence = { measuredFrom, [measuredFrom]: since, ageDays, maxAgeDays: params.maxAgeDays, RotationEnabled: secret.rotationEnabled };
    const rotated = measuredFrom === 'LastRotatedDate';
    if (olderThan(age, params.maxAgeDays)) {
      const when = rotated ? `was last rotated ${daysText(ageDays)} ago (${since})` : `was created ${daysText(ageDays)} ago (${since}) and never rotated`;
      return fail(`secret ${secret.name} ${when}, more than the ${params.maxAgeDays}-day limit`, evidence);
    }
    return pass(`${rotated ? 'last rotated' : 'created, not yet rotated,'} ${daysText(ageDays)} ago, within ${daysText(params.maxAgeDays)}`, evidence);
  },
});
