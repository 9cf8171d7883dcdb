/**
 * The deployment config (rampart.infra.json): which accounts, where, how often, and how the
 * task reaches AWS. Validated like the scan config: every error names the field and the fix.
 * `"$comment"` keys are accepted anywhere and ignored (JSON has no comments).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ACCOUNT_PATTERN, REGION_PATTERN, ROLE_ARN_PATTERN, ROLE_NAME_PATTERN, configSchema, formatZodIssues } from '../src/config/schema.js';
import { DEFAULT_TABLE } from '../src/state/table-name.js';

/**
 * The organization-wide fan-out (Step Functions, infra/constructs/org-fanout.ts). The home stack
 * passes these settings through untouched; their meaning belongs to the fan-out construct.
 */
export interface OrgFanoutSettings {
  enabled: boolean;
  /** `organizations`: Organizations ListAccounts at run time; or a fixed list of account ids. */
  accountsSource: 'organizations' | string[];
  maxConcurrency?: number;
  toleratedFailurePercentage?: number;
}

export class InfraConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InfraConfigError';
  }
}

/** A deployment synth refuses to write (a Security Hub limit, a name too long): the message says which and why. */
export class SynthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthError';
  }
}

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const ENVIRONMENT_KEYS = ['RAMPART_JIRA_URL', 'RAMPART_JIRA_EMAIL', 'RAMPART_SLACK_API_URL'];

/** Fargate's CPU units and the memory (MiB) each allows. */
const FARGATE_MEMORY: Record<number, { min: number; max: number; step: number } | number[]> = {
  256: [512, 1024, 2048],
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

function fargateMemoryFits(cpu: number, memory: number): boolean {
  const allowed = FARGATE_MEMORY[cpu];
  if (allowed === undefined) return false;
  if (Array.isArray(allowed)) return allowed.includes(memory);
  return memory >= allowed.min && memory <= allowed.max && (memory - allowed.min) % allowed.step === 0;
}

function fargateMemoryText(cpu: number): string {
  const allowed = FARGATE_MEMORY[cpu];
  if (allowed === undefined) return '';
  return Array.isArray(allowed) ? allowed.join(', ') : `${allowed.min} to ${allowed.max} in steps of ${allowed.step}`;
}

const region = z.string().regex(REGION_PATTERN, { message: 'must be an AWS region name such as us-east-1' });
const accountId = z.string().regex(ACCOUNT_PATTERN, { message: 'must be a 12-digit AWS account id, as a string ("123456789012")' });
const roleArn = z.string().regex(ROLE_ARN_PATTERN, { message: 'must be an IAM role ARN such as arn:aws:iam::123456789012:role/OrganizationAccountAccessRole' });
const roleName = z.string().regex(ROLE_NAME_PATTERN, { message: 'must be an IAM role name such as RampartAudit' }).max(64, { message: 'must be at most 64 characters (IAM role names)' });
const secretName = z.string().regex(/^[\w/+=.@-]{1,512}$/, { message: 'must be a Secrets Manager secret name such as rampart/jira-api-token (letters, digits and /_+=.@-)' });

const deployTarget = {
  accountId,
  /** The role terraform assumes to deploy this stack (default: the credentials terraform runs with). */
  deployRoleArn: roleArn.optional(),
};

const vpcNetwork = z
  .object({
    createVpc: z
      .object({
        cidr: z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|2[0-4])$/, { message: 'must be an IPv4 CIDR block from /16 to /24, such as 10.42.0.0/16' }).default('10.42.0.0/16'),
        /** Private subnets, one per availability zone. */
        availabilityZones: z.number().int().min(1).max(3).default(2),
      })
      .strict(),
  })
  .strict();

