/** The config file's schema (JSON or YAML). Every error names the field and the fix. */
import { z } from 'zod';
import { REGION_PATTERN } from '../aws/region-names.js';
import { SEVERITIES } from '../core/check.js';

export { REGION_PATTERN };
export const ACCOUNT_PATTERN = /^\d{12}$/;
export const ROLE_ARN_PATTERN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
export const ROLE_NAME_PATTERN = /^[\w+=,.@/-]{1,512}$/;

const region = z.string().regex(REGION_PATTERN, { message: 'must be an AWS region name such as us-east-1' });
const accountId = z.string().regex(ACCOUNT_PATTERN, { message: 'must be a 12-digit AWS account id (quote it in YAML)' });
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/, { message: 'must be a date such as 2027-01-31' })
  .refine((value) => !Number.isNaN(Date.parse(value)) && new Date(Date.parse(value.slice(0, 10))).toISOString().slice(0, 10) === value.slice(0, 10), { message: 'must be a real calendar date' });

export const exemptionSchema = z
  .object({
    account: accountId.optional(),
    region: region.optional(),
    check: z.string().min(1).optional(),
    /** A resource id or ARN; `*` matches any run of characters. */
    resource: z.string().min(1).optional(),
    tag: z.object({ key: z.string().min(1), value: z.string().optional() }).strict().optional(),
    reason: z.string().min(3, { message: 'must say why the finding is exempt' }),
    expires: z.union([isoDate, z.date().transform((d) => d.toISOString().slice(0, 10))]).optional(),
  })
  .strict()
  .refine((e) => e.account ?? e.region ?? e.check ?? e.resource ?? e.tag, {
    message: 'must name at least one of account, region, check, resource or tag (an exemption for everything is not allowed)',
  });

export const checkSettingsSchema = z
  .object({
    enabled: z.boolean().optional(),
    severity: z.enum(SEVERITIES).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    /** Jira and Slack reporting for this check's findings (default true). */
    reporting: z.boolean().optional(),
    /** Fix FAILED findings once they have been open afterDays (Hammer's grace period); dry run unless dryRun: false. */
    autoRemediate: z
      .object({
        enabled: z.boolean(),
        afterDays: z.number().int().min(0).max(3650).default(21),
        /** One warning (Jira comment, Slack reply) this many days before the fix. */
        warnDays: z.number().int().min(0).max(3650).default(3),
        /** Where the grace-period fix applies (default: every account in remediation.accounts). */
        accounts: z.array(accountId).optional(),
        dryRun: z.boolean().default(true),
      })
      .strict()
      .refine((a) => a.warnDays <= a.afterDays, { message: 'warnDays must not exceed afterDays', path: ['warnDays'] })
      .optional(),
  })
  .strict();

