/**
 * The organization-wide fan-out: a Step Functions state machine that lists the
 * accounts (Organizations ListAccounts through the AWS SDK integration, or a
 * configured list), writes them to S3, and runs one Fargate task per account
 * from a distributed Map reading that file. Each task runs `rampart run
 * --accounts <id> … --summary-out s3://<bucket>/runs/<execution>/summaries/<id>.json`;
 * when a task ends without writing its summary (launch failure, timeout, crash)
 * the state machine writes one for it (TIMEOUT or ERROR). After the Map, a last
 * task runs `rampart org-report` over the summaries, and the execution's
 * verdict is the report's: never the containers' exit codes.
 *
 * MaxConcurrency is required and bounded (1 to MAX_CONCURRENCY_CEILING; the
 * distributed Map's default, 10,000, would start a task per account at once).
 * Derive it from the Fargate quotas of the region the tasks run in:
 *   - running tasks: MaxConcurrency × the task's vCPUs ≤ the "Fargate On-Demand
 *     vCPU resource count" quota, less what the account's other tasks use;
 *   - launches: Fargate starts 100 tasks at once, then 20 per second; children
 *     started faster than that are throttled, and LAUNCH_RETRY retries them.
 * docs/scale.md works the numbers for 1,000 accounts × 17 regions in 12 hours.
 *
 * Written as JSONata ASL (QueryLanguage JSONata): the account list is paged
 * and concatenated with variables, without a Lambda function.
 */
import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine/index.js';
import { ACCOUNT_PATTERN, REGION_PATTERN, ROLE_NAME_PATTERN } from '../../src/config/schema.js';

export interface OrgFanoutProps {
  clusterArn: string;
  /** The task definition (with its revision) whose container runs rampart. */
  taskDefinitionArn: string;
  containerName: string;
  subnetIds: string[];
  securityGroupIds: string[];
  taskRoleArn: string;
  executionRoleArn: string;
  /** Where the account list, the summaries and the org report go, under runs/<execution>/. */
  reportBucketName: string;
  /** 'organizations' (the state machine runs in the management or a delegated administrator account) or the account ids. */
  accountsSource: 'organizations' | string[];
  /** Child executions (Fargate tasks) at once: required, 1 to MAX_CONCURRENCY_CEILING (see the file comment). */
  maxConcurrency: number;
  /** Failed accounts tolerated, 0-100: by the Map for failed children and by org-report for failed summaries. */
  toleratedFailurePercentage: number;
  /** The role rampart assumes in each account. */
  auditRoleName: string;
  externalId?: string;
  regions: string[];
  /** Prefix of the state machine, role and log group names. */
  namePrefix: string;
  /** Seconds one account's task may run before it is stopped and counted TIMEOUT (default 7200). */
  accountTimeoutSeconds?: number;
  /** More `rampart run` arguments for every account's task (e.g. --table, --home-region, --config). */
  runArgs?: string[];
  /** Retention of the state machine's log group (default 90 days). */
  logRetentionDays?: number;
}

/** Above this, the Fargate vCPU quota and launch rate, not the Map, decide: rampart refuses it. */
export const MAX_CONCURRENCY_CEILING = 1000;
export const DEFAULT_ACCOUNT_TIMEOUT_SECONDS = 7200;
/** The S3 prefix of everything one execution writes. */
export const RUNS_PREFIX = 'runs/';

export class OrgFanoutConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrgFanoutConfigError';
  }
}

// ---------------------------------------------------------------- the ASL, typed

/** A JSONata expression, the value of a field (`{% … %}`). */
export type Jsonata = `{% ${string} %}`;