const givenNetwork = z
  .object({
    vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, { message: 'must be a VPC id such as vpc-0123456789abcdef0' }),
    subnetIds: z.array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, { message: 'must be a subnet id such as subnet-0123456789abcdef0' })).min(1, { message: 'must name at least one subnet' }),
    /** Default: one the stack creates, with no inbound rule and HTTPS out. */
    securityGroupIds: z.array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, { message: 'must be a security group id such as sg-0123456789abcdef0' })).min(1).max(5).optional(),
    /** Only for public subnets without a NAT gateway: the task needs a route to the AWS APIs of every scanned region. */
    assignPublicIp: z.boolean().default(false),
  })
  .strict();

const orgFanoutSchema = z
  .object({
    enabled: z.boolean(),
    accountsSource: z.union([z.literal('organizations'), z.array(accountId).min(1)], { message: 'must be "organizations" or a list of 12-digit account ids' }),
    maxConcurrency: z.number().int().min(1).max(10_000).optional(),
    toleratedFailurePercentage: z.number().min(0).max(100).optional(),
  })
  .strict();

/** The scan config fields the deployment decides: giving them under `rampart` would be overwritten, so it is refused. */
const DEPLOYMENT_OWNED: Record<string, string> = {
  accounts: 'members', roleName: 'roles.audit', roleArn: 'members and roles.audit', externalId: 'roles.externalId', table: 'tableName', homeRegion: 'home.region', regions: 'regions',
};
const REMEDIATION_OWNED: Record<string, string> = {
  backupBucket: 'remediation.backupBucket', accounts: 'members[].remediation', queueUrl: 'remediation.enabled (the stack creates the queue)', roleName: 'roles.remediation', maxReceives: 'remediation.maxReceives',
};