export const remediationSchema = z
  .object({
    /** The S3 bucket that receives a backup before every fix (required for any fix). */
    backupBucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name such as rampart-backups-123456789012' }).optional(),
    /** A KMS key for the backups (default: the bucket's SSE-S3 encryption). */
    backupKmsKeyId: z.string().min(1).optional(),
    /** The accounts where fixes are allowed (default: none). */
    accounts: z.array(accountId).optional(),
    /** The remediation queue `rampart worker` drains (or --queue-url). */
    queueUrl: z.string().regex(/^https?:\/\/\S+$/, { message: 'must be an SQS queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/rampart-remediation' }).optional(),
    /** The role rampart assumes in another account to fix (default: the credentials it runs with, in its own account). */
    roleName: z.string().regex(ROLE_NAME_PATTERN, { message: 'must be an IAM role name' }).optional(),
    /** After this many receives a failing message goes to the dead-letter queue (match the queue's redrive policy). */
    maxReceives: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

const severityMap = <T extends z.ZodType>(value: T) => z.partialRecord(z.enum(SEVERITIES), value);

/** Where tickets go; every field may be overridden per account or tag. */
const jiraRouteSchema = z
  .object({
    project: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, { message: 'must be a Jira project key such as SEC' }).optional(),
    issueType: z.string().min(1).optional(),
    /** Jira priority name per severity, e.g. { CRITICAL: Highest }. */
    priorities: severityMap(z.string().min(1)).optional(),
    labels: z.array(z.string().regex(/^\S+$/, { message: 'must be a Jira label (no spaces)' })).optional(),
    components: z.array(z.string().min(1)).optional(),
    parent: z.string().regex(/^[A-Z][A-Z0-9_]+-\d+$/, { message: 'must be an issue key such as SEC-12' }).optional(),
    /** Days from the first sighting to the due date, per severity (e.g. { CRITICAL: 7 }). */
    dueDays: severityMap(z.number().int().min(0).max(3650)).optional(),
  })
  .strict();

const slackRouteSchema = z
  .object({
    channel: z.string().regex(/^(#[a-z0-9._-]{1,80}|[CGD][A-Z0-9]{2,})$/, { message: 'must be a channel name such as "#security" or a channel id' }).optional(),
  })
  .strict();

const secretSourceSchema = z
  .object({
    ssmParameter: z.string().min(1).optional(),
    secretsManagerSecret: z.string().min(1).optional(),
    key: z.string().min(1).optional(),
  })
  .strict()
  .refine((s) => (s.ssmParameter === undefined) !== (s.secretsManagerSecret === undefined), { message: 'name exactly one of ssmParameter or secretsManagerSecret' });

export const reportingSchema = z
  .object({
    /** Findings below this severity are not reported. */
    minSeverity: z.enum(SEVERITIES).optional(),
    jira: jiraRouteSchema
      .extend({
        /** The transition that closes a ticket (else one into the Done category). */
        doneTransition: z.string().min(1).optional(),
        reopenTransition: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    slack: slackRouteSchema
      .extend({
        summaryChannel: slackRouteSchema.shape.channel,
        /** per-finding (default): a message per finding; digest: one message per channel per run for the new findings. */
        mode: z.enum(['per-finding', 'digest']).optional(),
        /** Least time between two messages to one channel, in ms (default 1100: Slack allows about one a second). */
        pacingMs: z.number().int().min(0).max(60_000).optional(),
      })
      .strict()
      .optional(),
    /** Where the tokens are when they are not in the environment. */
    secrets: z
      .object({ jiraApiToken: secretSourceSchema.optional(), slackToken: secretSourceSchema.optional() })
      .strict()
      .optional(),
    owners: z
      .object({
        /** The resource tag whose value is the owner's email. */
        tagKey: z.string().min(1).optional(),
        accounts: z.record(accountId, z.object({ jira: jiraRouteSchema.optional(), slack: slackRouteSchema.optional(), reporting: z.boolean().optional() }).strict()).optional(),
        tags: z
          .array(z.object({ tag: z.object({ key: z.string().min(1), value: z.string() }).strict(), jira: jiraRouteSchema.optional(), slack: slackRouteSchema.optional() }).strict())
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const configSchema = z
  .object({
    regions: z.union([z.literal('all'), z.array(region).min(1)]).optional(),
    homeRegion: region.optional(),
    accounts: z.array(accountId).min(1).optional(),
    roleName: z.string().regex(ROLE_NAME_PATTERN, { message: 'must be an IAM role name' }).optional(),
    roleArn: z.string().regex(ROLE_ARN_PATTERN, { message: 'must be an IAM role ARN such as arn:aws:iam::123456789012:role/RampartAudit' }).optional(),
    externalId: z.string().min(2).max(1224).optional(),
    table: z.string().regex(/^[a-zA-Z0-9_.-]{3,255}$/, { message: 'must be a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -)' }).optional(),
    refreshDays: z.number().int().min(1).max(80, { message: 'must be at most 80: Security Hub deletes findings 90 days after their last update' }).optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
    services: z.array(z.string().min(1)).optional(),
    securityHub: z
      .object({
        enabled: z.boolean().optional(),
        /** Publish ERROR results as NOT_AVAILABLE findings (default true). */
        publishErrors: z.boolean().optional(),
      })
      .strict()
      .optional(),
    checks: z.record(z.string(), checkSettingsSchema).optional(),
    exemptions: z.array(exemptionSchema).optional(),
    reporting: reportingSchema.optional(),
    remediation: remediationSchema.optional(),
  })
  .strict();

export type RampartConfig = z.infer<typeof configSchema>;
export type Exemption = z.infer<typeof exemptionSchema>;
export type CheckSettings = z.infer<typeof checkSettingsSchema>;
export type ReportingConfig = z.infer<typeof reportingSchema>;
export type RemediationConfig = z.infer<typeof remediationSchema>;
export type AutoRemediateSettings = NonNullable<CheckSettings['autoRemediate']>;
export type JiraRouteConfig = z.infer<typeof jiraRouteSchema>;

/** What a field of the wrong type should be, in the words of a config file. */
const EXPECTED: Record<string, string> = {
  array: 'a list', string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false', object: 'a mapping of fields (name: value)',
};

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'string' ? 'the text' : `the ${typeof value}`} ${JSON.stringify(value)}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** The message for one issue, in terms of the config file (`input` is what was parsed, to quote the bad value). */
function issueMessage(issue: z.core.$ZodIssue, input: { value: unknown } | undefined): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove them or check the spelling`;
  const last = issue.path.at(-1);
  const parent = issue.path.at(-2);
  if (issue.path.length === 1 && last === 'regions' && (issue.code === 'invalid_union' || issue.code === 'invalid_type')) return 'expected a list such as [us-east-1] or "all"';
  if (issue.code !== 'invalid_type') return issue.message;
  const value = input ? valueAt(input.value, issue.path) : undefined;
  const accountField = last === 'account' || parent === 'accounts';
  if (accountField && issue.expected === 'string' && typeof value === 'number' && Number.isInteger(value)) {
    return `quote the account id ("${String(value).padStart(12, '0')}") — unquoted, YAML reads it as a number`;
  }
  const expected = EXPECTED[issue.expected];
  if (!expected) return issue.message;
  return input ? `expected ${expected}, not ${typeOf(value)}` : `expected ${expected}`;
}

/** One line per problem: `field.path: message`. `input`, when given, lets a message quote the bad value. */
export function formatZodIssues(error: z.ZodError, prefix = '', ...input: [unknown?]): string[] {
  const parsed = input.length > 0 ? { value: input[0] } : undefined;
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    return `${path || '(top level)'}: ${issueMessage(issue, parsed)}`;
  });
}
