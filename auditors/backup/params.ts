import { z } from 'zod';

/** The parameters every protection check takes. */
export const protectionParameters = z
  .object({
    /** A recovery point older than this does not count as protection (a plan's assignment always does). */
    maxDaysSinceBackup: z.number().int().min(1).max(3650).default(7),
  })
  .strict();

export type ProtectionParameters = z.infer<typeof protectionParameters>;

export const PROTECTION_REMEDIATION_URL = 'https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html';

export const ASSIGNMENT_READING =
  'Plan assignments are resolved as AWS Backup documents them (Resources or ListOfTags, every Condition, NotResources, the resource type opt-in); a recovery point counts when at most maxDaysSinceBackup days old (default 7).';
