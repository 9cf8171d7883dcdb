/**
 * Every name and ARN of a deployment, derived from its config before any resource exists.
 * The policies embed these literal ARNs (not terraform references), so `rampart permissions`
 * given the same values prints the same documents, and nothing depends on apply order.
 */
import { configSchema, formatZodIssues, type RampartConfig } from '../src/config/schema.js';
import { ACTION_TARGET_ID, actionTargetArn } from '../src/remediate/event.js';
import { InfraConfigError, type InfraConfig } from './config.js';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

const dnsSuffix = (partition: Partition): string => (partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com');

export interface Deployment {
  config: InfraConfig;
  partition: Partition;
  account: string;
  region: string;
  remediationEnabled: boolean;
  /** The member accounts where rampart may fix (a remediation role each). */
  remediationAccounts: string[];
  names: {
    homeStack: string;
    cluster: string;
    repository: string;
    logGroup: string;
    taskRole: string;
    executionRole: string;
    schedulerRole: string;
    schedule: string;
    runFamily: string;
    workerFamily: string;
    workerService: string;
    securityGroup: string;
    queue: string;
    deadLetterQueue: string;
    rule: string;
    table: string;
    bucket: string;
    /** The org fan-out's account lists, summaries and reports. */
    runsBucket: string;
  };
  arns: {
    table: string;
    queue: string;
    deadLetterQueue: string;
    bucket: string;
    runsBucket: string;
    taskRole: string;
    executionRole: string;
    rule: string;
    actionTarget: string;
    repository: string;
    cluster: string;
    logGroup: string;
    /** Secret ARNs end with six random characters: `-??????` matches exactly those. */
    secrets: string[];
    auditRoles: string[];
    remediationRoles: string[];
  };
  queueUrl: string;
  image: string;
}

export const memberStackName = (accountId: string): string => `member-${accountId}`;
export const HOME_STACK = 'home';

export function deploymentOf(config: InfraConfig): Deployment {
  const { prefix } = config;
  const { accountId: account, region } = config.home;
  const partition = partitionOf(region);
  const iam = (name: string, inAccount = account): string => `arn:${partition}:iam::${inAccount}:role/${name}`;
  const remediationEnabled = config.remediation.enabled;
  const remediationAccounts = remediationEnabled ? config.members.filter((m) => m.remediation ?? true).map((m) => m.accountId) : [];
  const names = {
    homeStack: HOME_STACK,
    cluster: prefix,
    repository: prefix,
    logGroup: `/${prefix}/tasks`,
    taskRole: `${prefix}-task`,
    executionRole: `${prefix}-task-execution`,
    schedulerRole: `${prefix}-scheduler`,
    schedule: `${prefix}-run`,
    runFamily: `${prefix}-run`,
    workerFamily: `${prefix}-worker`,
    workerService: `${prefix}-worker`,
    securityGroup: `${prefix}-task`,
    queue: `${prefix}-remediation`,
    deadLetterQueue: `${prefix}-remediation-dlq`,
    rule: `${prefix}-remediate`,
    table: config.tableName,
    bucket: config.remediation.backupBucket ?? `${prefix}-backups-${account}-${region}`,
    runsBucket: `${prefix}-runs-${account}-${region}`,
  };
  const repositoryUri = `${account}.dkr.ecr.${region}.${dnsSuffix(partition)}/${names.repository}`;
  return {
    config,
    partition,
    account,
    region,
    remediationEnabled,
    remediationAccounts,
    names,
    arns: {
      table: `arn:${partition}:dynamodb:${region}:${account}:table/${names.table}`,
      queue: `arn:${partition}:sqs:${region}:${account}:${names.queue}`,
      deadLetterQueue: `arn:${partition}:sqs:${region}:${account}:${names.deadLetterQueue}`,
      bucket: `arn:${partition}:s3:::${names.bucket}`,
      runsBucket: `arn:${partition}:s3:::${names.runsBucket}`,
      taskRole: iam(names.taskRole),
      executionRole: iam(names.executionRole),
      rule: `arn:${partition}:events:${region}:${account}:rule/${names.rule}`,
      actionTarget: actionTargetArn(partition, region, account, ACTION_TARGET_ID),
      repository: `arn:${partition}:ecr:${region}:${account}:repository/${names.repository}`,
      cluster: `arn:${partition}:ecs:${region}:${account}:cluster/${names.cluster}`,
      logGroup: `arn:${partition}:logs:${region}:${account}:log-group:${names.logGroup}`,
      secrets: [config.secrets.jiraApiToken, config.secrets.slackToken].map((name) => `arn:${partition}:secretsmanager:${region}:${account}:secret:${name}-??????`),
      auditRoles: config.members.map((m) => iam(config.roles.audit, m.accountId)),
      remediationRoles: remediationAccounts.map((id) => iam(config.roles.remediation, id)),
    },
    queueUrl: `https://sqs.${region}.${dnsSuffix(partition)}/${account}/${names.queue}`,
    image: `${config.image.repository ?? repositoryUri}:${config.image.tag}`,
  };
}

/**
 * The scan config the tasks run with: the user's `rampart` section plus what the deployment
 * decides (accounts, roles, table, queue, bucket, the secrets the tokens are read from).
 * Checked against the scan schema, so a deployment never ships a config rampart would refuse.
 */
export function taskConfig(deployment: Deployment): RampartConfig {
  const { config, names } = deployment;
  const base = config.rampart ?? {};
  const reporting = base.reporting
    ? {
        ...base.reporting,
        secrets: {
          ...(base.reporting.jira ? { jiraApiToken: { secretsManagerSecret: config.secrets.jiraApiToken } } : {}),
          ...(base.reporting.slack ? { slackToken: { secretsManagerSecret: config.secrets.slackToken } } : {}),
        },
      }
    : undefined;
  const composed: RampartConfig = {
    ...base,
    homeRegion: deployment.region,
    regions: config.regions ?? [deployment.region],
    accounts: config.members.map((m) => m.accountId),
    roleName: config.roles.audit,
    externalId: config.roles.externalId,
    table: names.table,
    ...(reporting ? { reporting } : {}),
    ...(deployment.remediationEnabled
      ? {
          remediation: {
            ...base.remediation,
            backupBucket: names.bucket,
            accounts: deployment.remediationAccounts,
            queueUrl: deployment.queueUrl,
            roleName: config.roles.remediation,
            maxReceives: config.remediation.maxReceives,
          },
        }
      : {}),
  };
  const checked = configSchema.safeParse(composed);
  if (!checked.success) throw new InfraConfigError(`the task's scan config would be invalid:\n  ${formatZodIssues(checked.error, 'rampart').join('\n  ')}`);
  return composed;
}