export interface RetryRule {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface CatchRule {
  ErrorEquals: string[];
  Next: string;
  Output?: Jsonata;
}

interface Flow {
  Next?: string;
  End?: true;
  Comment?: string;
}

export interface TaskState extends Flow {
  Type: 'Task';
  Resource: string;
  Arguments?: Record<string, unknown> | Jsonata;
  Output?: Jsonata;
  Assign?: Record<string, unknown>;
  TimeoutSeconds?: number;
  Retry?: RetryRule[];
  Catch?: CatchRule[];
}

export interface PassState extends Flow {
  Type: 'Pass';
  Output?: Jsonata;
  Assign?: Record<string, unknown>;
}

export interface ChoiceState {
  Type: 'Choice';
  Choices: Array<{ Condition: Jsonata; Next: string }>;
  Default: string;
  Comment?: string;
}

export interface SucceedState {
  Type: 'Succeed';
  Comment?: string;
}

export interface FailState {
  Type: 'Fail';
  Error: string;
  Cause: string;
}

export interface DistributedMapState extends Flow {
  Type: 'Map';
  ItemReader: { Resource: 'arn:aws:states:::s3:getObject'; ReaderConfig: { InputType: 'JSON' }; Arguments: { Bucket: string; Key: Jsonata } };
  ItemSelector: Record<string, Jsonata>;
  ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED'; ExecutionType: 'STANDARD' }; StartAt: string; States: Record<string, State> };
  MaxConcurrency: number;
  ToleratedFailurePercentage: number;
  Label: string;
  Output?: Jsonata;
  Catch?: CatchRule[];
}

export type State = TaskState | PassState | ChoiceState | SucceedState | FailState | DistributedMapState;

export interface StateMachineDefinition {
  Comment: string;
  QueryLanguage: 'JSONata';
  StartAt: string;
  States: Record<string, State>;
}

// ---------------------------------------------------------------- validation

const isLiteral = (value: string): boolean => !Token.isUnresolved(value);

/** Refuses props the state machine could not run with; each message names the field. */
export function validateOrgFanoutProps(props: OrgFanoutProps): void {
  const problems: string[] = [];
  const { maxConcurrency, toleratedFailurePercentage: tolerance } = props;
  if (maxConcurrency === undefined || maxConcurrency === null) {
    problems.push(`maxConcurrency is required: derive it from the Fargate vCPU quota (quota ÷ task vCPUs), never the distributed Map's default of 10,000 (docs/scale.md)`);
  } else if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY_CEILING) {
    problems.push(`maxConcurrency ${String(maxConcurrency)}: expected a whole number from 1 to ${MAX_CONCURRENCY_CEILING} (Fargate launches 20 tasks/s and runs only as many tasks as the vCPU quota allows: docs/scale.md)`);
  }
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0 || tolerance > 100) {
    problems.push(`toleratedFailurePercentage ${String(tolerance)}: expected a number from 0 to 100`);
  }
  if (!Array.isArray(props.regions) || props.regions.length === 0) problems.push('regions: give at least one region');
  for (const region of props.regions ?? []) if (isLiteral(region) && !REGION_PATTERN.test(region)) problems.push(`regions: ${region} is not a region name`);
  if (props.accountsSource !== 'organizations') {
    if (!Array.isArray(props.accountsSource) || props.accountsSource.length === 0) problems.push(`accountsSource: 'organizations' or a non-empty list of account ids`);
    else {
      for (const account of props.accountsSource) if (!ACCOUNT_PATTERN.test(account)) problems.push(`accountsSource: ${account} is not a 12-digit account id`);
      if (new Set(props.accountsSource).size !== props.accountsSource.length) problems.push('accountsSource: an account is listed twice');
    }
  }
  if (isLiteral(props.auditRoleName) && !ROLE_NAME_PATTERN.test(props.auditRoleName)) problems.push(`auditRoleName ${props.auditRoleName} is not an IAM role name`);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(props.namePrefix)) problems.push(`namePrefix ${props.namePrefix}: 1-40 letters, digits, - or _ (it prefixes IAM and Step Functions names)`);
  if (!Array.isArray(props.subnetIds) || props.subnetIds.length === 0) problems.push('subnetIds: give at least one subnet for the tasks');
  if (!Array.isArray(props.securityGroupIds) || props.securityGroupIds.length === 0) problems.push('securityGroupIds: give at least one security group for the tasks');
  const timeout = props.accountTimeoutSeconds ?? DEFAULT_ACCOUNT_TIMEOUT_SECONDS;
  if (!Number.isInteger(timeout) || timeout < 60 || timeout > 86_400) problems.push(`accountTimeoutSeconds ${timeout}: expected 60 to 86400`);
  if (problems.length > 0) throw new OrgFanoutConfigError(`OrgFanout ${props.namePrefix}: ${problems.join('; ')}`);
}