export const infraConfigSchema = z
  .object({
    /** A short name that starts every resource name (default rampart). */
    prefix: z.string().regex(/^[a-z][a-z0-9-]{1,19}$/, { message: 'must be 2-20 of a-z 0-9 - starting with a letter, such as rampart' }).default('rampart'),
    /** The account and region rampart runs in: the table, the queue, the task, the schedule. */
    home: z.object({ ...deployTarget, region }).strict(),
    /** The accounts rampart scans, one member stack each (include the home account to scan it too). */
    members: z.array(z.object({ ...deployTarget, remediation: z.boolean().optional() }).strict()).min(1, { message: 'must list the accounts rampart scans, at least one (list the home account to scan it)' }),
    /** The regions scanned in every account (default: the home region). */
    regions: z.union([z.literal('all'), z.array(region).min(1)]).optional(),
    schedule: z
      .object({
        expression: z.string().regex(/^(rate\(\d{1,4} (minute|minutes|hour|hours|day|days)\)|cron\([^()]+\))$/, { message: 'must be an EventBridge Scheduler expression such as rate(12 hours) or cron(0 */12 * * ? *)' }).default('rate(12 hours)'),
        timezone: z.string().regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, { message: 'must be an IANA time zone such as UTC or Europe/Paris' }).default('UTC'),
        enabled: z.boolean().default(true),
      })
      .strict()
      .default({ expression: 'rate(12 hours)', timezone: 'UTC', enabled: true }),
    /** Given subnets (and their VPC), or a minimal VPC the stack creates. */
    network: z.union([givenNetwork, vpcNetwork], { message: 'must be either { "vpcId", "subnetIds" } or { "createVpc": {} }' }).default({ createVpc: { cidr: '10.42.0.0/16', availabilityZones: 2 } }),
    logRetentionDays: z
      .number()
      .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), { message: `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(', ')}` })
      .default(365),
    image: z
      .object({
        /** An image repository URI; default: the ECR repository the home stack creates. */
        repository: z.string().regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._/-]+)$/, { message: 'must be an image repository URI such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/rampart (no tag)' }).optional(),
        /** The repository's tags are immutable: push a new tag for each release. */
        tag: z.string().regex(/^[\w][\w.-]{0,127}$/, { message: 'must be an image tag such as 0.1.0' }),
      })
      .strict(),
    task: z
      .object({
        cpu: z.number().int().refine((cpu) => FARGATE_MEMORY[cpu] !== undefined, { message: `must be one of Fargate's CPU sizes: ${Object.keys(FARGATE_MEMORY).join(', ')}` }).default(1024),
        memory: z.number().int().default(2048),
        architecture: z.enum(['X86_64', 'ARM64']).default('X86_64'),
      })
      .strict()
      .default({ cpu: 1024, memory: 2048, architecture: 'X86_64' })
      .superRefine((task, ctx) => {
        if (FARGATE_MEMORY[task.cpu] !== undefined && !fargateMemoryFits(task.cpu, task.memory)) ctx.addIssue({ code: 'custom', path: ['memory'], message: `must fit cpu ${task.cpu}: Fargate allows ${fargateMemoryText(task.cpu)} MiB` });
      }),
    roles: z
      .object({
        /** The external id the home task role presents to every member role (not a secret; it stops a confused deputy). */
        externalId: z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, { message: 'must be 2-1224 of letters, digits and +=,.@:/- (rampart init-infra generates one)' }),
        audit: roleName.default('RampartAudit'),
        remediation: roleName.default('RampartRemediation'),
      })
      .strict(),
    /** The record table (the scan config's `table`). */
    tableName: z.string().regex(/^[a-zA-Z0-9_.-]{3,255}$/, { message: 'must be a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -)' }).default(DEFAULT_TABLE),
    /** Secrets Manager secrets the stack creates empty; their values are set out of band (README). */
    secrets: z
      .object({ jiraApiToken: secretName.default('rampart/jira-api-token'), slackToken: secretName.default('rampart/slack-token') })
      .strict()
      .default({ jiraApiToken: 'rampart/jira-api-token', slackToken: 'rampart/slack-token' }),
    /** Non-secret reporting settings passed to the task's environment. */
    environment: z
      .object({
        RAMPART_JIRA_URL: z.string().regex(/^https:\/\/[^\s/]+/, { message: 'must be the Jira site URL, such as https://acme.atlassian.net' }).optional(),
        RAMPART_JIRA_EMAIL: z.string().regex(/^[^\s@]+@[^\s@]+$/, { message: 'must be the Jira account email' }).optional(),
        RAMPART_SLACK_API_URL: z.string().regex(/^https:\/\/\S+$/, { message: 'must be an https URL' }).optional(),
      })
      .loose()
      .superRefine((environment, ctx) => {
        for (const key of Object.keys(environment)) {
          if (!ENVIRONMENT_KEYS.includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: `is not allowed: only ${ENVIRONMENT_KEYS.join(', ')} (tokens go in the secrets, never in the environment)` });
        }
      })
      .transform(({ RAMPART_JIRA_URL, RAMPART_JIRA_EMAIL, RAMPART_SLACK_API_URL }) => ({ RAMPART_JIRA_URL, RAMPART_JIRA_EMAIL, RAMPART_SLACK_API_URL }))
      .default({ RAMPART_JIRA_URL: undefined, RAMPART_JIRA_EMAIL: undefined, RAMPART_SLACK_API_URL: undefined }),
    remediation: z
      .object({
        enabled: z.boolean(),
        /** Deliveries before the dead-letter queue takes a message (the queue's maxReceiveCount and the worker's --max-receives). */
        maxReceives: z.number().int().min(1).max(1000).default(5),
        /** How long a received message stays hidden from other workers. */
        visibilityTimeoutSeconds: z.number().int().min(30).max(43_200).default(900),
        /** The most worker tasks the queue depth may start. */
        maxWorkers: z.number().int().min(1).max(10).default(1),
        /** Default: <prefix>-backups-<home account>-<home region>. */
        backupBucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name such as rampart-backups-123456789012' }).optional(),
        /** Backups are kept this long, then expire (rollback needs them). */
        backupRetentionDays: z.number().int().min(30).max(3650).default(365),
      })
      .strict()
      .default({ enabled: false, maxReceives: 5, visibilityTimeoutSeconds: 900, maxWorkers: 1, backupRetentionDays: 365 }),
    /** Enable Security Hub in the home account and region (leave false when the organization already did). */
    enableSecurityHub: z.boolean().default(false),
    /** Where terraform keeps each stack's state (default: terraform.tfstate in the stack's directory). */
    stateBackend: z
      .object({
        s3: z
          .object({
            bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' }),
            region,
            keyPrefix: z.string().regex(/^[\w./-]{0,200}$/, { message: 'must be an S3 key prefix such as rampart/' }).default('rampart/'),
          })
          .strict(),
      })
      .strict()
      .optional(),
    /** The scan config the task runs with (checks, exemptions, reporting routes), minus what the deployment decides. */
    rampart: configSchema.optional(),
    orgFanout: orgFanoutSchema.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.members.forEach((member, index) => {
      if (seen.has(member.accountId)) ctx.addIssue({ code: 'custom', path: ['members', index, 'accountId'], message: `account ${member.accountId} is listed twice: one member stack per account` });
      seen.add(member.accountId);
    });
    for (const [field, owner] of Object.entries(DEPLOYMENT_OWNED)) {
      if (config.rampart && (config.rampart as Record<string, unknown>)[field] !== undefined) ctx.addIssue({ code: 'custom', path: ['rampart', field], message: `is set by the deployment from ${owner}: remove it here` });
    }
    for (const [field, owner] of Object.entries(REMEDIATION_OWNED)) {
      if (config.rampart?.remediation && (config.rampart.remediation as Record<string, unknown>)[field] !== undefined) ctx.addIssue({ code: 'custom', path: ['rampart', 'remediation', field], message: `is set by the deployment from ${owner}: remove it here` });
    }
    if (config.rampart?.reporting?.secrets !== undefined) ctx.addIssue({ code: 'custom', path: ['rampart', 'reporting', 'secrets'], message: 'is set by the deployment from secrets (the Secrets Manager secrets it creates): remove it here' });
    if (config.orgFanout?.enabled && config.orgFanout.maxConcurrency === undefined) ctx.addIssue({ code: 'custom', path: ['orgFanout', 'maxConcurrency'], message: 'is required when the fan-out is enabled: derive it from the Fargate vCPU quota (docs/scale.md), never the 10,000 default' });
    if (config.orgFanout?.enabled && config.regions === 'all') ctx.addIssue({ code: 'custom', path: ['regions'], message: 'must list the regions when orgFanout is enabled (each account\'s task is given them)' });
    if (!config.remediation.enabled && config.members.some((m) => m.remediation === true)) {
      const index = config.members.findIndex((m) => m.remediation === true);
      ctx.addIssue({ code: 'custom', path: ['members', index, 'remediation'], message: 'needs remediation.enabled: true (the queue, the worker and the backup bucket)' });
    }
  });

