/** The org fan-out: its ASL (asserted on the plain object) and its construct (synthesized in a tiny stack). */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine/index.js';
import {
  fanoutDefinition, fanoutRolePolicy, fanoutTaskRoleStatements, OrgFanout, OrgFanoutConfigError,
  type ChoiceState, type DistributedMapState, type FailState, type OrgFanoutProps, type TaskState,
} from '../../infra/constructs/org-fanout.js';

const ENV = { partition: 'aws', region: 'us-east-1', accountId: '999999999999' };

function props(overrides: Partial<OrgFanoutProps> = {}): OrgFanoutProps {
  return {
    clusterArn: 'arn:aws:ecs:us-east-1:999999999999:cluster/rampart',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:999999999999:task-definition/rampart:7',
    containerName: 'rampart',
    subnetIds: ['subnet-0a1b2c3d'],
    securityGroupIds: ['sg-0a1b2c3d'],
    taskRoleArn: 'arn:aws:iam::999999999999:role/rampart-task',
    executionRoleArn: 'arn:aws:iam::999999999999:role/rampart-execution',
    reportBucketName: 'rampart-reports-999999999999',
    accountsSource: 'organizations',
    maxConcurrency: 40,
    toleratedFailurePercentage: 2.5,
    auditRoleName: 'RampartAudit',
    externalId: 'org-ext-id',
    regions: ['us-east-1', 'eu-west-1'],
    namePrefix: 'rampart',
    ...overrides,
  };
}

const mapOf = (p: OrgFanoutProps): DistributedMapState => fanoutDefinition(p).States.ScanAccounts as DistributedMapState;