// ---------------------------------------------------------------- the definition

/** A JSONata string literal (JSON's quoting is JSONata's). */
const str = (value: string): string => JSON.stringify(value);
const expr = (body: string): Jsonata => `{% ${body} %}`;

const PARENT_PREFIX = `${str(RUNS_PREFIX)} & $states.context.Execution.Name`;

/**
 * Launch failures worth retrying: RunTask throttled (ECS.AmazonECSException "Rate exceeded", or
 * ECS.InvalidParameterException when ECS is throttled reading the subnets), or no Fargate capacity
 * or vCPU quota left right now (a RunTask failure: AmazonECS.Unknown). A task that ran is never retried.
 */
const LAUNCH_RETRY: RetryRule = {
  ErrorEquals: ['ECS.AmazonECSException', 'ECS.InvalidParameterException', 'AmazonECS.Unknown'],
  IntervalSeconds: 10,
  MaxAttempts: 6,
  BackoffRate: 2,
  MaxDelaySeconds: 300,
  JitterStrategy: 'FULL',
};

function runTaskArguments(props: OrgFanoutProps, command: Jsonata): Record<string, unknown> {
  return {
    Cluster: props.clusterArn,
    TaskDefinition: props.taskDefinitionArn,
    LaunchType: 'FARGATE',
    StartedBy: `${props.namePrefix}-org-fanout`.slice(0, 128),
    PropagateTags: 'TASK_DEFINITION',
    NetworkConfiguration: { AwsvpcConfiguration: { Subnets: props.subnetIds, SecurityGroups: props.securityGroupIds, AssignPublicIp: 'DISABLED' } },
    Overrides: { ContainerOverrides: [{ Name: props.containerName, Command: command }] },
  };
}

/** The command of one account's task, as a JSONata array over the child's input (account, prefix). */
function accountCommand(props: OrgFanoutProps): Jsonata {
  const bucket = str(`s3://${props.reportBucketName}/`);
  const parts = [
    str('run'),
    str('--accounts'), '$states.input.account',
    str('--role-name'), str(props.auditRoleName),
    ...(props.externalId ? [str('--external-id'), str(props.externalId)] : []),
    str('--regions'), str(props.regions.join(',')),
    str('--no-progress'), str('--log-format'), str('json'),
    ...(props.runArgs ?? []).map(str),
    str('--summary-out'), `${bucket} & $states.input.prefix & '/summaries/' & $states.input.account & '.json'`,
  ];
  return expr(`[${parts.join(', ')}]`);
}

function reportCommand(props: OrgFanoutProps): Jsonata {
  const under = (suffix: string): string => `${str(`s3://${props.reportBucketName}/`)} & ${PARENT_PREFIX} & ${str(suffix)}`;
  const parts = [
    str('org-report'),
    str('--summaries'), under('/summaries/'),
    str('--expected-accounts'), under('/accounts.json'),
    str('--tolerated-failure-percentage'), str(String(props.toleratedFailurePercentage)),
    str('--out'), under('/report.json'),
  ];
  return expr(`[${parts.join(', ')}]`);
}

/** The child's stand-in summary when its task left none (what ends up in the org report). */
function fallbackOutput(status: 'TIMEOUT' | 'ERROR', message: string): Jsonata {
  return expr(`{'account': $states.input.account, 'prefix': $states.input.prefix, 'status': ${str(status)}, 'message': ${message}}`);
}

