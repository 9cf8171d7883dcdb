/**
 * The home account: where rampart runs. The image repository, the cluster, the scheduled
 * `rampart run`, the remediation worker, the record table, the backup bucket, the queue, the
 * custom action, the reporting secrets, the network and the roles.
 */
import type { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy/index.js';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy/index.js';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster/index.js';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service/index.js';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition/index.js';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule/index.js';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js';
import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account/index.js';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import type { OrgFanoutSettings } from '../config.js';
import { taskConfig, type Deployment } from '../deployment.js';
import { executionPolicy, rampartPolicy, schedulerPolicy, serviceTrust } from '../policies.js';
import { RampartStack, terraformLiteral } from '../stack-base.js';
import { PrivateBucket } from '../constructs/private-bucket.js';
import { CustomAction } from '../constructs/custom-action.js';
import { Network } from '../constructs/network.js';
import { RecordTable } from '../constructs/record-table.js';
import { RemediationQueue } from '../constructs/remediation-queue.js';
import { Role } from '../constructs/role.js';

export const CONTAINER_NAME = 'rampart';
/** The task writes its scan config here from RAMPART_CONFIG_JSON before rampart starts. */
export const TASK_CONFIG_PATH = '/tmp/rampart.json';
/** The image's entrypoint (Dockerfile): sizes Node's heap, then runs the CLI with its arguments. */
export const IMAGE_ENTRYPOINT = '/app/docker/entrypoint.sh';

export const RUN_COMMAND = ['run', '--config', TASK_CONFIG_PATH, '--no-progress', '--log-format', 'json'];
export const WORKER_COMMAND = ['worker', '--config', TASK_CONFIG_PATH, '--format', 'json'];

/** What the organization fan-out (infra/constructs/org-fanout.ts) builds on. */
export interface FanoutInputs {
  settings: OrgFanoutSettings;
  deployment: Deployment;
  clusterArn: string;
  /** The `rampart run` task definition; a per-account child overrides the container's command. */
  taskDefinitionArn: string;
  containerName: string;
  taskRoleArn: string;
  /** The fan-out adds its own inline policy (the runs bucket) to the task role. */
  taskRoleName: string;
  executionRoleArn: string;
  subnetIds: string[];
  securityGroupIds: string[];
  assignPublicIp: boolean;
  logGroupName: string;
  /** A private bucket of this stack for the account lists, the summaries and the org reports. */
  reportBucketName: string;
  /** The `rampart run` arguments every account's task needs besides its own (the scan config). */
  runArgs: string[];
}

/** Adds to the home stack (the org fan-out); called once the home resources exist. */
export type HomeExtension = (stack: HomeStack, inputs: FanoutInputs) => void;

/**
 * The container: the scan config arrives as an environment variable (the image is the same
 * for every deployment) and is written to a file, then the image's own entrypoint runs.
 */
export function containerDefinitions(deployment: Deployment, command: readonly string[], streamPrefix: string): string {
  const environment: Record<string, string> = {
    AWS_REGION: deployment.region,
    RAMPART_CONFIG_JSON: JSON.stringify(taskConfig(deployment)),
  };
  for (const [name, value] of Object.entries(deployment.config.environment)) if (value !== undefined) environment[name] = value;
  const container = {
    name: CONTAINER_NAME,
    image: deployment.image,
    essential: true,
    entryPoint: ['/bin/sh', '-c', `printf '%s' "$RAMPART_CONFIG_JSON" > ${TASK_CONFIG_PATH} && exec ${IMAGE_ENTRYPOINT} "$@"`, CONTAINER_NAME],
    command: [...command],
    environment: Object.entries(environment).map(([name, value]) => ({ name, value })),
    logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': deployment.names.logGroup, 'awslogs-region': deployment.region, 'awslogs-stream-prefix': streamPrefix } },
    privileged: false,
    // SIGTERM, then this long to finish the message in hand before SIGKILL.
    stopTimeout: 120,
  };
  return terraformLiteral(JSON.stringify([container]));
}

/**
 * The part of the home stack that holds rampart's data and identities: the record table, the
 * task's roles and, with remediation, the backup bucket and the queues. The emulator test
 * applies this (infra/stacks/emulator.ts), `emulated` leaving out the dead-letter queue's
 * redrive allow policy (moto does not keep it) and the bucket lifecycle (a minute of polling).
 */
export function homeCore(scope: Construct, deployment: Deployment, emulated = false): { table: RecordTable; taskRole: IamRole; executionRole: IamRole; bucket?: PrivateBucket; queue?: RemediationQueue } {
  const { config, names, arns } = deployment;
  const table = new RecordTable(scope, 'record-table', { name: names.table });
  const ecsTrust = serviceTrust('ecs-tasks.amazonaws.com', deployment, `arn:${deployment.partition}:ecs:${deployment.region}:${deployment.account}:*`);
  const taskRole = new Role(scope, 'task-role', {
    name: names.taskRole,
    description: 'rampart tasks: the record table, the queue, the backups, the secrets, and assuming the member roles',
    trust: ecsTrust,
    policyName: 'rampart-runner',
    policy: JSON.stringify(rampartPolicy('runner', deployment)),
  }).role;
  const executionRole = new Role(scope, 'execution-role', { name: names.executionRole, description: 'ECS starting rampart tasks: the image and the logs', trust: ecsTrust, policyName: 'pull-and-log', policy: executionPolicy(deployment) }).role;
  if (!deployment.remediationEnabled) return { table, taskRole, executionRole };
  const bucket = new PrivateBucket(scope, 'backups', { name: names.bucket, arn: arns.bucket, retentionDays: config.remediation.backupRetentionDays, kmsKeyId: config.rampart?.remediation?.backupKmsKeyId, lifecycle: !emulated });
  const queue = new RemediationQueue(scope, 'remediation-queue', {
    name: names.queue, arn: arns.queue, deadLetterName: names.deadLetterQueue, deadLetterArn: arns.deadLetterQueue, ruleArn: arns.rule,
    maxReceives: config.remediation.maxReceives, visibilityTimeoutSeconds: config.remediation.visibilityTimeoutSeconds, emulated,
  });
  return { table, taskRole, executionRole, bucket, queue };
}

export class HomeStack extends RampartStack {
  readonly fanoutInputs: FanoutInputs | undefined;

  constructor(scope: Construct, deployment: Deployment, extensions: readonly HomeExtension[] = []) {
    const { config, names, arns } = deployment;
    super(scope, names.homeStack, config, { accountId: deployment.account, region: deployment.region, deployRoleArn: config.home.deployRoleArn });

    const network = new Network(this, 'network', { network: config.network, region: deployment.region, prefix: config.prefix, securityGroupName: names.securityGroup });
    const { table, taskRole, executionRole, queue } = homeCore(this, deployment);

    const repository = config.image.repository === undefined
      ? new EcrRepository(this, 'repository', { name: names.repository, imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true }, encryptionConfiguration: [{ encryptionType: 'AES256' }] })
      : undefined;
    if (repository) {
      new EcrLifecyclePolicy(this, 'repository-lifecycle', {
        repository: repository.name,
        policy: JSON.stringify({ rules: [{ rulePriority: 1, description: 'keep the 30 newest images', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 }, action: { type: 'expire' } }] }),
      });
    }

    const secrets = [config.secrets.jiraApiToken, config.secrets.slackToken].map((name, index) => new SecretsmanagerSecret(this, index === 0 ? 'jira-api-token' : 'slack-token', {
      name,
      // No aws_secretsmanager_secret_version: the value is put out of band, so it is never in the state.
      description: `rampart reporting token. Set it with: aws secretsmanager put-secret-value --secret-id ${name} --secret-string file://token.txt`,
      recoveryWindowInDays: 7,
    }));

    const logGroup = new CloudwatchLogGroup(this, 'logs', { name: names.logGroup, retentionInDays: config.logRetentionDays });
    const cluster = new EcsCluster(this, 'cluster', { name: names.cluster });

    const taskDefinition = (id: string, family: string, command: readonly string[], streamPrefix: string): EcsTaskDefinition => new EcsTaskDefinition(this, id, {
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(config.task.cpu),
      memory: String(config.task.memory),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: config.task.architecture },
      taskRoleArn: taskRole.arn,
      executionRoleArn: executionRole.arn,
      containerDefinitions: containerDefinitions(deployment, command, streamPrefix),
      dependsOn: [logGroup],
    });
    const runTask = taskDefinition('run-task', names.runFamily, RUN_COMMAND, 'run');
    const networkConfiguration = { subnets: network.subnetIds, securityGroups: network.securityGroupIds, assignPublicIp: network.assignPublicIp };

    const schedulerRole = new Role(this, 'scheduler-role', {
      name: names.schedulerRole,
      description: 'EventBridge Scheduler starting the scheduled rampart run',
      trust: serviceTrust('scheduler.amazonaws.com', deployment, `arn:${deployment.partition}:scheduler:${deployment.region}:${deployment.account}:schedule/default/${names.schedule}`),
      policyName: 'run-task',
      policy: schedulerPolicy(deployment, names.runFamily),
    }).role;
    new SchedulerSchedule(this, 'schedule', {
      name: names.schedule,
      description: 'rampart run: scan, report, due remediations',
      scheduleExpression: config.schedule.expression,
      scheduleExpressionTimezone: config.schedule.timezone,
      state: config.schedule.enabled ? 'ENABLED' : 'DISABLED',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: cluster.arn,
        roleArn: schedulerRole.arn,
        ecsParameters: { taskDefinitionArn: runTask.arnWithoutRevision, launchType: 'FARGATE', platformVersion: 'LATEST', taskCount: 1, networkConfiguration },
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      },
    });

    if (deployment.remediationEnabled && queue) {
      const hub = config.enableSecurityHub ? new SecurityhubAccount(this, 'security-hub', { enableDefaultStandards: false }) : undefined;
      new CustomAction(this, 'custom-action', { ruleName: names.rule, actionTargetArn: arns.actionTarget, queueArn: queue.queue.arn, ...(hub ? { dependsOn: [hub] } : {}) });
      this.worker(deployment, cluster, taskDefinition('worker-task', names.workerFamily, WORKER_COMMAND, 'worker'), networkConfiguration);
    }

    new TerraformOutput(this, 'record_table_name', { value: table.table.name });
    new TerraformOutput(this, 'cluster_name', { value: cluster.name });
    new TerraformOutput(this, 'task_role_arn', { value: taskRole.arn, description: 'the principal every member role trusts' });
    new TerraformOutput(this, 'image', { value: deployment.image, description: 'push this image before the first scheduled run' });
    new TerraformOutput(this, 'secret_names', { value: secrets.map((s) => s.name), description: 'put the tokens with aws secretsmanager put-secret-value' });
    if (repository) new TerraformOutput(this, 'repository_url', { value: repository.repositoryUrl });
    if (deployment.remediationEnabled) {
      new TerraformOutput(this, 'remediation_queue_url', { value: deployment.queueUrl });
      new TerraformOutput(this, 'backup_bucket', { value: names.bucket });
    }

    const settings = config.orgFanout;
    if (settings?.enabled) {
      new PrivateBucket(this, 'fanout-runs', { name: names.runsBucket, arn: arns.runsBucket, retentionDays: 90 });
      this.fanoutInputs = {
        settings, deployment, clusterArn: cluster.arn, taskDefinitionArn: runTask.arn, containerName: CONTAINER_NAME, taskRoleArn: taskRole.arn, taskRoleName: names.taskRole,
        executionRoleArn: executionRole.arn, subnetIds: network.subnetIds, securityGroupIds: network.securityGroupIds, assignPublicIp: network.assignPublicIp,
        logGroupName: names.logGroup, reportBucketName: names.runsBucket, runArgs: ['--config', TASK_CONFIG_PATH],
      };
      new TerraformOutput(this, 'fanout_runs_bucket', { value: names.runsBucket });
    } else {
      this.fanoutInputs = undefined;
    }
    if (this.fanoutInputs) for (const extend of extensions) extend(this, this.fanoutInputs);
  }

  /**
   * The worker runs only while the queue holds messages: an ECS service kept at 0 tasks and
   * scaled on queue depth. A long-running `rampart worker` keeps the queue's semantics (a
   * message is deleted once every finding has an outcome; a failure is redelivered and, after
   * maxReceives, dead-lettered). An EventBridge Pipe starting a task per message was rejected:
   * the pipe deletes the message once RunTask succeeds, before the fix is done, so a failed fix
   * would be lost instead of redelivered. Idle cost: two CloudWatch alarms, no task.
   */
  private worker(deployment: Deployment, cluster: EcsCluster, workerTask: EcsTaskDefinition, networkConfiguration: { subnets: string[]; securityGroups: string[]; assignPublicIp: boolean }): void {
    const { names, config } = deployment;
    const service = new EcsService(this, 'worker-service', {
      name: names.workerService,
      cluster: cluster.arn,
      taskDefinition: workerTask.arn,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      desiredCount: 0,
      networkConfiguration,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      // Application Auto Scaling owns the task count.
      lifecycle: { ignoreChanges: ['desired_count'] },
    });
    const scaling = new AppautoscalingTarget(this, 'worker-scaling', {
      serviceNamespace: 'ecs',
      resourceId: `service/${names.cluster}/${names.workerService}`,
      scalableDimension: 'ecs:service:DesiredCount',
      minCapacity: 0,
      maxCapacity: config.remediation.maxWorkers,
      dependsOn: [service],
    });
    const step = (id: string, adjustmentType: string, adjustment: { metricIntervalLowerBound?: string; metricIntervalUpperBound?: string; scalingAdjustment: number }): AppautoscalingPolicy => new AppautoscalingPolicy(this, id, {
      name: `${names.workerService}-${id}`,
      policyType: 'StepScaling',
      serviceNamespace: scaling.serviceNamespace,
      resourceId: scaling.resourceId,
      scalableDimension: scaling.scalableDimension,
      stepScalingPolicyConfiguration: { adjustmentType, cooldown: 60, metricAggregationType: 'Maximum', stepAdjustment: [adjustment] },
    });
    const scaleOut = step('scale-out', 'ChangeInCapacity', { metricIntervalLowerBound: '0', scalingAdjustment: 1 });
    const scaleIn = step('scale-in', 'ExactCapacity', { metricIntervalUpperBound: '0', scalingAdjustment: 0 });
    const queueMetric = (metricName: string) => ({ namespace: 'AWS/SQS', metricName, period: 60, stat: 'Maximum', dimensions: { QueueName: names.queue } });
    new CloudwatchMetricAlarm(this, 'queue-has-messages', {
      alarmName: `${names.workerService}-queue-has-messages`,
      alarmDescription: 'start a rampart worker: the remediation queue holds messages',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: names.queue },
      period: 60,
      statistic: 'Maximum',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: 'notBreaching',
      alarmActions: [scaleOut.arn],
    });
    // Stop only when nothing is visible or in flight for 10 minutes: never under a message in hand.
    new CloudwatchMetricAlarm(this, 'queue-is-empty', {
      alarmName: `${names.workerService}-queue-is-empty`,
      alarmDescription: 'stop the rampart workers: the remediation queue has been empty for 10 minutes',
      comparisonOperator: 'LessThanOrEqualToThreshold',
      threshold: 0,
      evaluationPeriods: 10,
      // SQS stops sending metrics for a queue idle for hours: no data means empty.
      treatMissingData: 'breaching',
      metricQuery: [
        { id: 'visible', returnData: false, metric: queueMetric('ApproximateNumberOfMessagesVisible') },
        { id: 'inflight', returnData: false, metric: queueMetric('ApproximateNumberOfMessagesNotVisible') },
        { id: 'total', returnData: true, expression: 'visible + inflight', label: 'messages visible or in flight' },
      ],
      alarmActions: [scaleIn.arn],
    });
  }
}