export type InfraConfigInput = z.input<typeof infraConfigSchema>;
export type InfraConfig = z.output<typeof infraConfigSchema>;

// The schema's fan-out settings are exactly the interface the fan-out construct is written against.
export const fanoutSettings = (config: InfraConfig): OrgFanoutSettings | undefined => config.orgFanout;

/** Removes every "$comment" key, at any depth: the schema ignores comments. */
export function stripComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripComments);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '$comment').map(([key, inner]) => [key, stripComments(inner)]));
  }
  return value;
}

export function parseInfraConfig(raw: unknown, source: string): InfraConfig {
  const parsed = infraConfigSchema.safeParse(stripComments(raw));
  if (!parsed.success) throw new InfraConfigError(`infra config ${source} is invalid:\n  ${formatZodIssues(parsed.error).join('\n  ')}`);
  return parsed.data;
}

export async function loadInfraConfig(path: string): Promise<InfraConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InfraConfigError(`--config ${path} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`}: pass the path of a JSON deployment config (rampart init-infra prints one)`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InfraConfigError(`infra config ${path} is not valid JSON: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  return parseInfraConfig(raw, path);
}

/** A config as written: every object may carry a "$comment". */
export type WithComments<T> = T extends readonly (infer U)[]
  ? Array<WithComments<U>>
  : T extends object
    ? { [K in keyof T]: WithComments<T[K]> } & { $comment?: string }
    : T;