describe('fan-out definition', () => {
  it('lists the organization with the SDK integration, page by page, then writes the accounts to S3', () => {
    // act
    const definition = fanoutDefinition(props());
    // assert
    assert.equal(definition.QueryLanguage, 'JSONata');
    assert.equal(definition.StartAt, 'StartListing');
    const list = definition.States.ListAccounts as TaskState;
    assert.equal(list.Resource, 'arn:aws:states:::aws-sdk:organizations:listAccounts');
    assert.match(String(list.Arguments), /'NextToken': \$nextToken/);
    assert.match(String(list.Assign?.accounts), /\$append\(\$accounts, \$states\.result\.Accounts\[.*'ACTIVE'.*\]\.Id\)/);
    const more = definition.States.MorePages as ChoiceState;
    assert.deepEqual(more.Choices.map((c) => c.Next), ['ListAccounts']);
    assert.equal(more.Default, 'WriteAccounts');
    const write = definition.States.WriteAccounts as TaskState;
    assert.equal(write.Resource, 'arn:aws:states:::aws-sdk:s3:putObject');
    assert.deepEqual(write.Arguments, { Bucket: 'rampart-reports-999999999999', Key: `{% "runs/" & $states.context.Execution.Name & '/accounts.json' %}`, ContentType: 'application/json', Body: '{% $string($accounts) %}' });
    assert.ok(!JSON.stringify(definition).includes('lambda'), 'no Lambda function');
  });

  it('with a configured list, writes the list and does not call Organizations', () => {
    const definition = fanoutDefinition(props({ accountsSource: ['111111111111', '222222222222'] }));
    assert.equal(definition.StartAt, 'WriteAccounts');
    assert.equal(definition.States.ListAccounts, undefined);
    assert.equal((definition.States.WriteAccounts as TaskState & { Arguments: { Body: string } }).Arguments.Body, '["111111111111","222222222222"]');
    assert.ok(!fanoutRolePolicy(props({ accountsSource: ['111111111111'] }), ENV).Statement.some((s) => s.Action.includes('organizations:ListAccounts')));
  });

  it('runs a distributed Map over the S3 item file, with the given MaxConcurrency and ToleratedFailurePercentage', () => {
    // act
    const map = mapOf(props());
    // assert
    assert.equal(map.Type, 'Map');
    assert.deepEqual(map.ItemProcessor.ProcessorConfig, { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    assert.equal(map.ItemReader.Resource, 'arn:aws:states:::s3:getObject');
    assert.deepEqual(map.ItemReader.ReaderConfig, { InputType: 'JSON' });
    assert.equal(map.ItemReader.Arguments.Bucket, 'rampart-reports-999999999999');
    assert.match(map.ItemReader.Arguments.Key, /accounts\.json/);
    assert.equal(map.MaxConcurrency, 40);
    assert.equal(map.ToleratedFailurePercentage, 2.5);
    assert.equal(map.ItemSelector.account, '{% $states.context.Map.Item.Value %}');
    // Past the tolerance the Map fails, and the report is still written.
    assert.deepEqual(map.Catch?.map((c) => [c.ErrorEquals, c.Next]), [[['States.ALL'], 'Report']]);
    assert.equal(map.Next, 'Report');
  });

  it('runs one Fargate task per account that scans that account and writes its summary', () => {
    // act
    const scan = mapOf(props()).ItemProcessor.States.ScanAccount as TaskState;
    // assert
    assert.equal(scan.Resource, 'arn:aws:states:::ecs:runTask.sync');
    const args = scan.Arguments as { LaunchType: string; TaskDefinition: string; Cluster: string; NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: string; Subnets: string[] } }; Overrides: { ContainerOverrides: Array<{ Name: string; Command: string }> } };
    assert.equal(args.LaunchType, 'FARGATE');
    assert.equal(args.TaskDefinition, props().taskDefinitionArn);
    assert.equal(args.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp, 'DISABLED');
    const override = args.Overrides.ContainerOverrides[0];
    assert.equal(override?.Name, 'rampart');
    assert.equal(
      override?.Command,
      `{% ["run", "--accounts", $states.input.account, "--role-name", "RampartAudit", "--external-id", "org-ext-id", "--regions", "us-east-1,eu-west-1", "--no-progress", "--log-format", "json", "--summary-out", "s3://rampart-reports-999999999999/" & $states.input.prefix & '/summaries/' & $states.input.account & '.json'] %}`,
    );
    assert.equal(scan.TimeoutSeconds, 7200);
    assert.ok(scan.Retry?.[0]?.ErrorEquals.includes('ECS.AmazonECSException'), 'RunTask throttling and capacity errors are retried');
    assert.ok(!scan.Retry?.some((r) => r.ErrorEquals.includes('States.TaskFailed') || r.ErrorEquals.includes('States.ALL')), 'a task that ran is not run again');
  });

  it('catches each account\'s failure into a summary, unless the task wrote its own', () => {
    // act
    const states = mapOf(props()).ItemProcessor.States;
    const scan = states.ScanAccount as TaskState;
    // assert
    assert.deepEqual(scan.Catch?.map((c) => [c.ErrorEquals, c.Next]), [[['States.Timeout'], 'EnsureSummary'], [['States.ALL'], 'EnsureSummary']]);
    assert.match(String(scan.Catch?.[0]?.Output), /'status': "TIMEOUT"/);
    assert.match(String(scan.Catch?.[1]?.Output), /'status': "ERROR".*\$states\.errorOutput\.Error/);
    assert.equal(scan.Next, 'EnsureSummary');
    const ensure = states.EnsureSummary as TaskState;
    assert.equal(ensure.Resource, 'arn:aws:states:::aws-sdk:s3:headObject');
    assert.deepEqual(ensure.Catch?.map((c) => [c.ErrorEquals, c.Next]), [[['States.ALL'], 'WriteFallbackSummary']]);
    const fallback = states.WriteFallbackSummary as TaskState & { Arguments: { Key: string; Body: string } };
    assert.equal(fallback.Resource, 'arn:aws:states:::aws-sdk:s3:putObject');
    assert.equal(fallback.Arguments.Key, ensure.Arguments && (ensure.Arguments as { Key: string }).Key);
    for (const field of ['account', 'status', 'counts', 'exitCode', 'startedAt', 'finishedAt', 'message']) assert.match(fallback.Arguments.Body, new RegExp(`'${field}':`));
    assert.match(fallback.Arguments.Body, /'writer': 'state-machine'/);
  });

  it('ends with org-report over the summaries, and takes its verdict from the report, not the exit code', () => {
    // act
    const definition = fanoutDefinition(props());
    // assert
    const report = definition.States.Report as TaskState & { Arguments: { Overrides: { ContainerOverrides: Array<{ Command: string }> } } };
    assert.equal(report.Resource, 'arn:aws:states:::ecs:runTask.sync');
    const command = report.Arguments.Overrides.ContainerOverrides[0]?.Command ?? '';
    assert.match(command, /^\{% \["org-report", "--summaries", "s3:\/\/rampart-reports-999999999999\/" & "runs\/" & \$states\.context\.Execution\.Name & "\/summaries\/", "--expected-accounts", .*"\/accounts\.json", "--tolerated-failure-percentage", "2\.5", "--out", .*"\/report\.json"\] %\}$/);
    assert.deepEqual(report.Catch?.map((c) => [c.ErrorEquals, c.Next]), [[['States.ALL'], 'ReadVerdict']]);
    const read = definition.States.ReadVerdict as TaskState & { Arguments: { Key: string } };
    assert.equal(read.Resource, 'arn:aws:states:::aws-sdk:s3:getObject');
    assert.match(read.Arguments.Key, /report\.verdict\.json/);
    const verdict = definition.States.Verdict as ChoiceState;
    assert.deepEqual(verdict.Choices, [{ Condition: `{% $states.input.verdict = 'PASS' %}`, Next: 'Passed' }]);
    assert.equal(verdict.Default, 'Failed');
    assert.equal(definition.States.Passed?.Type, 'Succeed');
    assert.equal((definition.States.Failed as FailState).Error, 'RampartOrgScanFailed');
  });

  it('every Next names a state, and the JSON holds no Terraform template sequence', () => {
    const definition = fanoutDefinition(props());
    const check = (states: Record<string, unknown>): void => {
      for (const [name, state] of Object.entries(states)) {
        const s = state as { Next?: string; Default?: string; Choices?: Array<{ Next: string }>; Catch?: Array<{ Next: string }>; ItemProcessor?: { States: Record<string, unknown>; StartAt: string } };
        for (const next of [s.Next, s.Default, ...(s.Choices ?? []).map((c) => c.Next), ...(s.Catch ?? []).map((c) => c.Next)]) if (next) assert.ok(next in states, `${name} → ${next}`);
        if (s.ItemProcessor) {
          assert.ok(s.ItemProcessor.StartAt in s.ItemProcessor.States);
          check(s.ItemProcessor.States);
        }
      }
    };
    check(definition.States);
    assert.doesNotMatch(JSON.stringify(definition), /\$\{|%\{/);
  });

  it('refuses a missing or absurd MaxConcurrency, and other bad props, naming the field', () => {
    const { maxConcurrency: _dropped, ...withoutConcurrency } = props();
    assert.throws(() => fanoutDefinition(withoutConcurrency as OrgFanoutProps), (error: unknown) => error instanceof OrgFanoutConfigError && /maxConcurrency is required: derive it from the Fargate vCPU quota/.test(error.message));
    for (const bad of [0, 10_000, 2.5, Number.NaN]) assert.throws(() => fanoutDefinition(props({ maxConcurrency: bad })), /maxConcurrency .*: expected a whole number from 1 to 1000/);
    assert.throws(() => fanoutDefinition(props({ toleratedFailurePercentage: 101 })), /toleratedFailurePercentage 101/);
    assert.throws(() => fanoutDefinition(props({ regions: [] })), /regions: give at least one region/);
    assert.throws(() => fanoutDefinition(props({ accountsSource: ['12345'] })), /accountsSource: 12345 is not a 12-digit account id/);
  });

  it('parses with the Step Functions grammar moto ships (LocalStack\'s), when moto is installed here', (t) => {
    // Never installs moto for this: the interpreter of a moto_server script, else python3 (a pyenv shim is a shell script).
    const server = process.env.RAMPART_MOTO_SERVER ?? spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' }).stdout.trim();
    const shebang = server ? /^#!(\S*python\S*)/.exec(readFileSync(server, 'utf8'))?.[1] : undefined;
    const python = shebang ?? 'python3';
    const script = 'import sys\nfrom moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser\nfor d in sys.stdin.read().split("\\n"):\n    AmazonStateLanguageParser.parse(d)\nprint("parsed")';
    const definitions = [fanoutDefinition(props()), fanoutDefinition(props({ accountsSource: ['111111111111'], externalId: undefined }))].map((d) => JSON.stringify(d)).join('\n');
    const run = spawnSync(python, ['-c', script], { input: definitions, encoding: 'utf8' });
    if (run.error || /ModuleNotFoundError/.test(run.stderr)) return t.skip('no moto with a Step Functions parser here');
    assert.equal(run.status, 0, run.stderr.slice(-2000));
    assert.match(run.stdout, /parsed/);
  });
});

describe('fan-out role', () => {
  it('allows exactly the actions the state machine uses, each scoped', () => {
    // act
    const policy = fanoutRolePolicy(props(), ENV);
    // assert
    const actions = policy.Statement.flatMap((s) => s.Action).sort();
    assert.deepEqual(actions, [
      'ecs:DescribeTasks', 'ecs:RunTask', 'ecs:StopTask',
      'events:DescribeRule', 'events:PutRule', 'events:PutTargets',
      'iam:PassRole',
      'logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'logs:DescribeLogGroups', 'logs:DescribeResourcePolicies', 'logs:GetLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery',
      'organizations:ListAccounts',
      's3:GetObject', 's3:PutObject',
      'states:DescribeExecution', 'states:StartExecution', 'states:StopExecution',
    ]);
    assert.ok(!actions.some((a) => a.includes('*')));
    const by = (action: string) => policy.Statement.find((s) => s.Action.includes(action));
    assert.equal(by('ecs:RunTask')?.Resource, props().taskDefinitionArn);
    assert.deepEqual(by('ecs:RunTask')?.Condition, { ArnEquals: { 'ecs:cluster': props().clusterArn } });
    assert.deepEqual(by('ecs:StopTask')?.Condition, { ArnEquals: { 'ecs:cluster': props().clusterArn } });
    assert.deepEqual(by('iam:PassRole')?.Resource, [props().taskRoleArn, props().executionRoleArn]);
    assert.deepEqual(by('iam:PassRole')?.Condition, { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } });
    assert.equal(by('events:PutRule')?.Resource, 'arn:aws:events:us-east-1:999999999999:rule/StepFunctionsGetEventsForECSTaskRule');
    assert.equal(by('s3:PutObject')?.Resource, 'arn:aws:s3:::rampart-reports-999999999999/runs/*');
    assert.equal(by('states:StartExecution')?.Resource, 'arn:aws:states:us-east-1:999999999999:stateMachine:rampart-org-fanout');
    assert.equal(by('states:StopExecution')?.Resource, 'arn:aws:states:us-east-1:999999999999:execution:rampart-org-fanout/*');
    // Only what takes no resource ARN is on "*".
    const unscoped = policy.Statement.filter((s) => s.Resource === '*' && !s.Condition).flatMap((s) => s.Action);
    assert.ok(unscoped.every((a) => a.startsWith('logs:') || a === 'organizations:ListAccounts'), unscoped.join(', '));
  });

  it('tells the task role what the fan-out needs of it', () => {
    const statements = fanoutTaskRoleStatements('rampart-reports-999999999999');
    assert.deepEqual(statements.flatMap((s) => s.Action).sort(), ['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    assert.deepEqual(statements.find((s) => s.Action.includes('s3:ListBucket'))?.Condition, { StringLike: { 's3:prefix': 'runs/*' } });
  });
});

describe('OrgFanout construct', () => {
  function synth(p: OrgFanoutProps): { json: string; resources: Record<string, Record<string, Record<string, unknown>>> } {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new OrgFanout(stack, 'fanout', p);
    const json = Testing.synth(stack);
    return { json, resources: (JSON.parse(json) as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource };
  }
  const one = (group: Record<string, Record<string, unknown>> | undefined): Record<string, unknown> => Object.values(group ?? {})[0] ?? {};

  it('synthesizes the state machine, its role and policy, and its log group', () => {
    // act
    const { json, resources } = synth(props());
    // assert
    assert.ok(Testing.toHaveResourceWithProperties(json, SfnStateMachine.tfResourceType, { name: 'rampart-org-fanout', type: 'STANDARD' }));
    const machine = one(resources.aws_sfn_state_machine);
    assert.deepEqual(JSON.parse(String(machine.definition)), fanoutDefinition(props()));
    assert.match(String(machine.role_arn), /^\$\{aws_iam_role\.\S+\.arn\}$/);
    const logging = machine.logging_configuration as { include_execution_data: boolean; level: string; log_destination: string };
    assert.deepEqual([logging.include_execution_data, logging.level], [false, 'ERROR']);
    assert.match(logging.log_destination, /^\$\{aws_cloudwatch_log_group\.\S+\.arn\}:\*$/);
    assert.equal(one(resources.aws_cloudwatch_log_group).name, '/aws/vendedlogs/states/rampart-org-fanout');
    assert.equal(one(resources.aws_cloudwatch_log_group).retention_in_days, 90);
    const trust = JSON.parse(String(one(resources.aws_iam_role).assume_role_policy)) as { Statement: Array<{ Principal: { Service: string }; Condition: { StringEquals: Record<string, string> } }> };
    assert.equal(trust.Statement[0]?.Principal.Service, 'states.amazonaws.com');
    assert.match(trust.Statement[0]?.Condition.StringEquals['aws:SourceAccount'] ?? '', /data\.aws_caller_identity/);
    const policy = JSON.parse(String(one(resources.aws_iam_role_policy).policy)) as { Statement: Array<{ Action: string[] }> };
    assert.ok(policy.Statement.some((s) => s.Action.includes('states:StartExecution')));
    assert.ok(Array.isArray(machine.depends_on) && (machine.depends_on as string[]).some((d) => d.startsWith('aws_iam_role_policy.')), 'the policy exists before the state machine is created');
  });

  it('refuses to synthesize without a MaxConcurrency', () => {
    const { maxConcurrency: _dropped, ...rest } = props();
    assert.throws(() => synth(rest as OrgFanoutProps), /maxConcurrency is required/);
  });
});