/** The Amazon States Language definition of the fan-out (validated props in, plain object out). */
export function fanoutDefinition(props: OrgFanoutProps): StateMachineDefinition {
  validateOrgFanoutProps(props);
  const timeout = props.accountTimeoutSeconds ?? DEFAULT_ACCOUNT_TIMEOUT_SECONDS;
  const bucket = props.reportBucketName;
  const summaryKey = expr(`$states.input.prefix & '/summaries/' & $states.input.account & '.json'`);

  const account: Record<string, State> = {
    ScanAccount: {
      Type: 'Task',
      Comment: 'One Fargate task scans this account and writes its summary.',
      Resource: 'arn:aws:states:::ecs:runTask.sync',
      Arguments: runTaskArguments(props, accountCommand(props)),
      TimeoutSeconds: timeout,
      Retry: [LAUNCH_RETRY],
      Catch: [
        { ErrorEquals: ['States.Timeout'], Next: 'EnsureSummary', Output: fallbackOutput('TIMEOUT', str(`the scan ran longer than ${timeout} s and was stopped`)) },
        { ErrorEquals: ['States.ALL'], Next: 'EnsureSummary', Output: fallbackOutput('ERROR', `'the scan task failed: ' & $states.errorOutput.Error & ': ' & $substring($string($states.errorOutput.Cause), 0, 600)`) },
      ],
      Output: fallbackOutput('ERROR', str('the scan task ended without writing its summary')),
      Next: 'EnsureSummary',
    },
    EnsureSummary: {
      Type: 'Task',
      Comment: "The task's own summary wins: look for it before writing a stand-in.",
      Resource: 'arn:aws:states:::aws-sdk:s3:headObject',
      Arguments: { Bucket: bucket, Key: summaryKey },
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'WriteFallbackSummary', Output: expr('$states.input') }],
      End: true,
    },
    WriteFallbackSummary: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:s3:putObject',
      Arguments: {
        Bucket: bucket,
        Key: summaryKey,
        ContentType: 'application/json',
        Body: expr(`$string({'account': $states.input.account, 'status': $states.input.status, 'counts': {'findings': 0, 'failed': 0, 'errors': 0}, 'exitCode': null, 'startedAt': $states.context.Execution.StartTime, 'finishedAt': $states.context.State.EnteredTime, 'message': $states.input.message, 'writer': 'state-machine'})`),
      },
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 4, BackoffRate: 2, JitterStrategy: 'FULL' }],
      End: true,
    },
  };

  const states: Record<string, State> = {};
  const writeAccounts: TaskState = {
    Type: 'Task',
    Comment: 'The distributed Map reads its items from this file.',
    Resource: 'arn:aws:states:::aws-sdk:s3:putObject',
    Arguments: {
      Bucket: bucket,
      Key: expr(`${PARENT_PREFIX} & '/accounts.json'`),
      ContentType: 'application/json',
      Body: props.accountsSource === 'organizations' ? expr('$string($accounts)') : JSON.stringify(props.accountsSource),
    },
    Next: 'ScanAccounts',
  };
  let startAt = 'WriteAccounts';
  if (props.accountsSource === 'organizations') {
    startAt = 'StartListing';
    states.StartListing = { Type: 'Pass', Assign: { accounts: [], nextToken: null }, Next: 'ListAccounts' };
    states.ListAccounts = {
      Type: 'Task',
      Comment: 'One page of the organization\'s accounts; the active ones are appended to $accounts.',
      Resource: 'arn:aws:states:::aws-sdk:organizations:listAccounts',
      Arguments: expr(`$nextToken ? {'MaxResults': 20, 'NextToken': $nextToken} : {'MaxResults': 20}`),
      Assign: {
        accounts: expr(`$append($accounts, $states.result.Accounts[Status = 'ACTIVE' or State = 'ACTIVE'].Id)`),
        nextToken: expr(`$exists($states.result.NextToken) ? $states.result.NextToken : null`),
      },
      Retry: [{ ErrorEquals: ['Organizations.TooManyRequestsException', 'Organizations.ServiceException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, JitterStrategy: 'FULL' }],
      Next: 'MorePages',
    };
    states.MorePages = { Type: 'Choice', Choices: [{ Condition: expr('$nextToken != null'), Next: 'ListAccounts' }], Default: 'WriteAccounts' };
  }
  states.WriteAccounts = writeAccounts;
  states.ScanAccounts = {
    Type: 'Map',
    Comment: 'One child execution, one Fargate task, per account.',
    ItemReader: {
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON' },
      Arguments: { Bucket: bucket, Key: expr(`${PARENT_PREFIX} & '/accounts.json'`) },
    },
    ItemSelector: { account: expr('$states.context.Map.Item.Value'), prefix: expr(PARENT_PREFIX) },
    ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'ScanAccount', States: account },
    MaxConcurrency: props.maxConcurrency,
    ToleratedFailurePercentage: props.toleratedFailurePercentage,
    Label: 'accounts',
    Output: expr('$states.input'),
    // Past the tolerance the Map fails: the report is still written, and says which accounts.
    Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Report', Output: expr('$states.input') }],
    Next: 'Report',
  };
  states.Report = {
    Type: 'Task',
    Comment: 'rampart org-report reads every summary and writes the report and its verdict.',
    Resource: 'arn:aws:states:::ecs:runTask.sync',
    Arguments: runTaskArguments(props, reportCommand(props)),
    TimeoutSeconds: 1800,
    Retry: [LAUNCH_RETRY],
    // org-report exits 4 on a FAIL verdict; the verdict file says which, whatever the exit code.
    Catch: [{ ErrorEquals: ['States.ALL'], Next: 'ReadVerdict', Output: expr('$states.input') }],
    Output: expr('$states.input'),
    Next: 'ReadVerdict',
  };
  states.ReadVerdict = {
    Type: 'Task',
    Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
    Arguments: { Bucket: bucket, Key: expr(`${PARENT_PREFIX} & '/report.verdict.json'`) },
    Output: expr('$parse($states.result.Body)'),
    Catch: [{ ErrorEquals: ['States.ALL'], Next: 'NoVerdict' }],
    Next: 'Verdict',
  };
  states.Verdict = { Type: 'Choice', Choices: [{ Condition: expr(`$states.input.verdict = 'PASS'`), Next: 'Passed' }], Default: 'Failed' };
  states.Passed = { Type: 'Succeed', Comment: 'The failed accounts are within the tolerance (see report.txt).' };
  states.Failed = { Type: 'Fail', Error: 'RampartOrgScanFailed', Cause: expr('$states.input.summary') };
  states.NoVerdict = { Type: 'Fail', Error: 'RampartOrgReportMissing', Cause: 'the org-report task wrote no verdict: see its log in the task log group' };

  return {
    Comment: `rampart organization fan-out (${props.namePrefix}): one Fargate task per account, the verdict from their summaries`,
    QueryLanguage: 'JSONata',
    StartAt: startAt,
    States: states,
  };
}

// ---------------------------------------------------------------- IAM

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface AwsEnvironment {
  partition: string;
  region: string;
  accountId: string;
}

export function stateMachineName(props: Pick<OrgFanoutProps, 'namePrefix'>): string {
  return `${props.namePrefix}-org-fanout`;
}

/**
 * What the state machine's role may do, and nothing else. The CloudWatch Logs
 * delivery actions take no resource ARN (AWS documents them on "*"); every
 * other statement is scoped to this deployment's task definition, cluster,
 * roles, bucket prefix, the .sync rule and the state machine itself.
 */
export function fanoutRolePolicy(props: OrgFanoutProps, env: AwsEnvironment): PolicyDocument {
  const { partition, region, accountId } = env;
  const name = stateMachineName(props);
  const statements: PolicyStatement[] = [
    { Sid: 'RunRampartTasks', Effect: 'Allow', Action: ['ecs:RunTask'], Resource: props.taskDefinitionArn, Condition: { ArnEquals: { 'ecs:cluster': props.clusterArn } } },
    { Sid: 'FollowRampartTasks', Effect: 'Allow', Action: ['ecs:DescribeTasks', 'ecs:StopTask'], Resource: '*', Condition: { ArnEquals: { 'ecs:cluster': props.clusterArn } } },
    { Sid: 'PassTaskRoles', Effect: 'Allow', Action: ['iam:PassRole'], Resource: [props.taskRoleArn, props.executionRoleArn], Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } },
    { Sid: 'SyncRuleForEcs', Effect: 'Allow', Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], Resource: `arn:${partition}:events:${region}:${accountId}:rule/StepFunctionsGetEventsForECSTaskRule` },
    { Sid: 'RunFiles', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:${partition}:s3:::${props.reportBucketName}/${RUNS_PREFIX}*` },
    { Sid: 'MapChildExecutions', Effect: 'Allow', Action: ['states:StartExecution'], Resource: `arn:${partition}:states:${region}:${accountId}:stateMachine:${name}` },
    { Sid: 'MapChildExecutionState', Effect: 'Allow', Action: ['states:DescribeExecution', 'states:StopExecution'], Resource: `arn:${partition}:states:${region}:${accountId}:execution:${name}/*` },
    {
      Sid: 'ExecutionLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
      Resource: '*',
    },
  ];
  if (props.accountsSource === 'organizations') statements.push({ Sid: 'ListOrganizationAccounts', Effect: 'Allow', Action: ['organizations:ListAccounts'], Resource: '*' });
  return { Version: '2012-10-17', Statement: statements };
}

export function fanoutTrustPolicy(env: AwsEnvironment): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Service: 'states.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': env.accountId }, ArnLike: { 'aws:SourceArn': `arn:${env.partition}:states:${env.region}:${env.accountId}:stateMachine:*` } },
    }],
  };
}

/**
 * What the rampart task role needs for the fan-out, on top of assuming the audit
 * roles: write its summary, and (org-report) list and read the summaries and
 * write the report. For the stack that owns the task role.
 */
export function fanoutTaskRoleStatements(bucketName: string, partition = 'aws'): PolicyStatement[] {
  return [
    { Sid: 'FanoutRunFiles', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:${partition}:s3:::${bucketName}/${RUNS_PREFIX}*` },
    { Sid: 'FanoutListSummaries', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: `arn:${partition}:s3:::${bucketName}`, Condition: { StringLike: { 's3:prefix': `${RUNS_PREFIX}*` } } },
  ];
}

// ---------------------------------------------------------------- the construct

export class OrgFanout extends Construct {
  readonly definition: StateMachineDefinition;
  readonly stateMachine: SfnStateMachine;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: OrgFanoutProps) {
    super(scope, id);
    this.definition = fanoutDefinition(props);
    const name = stateMachineName(props);
    const env: AwsEnvironment = {
      partition: new DataAwsPartition(this, 'partition').partition,
      region: new DataAwsRegion(this, 'region').name,
      accountId: new DataAwsCallerIdentity(this, 'caller').accountId,
    };
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      // Under /aws/vendedlogs/ the log delivery does not grow the log group's resource policy.
      name: `/aws/vendedlogs/states/${name}`,
      retentionInDays: props.logRetentionDays ?? 90,
    });
    this.role = new IamRole(this, 'role', {
      name,
      description: 'rampart org fan-out: runs one Fargate task per account and the org report',
      assumeRolePolicy: JSON.stringify(fanoutTrustPolicy(env)),
    });
    // The policy names the state machine by ARN: it is built from the name, so the role comes first.
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'org-fanout',
      role: this.role.name,
      policy: JSON.stringify(fanoutRolePolicy(props, env)),
    });
    this.stateMachine = new SfnStateMachine(this, 'state-machine', {
      name,
      type: 'STANDARD',
      roleArn: this.role.arn,
      definition: JSON.stringify(this.definition),
      loggingConfiguration: { logDestination: `${this.logGroup.arn}:*`, includeExecutionData: false, level: 'ERROR' },
      dependsOn: [policy],
    });
  }
}
