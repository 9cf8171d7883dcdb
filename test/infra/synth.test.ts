/**
 * The security properties of the synthesized stacks, read from the Terraform JSON that
 * `npm run synth` writes: what a reviewer of cdk.tf.json would check by hand.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { App } from 'cdktf';
import type { Construct } from 'constructs';
import { ACTION_TARGET_ID, ACTION_TARGET_NAME, CUSTOM_ACTION_DETAIL_TYPE } from '../../src/remediate/event.js';
import { tableDefinition } from '../../src/state/store.js';
import { SynthError } from '../../infra/config.js';
import { CustomAction, checkActionTarget } from '../../infra/constructs/custom-action.js';
import { RampartStack } from '../../infra/stack-base.js';
import { fanoutProps } from '../../infra/fanout-wiring.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { parseInfraConfig, type InfraConfigInput } from '../../infra/config.js';
import { actionsOf, exampleInput, parsePolicy, synthesize, type Synthesized } from './synthesize.js';

const HOME = 'home';
const MEMBER = 'member-222222222222';
const TASK_ROLE_ARN = 'arn:aws:iam::111111111111:role/rampart-task';

let example: Synthesized;
beforeAll(() => {
  example = synthesize();
});
afterAll(() => example.cleanup());

const byName = (resources: Array<Record<string, unknown>>, name: string): Record<string, unknown> => {
  const found = resources.find((r) => r.name === name);
  assert.ok(found, `a resource named ${name}`);
  return found;
};

describe('every stack', () => {
  it('pins the hashicorp/aws provider exactly, to the stack\'s account, with a relative local state path', () => {
    // assert
    assert.deepEqual(Object.keys(example.stacks).sort(), [HOME, MEMBER]);
    for (const [name, stack] of Object.entries(example.stacks)) {
      assert.deepEqual(stack.terraform.required_providers, { aws: { source: 'hashicorp/aws', version: '5.100.0' } }, name);
      assert.deepEqual(stack.terraform.backend, { local: { path: 'terraform.tfstate' } }, name);
      assert.equal(stack.provider.aws.length, 1);
    }
    assert.deepEqual(example.stacks[HOME]?.provider.aws[0]?.allowed_account_ids, ['111111111111']);
    assert.deepEqual(example.stacks[MEMBER]?.provider.aws[0]?.allowed_account_ids, ['222222222222']);
  });

  it('stores no secret value: the secrets exist, no secret version does', () => {
    // assert
    for (const stack of Object.values(example.stacks)) assert.equal(stack.resource.aws_secretsmanager_secret_version, undefined);
    assert.deepEqual(example.resources(HOME, 'aws_secretsmanager_secret').map((s) => s.name).sort(), ['rampart/jira-api-token', 'rampart/slack-token']);
  });
});

describe('home stack: data', () => {
  it('creates the record table from tableDefinition(): keys, attributes, indexes, on-demand', () => {
    // prepare
    const table = example.only(HOME, 'aws_dynamodb_table');
    const attributes = table.attribute as Array<{ name: string; type: string }>;
    const indexes = table.global_secondary_index as Array<{ name: string; hash_key: string; range_key: string; projection_type: string }>;

    // act: the synthesized table, read back into the shape CreateTable takes
    const definition = {
      TableName: table.name,
      BillingMode: table.billing_mode,
      KeySchema: [{ AttributeName: table.hash_key, KeyType: 'HASH' }, { AttributeName: table.range_key, KeyType: 'RANGE' }],
      AttributeDefinitions: attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
      GlobalSecondaryIndexes: indexes.map((i) => ({ IndexName: i.name, KeySchema: [{ AttributeName: i.hash_key, KeyType: 'HASH' }, { AttributeName: i.range_key, KeyType: 'RANGE' }], Projection: { ProjectionType: i.projection_type } })),
    };

    // assert
    assert.deepEqual(definition, tableDefinition('rampart-findings'));
  });

  it('protects the table: point-in-time recovery, KMS encryption, deletion protection', () => {
    // assert
    const table = example.only(HOME, 'aws_dynamodb_table');
    assert.deepEqual(table.point_in_time_recovery, { enabled: true });
    assert.deepEqual(table.server_side_encryption, { enabled: true });
    assert.equal(table.deletion_protection_enabled, true);
  });

  it('keeps both buckets (backups, fan-out runs) private, encrypted, versioned, TLS only, with expiring objects', () => {
    // prepare
    const names = example.resources(HOME, 'aws_s3_bucket').map((b) => String(b.bucket)).sort();
    const part = (type: string): Array<Record<string, unknown>> => example.resources(HOME, type);

    // assert
    assert.deepEqual(names, ['rampart-backups-111111111111-us-east-1', 'rampart-runs-111111111111-us-east-1']);
    for (const type of ['aws_s3_bucket_public_access_block', 'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning', 'aws_s3_bucket_policy', 'aws_s3_bucket_lifecycle_configuration']) {
      assert.equal(part(type).length, names.length, `one ${type} per bucket`);
    }
    for (const block of part('aws_s3_bucket_public_access_block')) {
      for (const setting of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) assert.equal(block[setting], true, setting);
    }
    for (const ownership of part('aws_s3_bucket_ownership_controls')) assert.deepEqual(ownership.rule, { object_ownership: 'BucketOwnerEnforced' });
    for (const encryption of part('aws_s3_bucket_server_side_encryption_configuration')) {
      assert.equal((encryption.rule as Array<{ apply_server_side_encryption_by_default: { sse_algorithm: string } }>)[0]?.apply_server_side_encryption_by_default.sse_algorithm, 'AES256');
    }
    for (const versioning of part('aws_s3_bucket_versioning')) assert.deepEqual(versioning.versioning_configuration, { status: 'Enabled' });
    const policies = part('aws_s3_bucket_policy').map((p) => parsePolicy(p.policy).Statement);
    assert.deepEqual(policies.map((statements) => statements.length), [1, 1]);
    for (const name of names) {
      assert.ok(policies.some(([tls]) => JSON.stringify(tls) === JSON.stringify({
        Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
        Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      })), `the TLS-only policy of ${name}`);
    }
    const backupRules = part('aws_s3_bucket_lifecycle_configuration').find((l) => String(l.bucket).startsWith('${aws_s3_bucket.backups_'))?.rule as Array<Record<string, unknown>>;
    assert.deepEqual(backupRules.find((r) => r.id === 'expire-objects')?.expiration, [{ days: 365 }]);
    assert.ok(backupRules.some((r) => r.abort_incomplete_multipart_upload !== undefined));
  });
});

describe('home stack: remediation flow', () => {
  it('gives the queue a dead-letter queue, with the configured redrive, both encrypted', () => {
    // prepare
    const queues = example.resources(HOME, 'aws_sqs_queue');
    const queue = byName(queues, 'rampart-remediation');
    const deadLetter = byName(queues, 'rampart-remediation-dlq');

    // assert
    assert.deepEqual(JSON.parse(String(queue.redrive_policy)), { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:111111111111:rampart-remediation-dlq', maxReceiveCount: 5 });
    assert.deepEqual(JSON.parse(String(deadLetter.redrive_allow_policy)), { redrivePermission: 'byQueue', sourceQueueArns: ['arn:aws:sqs:us-east-1:111111111111:rampart-remediation'] });
    assert.equal(queue.sqs_managed_sse_enabled, true);
    assert.equal(deadLetter.sqs_managed_sse_enabled, true);
    assert.ok(Number(deadLetter.message_retention_seconds) > Number(queue.message_retention_seconds), 'a dead letter outlives the message it was');
  });

  it('lets only the custom-action rule send to the queue, over TLS', () => {
    // prepare
    const rule = example.only(HOME, 'aws_cloudwatch_event_rule');
    const policies = example.resources(HOME, 'aws_sqs_queue').map((q) => parsePolicy(q.policy));
    const queuePolicy = policies.find((p) => p.Statement.some((s) => s.Effect === 'Allow'));
    assert.ok(queuePolicy);

    // assert
    const allows = queuePolicy.Statement.filter((s) => s.Effect === 'Allow');
    assert.deepEqual(allows, [{
      Sid: 'OnlyTheCustomActionRule', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage',
      Resource: 'arn:aws:sqs:us-east-1:111111111111:rampart-remediation',
      Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:events:us-east-1:111111111111:rule/${String(rule.name)}` } },
    }]);
    for (const policy of policies) assert.ok(policy.Statement.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'));
  });

  it('creates the RampartRemediate action target and routes its events to the queue', () => {
    // prepare
    const target = example.only(HOME, 'aws_securityhub_action_target');
    const rule = example.only(HOME, 'aws_cloudwatch_event_rule');
    const eventTarget = example.only(HOME, 'aws_cloudwatch_event_target');

    // assert
    assert.equal(target.identifier, ACTION_TARGET_ID);
    assert.equal(target.name, ACTION_TARGET_NAME);
    assert.ok(String(target.identifier).length <= 20 && String(target.name).length <= 20);
    assert.deepEqual(JSON.parse(String(rule.event_pattern)), {
      source: ['aws.securityhub'], 'detail-type': [CUSTOM_ACTION_DETAIL_TYPE], resources: [`arn:aws:securityhub:us-east-1:111111111111:action/custom/${ACTION_TARGET_ID}`],
    });
    assert.match(String(eventTarget.arn), /^\$\{aws_sqs_queue\.remediation-queue_[0-9A-F]+\.arn\}$/);
  });

  it('refuses, at synth, an action target id or name over 20 characters', () => {
    // prepare
    const stack = new RampartStack(new App({ outdir: example.outdir }), 'limits', parseInfraConfig(exampleInput(), 'test'), { accountId: '111111111111', region: 'us-east-1' });
    const props = { ruleName: 'r', actionTargetArn: 'arn', queueArn: 'arn' };

    // act and assert
    assert.doesNotThrow(() => checkActionTarget(ACTION_TARGET_ID, ACTION_TARGET_NAME));
    assert.throws(() => checkActionTarget('RampartRemediateNow1', 'x'.repeat(21)), (error: Error) => error instanceof SynthError && /name "x{21}" is 21 characters: it must be 1-20/.test(error.message));
    assert.throws(() => new CustomAction(stack, 'long-id', { ...props, id: 'RampartRemediateNow12' }), /custom action id "RampartRemediateNow12" is 21 characters: it must be 1-20 letters and digits/);
    assert.throws(() => new CustomAction(stack, 'bad-id', { ...props, id: 'Rampart-Remediate' }), /letters and digits/);
  });

  it('runs the worker only on demand: a service at 0 tasks, scaled from 0 on queue depth', () => {
    // prepare
    const service = example.only(HOME, 'aws_ecs_service');
    const scaling = example.only(HOME, 'aws_appautoscaling_target');
    const alarms = example.resources(HOME, 'aws_cloudwatch_metric_alarm');
    const policies = example.resources(HOME, 'aws_appautoscaling_policy');

    // assert
    assert.equal(service.desired_count, 0);
    assert.deepEqual((service.lifecycle as { ignore_changes: string[] }).ignore_changes, ['desired_count']);
    assert.equal(scaling.min_capacity, 0);
    assert.equal(scaling.max_capacity, 1);
    assert.equal(scaling.resource_id, 'service/rampart/rampart-worker');
    const hasMessages = alarms.find((a) => a.metric_name === 'ApproximateNumberOfMessagesVisible');
    assert.equal(hasMessages?.comparison_operator, 'GreaterThanOrEqualToThreshold');
    assert.deepEqual(hasMessages?.dimensions, { QueueName: 'rampart-remediation' });
    const empty = alarms.find((a) => a.metric_query !== undefined);
    assert.equal(empty?.comparison_operator, 'LessThanOrEqualToThreshold');
    assert.equal(empty?.threshold, 0);
    const scaleIn = policies.find((p) => (p.step_scaling_policy_configuration as { adjustment_type: string }).adjustment_type === 'ExactCapacity');
    assert.deepEqual((scaleIn?.step_scaling_policy_configuration as { step_adjustment: unknown[] }).step_adjustment, [{ metric_interval_upper_bound: '0', scaling_adjustment: 0 }]);
  });
});

describe('home stack: the scheduled job', () => {
  it('schedules rampart run every 12 hours by default, on Fargate, without a public address', () => {
    // prepare
    const input = exampleInput();
    delete input.schedule;
    const synthesized = synthesize(input);

    // act
    const schedule = synthesized.only(HOME, 'aws_scheduler_schedule');
    synthesized.cleanup();

    // assert
    assert.equal(schedule.schedule_expression, 'rate(12 hours)');
    assert.equal(schedule.state, 'ENABLED');
    const ecs = (schedule.target as { ecs_parameters: { launch_type: string; task_definition_arn: string; network_configuration: { assign_public_ip: boolean } } }).ecs_parameters;
    assert.equal(ecs.launch_type, 'FARGATE');
    assert.equal(ecs.network_configuration.assign_public_ip, false);
    assert.match(ecs.task_definition_arn, /aws_ecs_task_definition\.run-task\.arn_without_revision/);
  });

  it('keeps the logs for the configured retention, and the tasks write there', () => {
    // assert
    const group = example.only(HOME, 'aws_cloudwatch_log_group');
    assert.equal(group.retention_in_days, 365);
    for (const task of example.resources(HOME, 'aws_ecs_task_definition')) {
      const [container] = JSON.parse(String(task.container_definitions)) as Array<{ logConfiguration: { logDriver: string; options: Record<string, string> }; privileged: boolean }>;
      assert.equal(container?.logConfiguration.logDriver, 'awslogs');
      assert.equal(container?.logConfiguration.options['awslogs-group'], group.name);
      assert.equal(container?.privileged, false);
    }
  });

  it('keeps the image repository immutable and scanned on push', () => {
    // assert
    const repository = example.only(HOME, 'aws_ecr_repository');
    assert.equal(repository.image_tag_mutability, 'IMMUTABLE');
    assert.deepEqual(repository.image_scanning_configuration, { scan_on_push: true });
  });

  it('lets nothing in: the task security group has no inbound rule and allows HTTPS out only', () => {
    // assert
    const group = example.only(HOME, 'aws_security_group');
    assert.equal(group.ingress, undefined);
    assert.equal(example.resources(HOME, 'aws_vpc_security_group_ingress_rule').length, 0);
    const egress = example.resources(HOME, 'aws_vpc_security_group_egress_rule');
    assert.deepEqual(egress.map((r) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4]), [['tcp', 443, 443, '0.0.0.0/0']]);
    assert.deepEqual(example.only(HOME, 'aws_default_security_group').ingress, undefined);
    for (const subnet of example.resources(HOME, 'aws_subnet')) assert.equal(subnet.map_public_ip_on_launch, false);
  });

  it('uses given subnets as they are, and creates no VPC', () => {
    // prepare
    const input: InfraConfigInput = { ...exampleInput(), network: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0123456789abcdef0'] } };

    // act
    const synthesized = synthesize(input);
    const service = synthesized.only(HOME, 'aws_ecs_service');
    const vpcs = synthesized.resources(HOME, 'aws_vpc');
    const groups = synthesized.resources(HOME, 'aws_security_group');
    synthesized.cleanup();

    // assert
    assert.deepEqual(vpcs, []);
    assert.deepEqual(groups, []);
    assert.deepEqual(service.network_configuration, { assign_public_ip: false, security_groups: ['sg-0123456789abcdef0'], subnets: ['subnet-0123456789abcdef0'] });
  });

  it('without remediation: no queue, worker, bucket or custom action, and no remediation role', () => {
    // prepare
    const input: InfraConfigInput = { ...exampleInput(), members: [{ accountId: '222222222222' }], remediation: { enabled: false }, orgFanout: { enabled: false, accountsSource: 'organizations' } };

    // act
    const synthesized = synthesize(input);
    synthesized.cleanup();

    // assert
    for (const type of ['aws_sqs_queue', 'aws_ecs_service', 'aws_s3_bucket', 'aws_securityhub_action_target', 'aws_cloudwatch_event_rule']) assert.deepEqual(synthesized.resources(HOME, type), [], type);
    assert.deepEqual(synthesized.resources(MEMBER, 'aws_iam_role').map((r) => r.name), ['RampartAudit']);
    const runner = parsePolicy(synthesized.resources(HOME, 'aws_iam_role_policy').find((p) => p.name === 'rampart-runner')?.policy);
    assert.deepEqual(runner.Statement.map((s) => s.Sid), ['RampartRecordTable', 'RampartReportingSecrets', 'RampartAssumeAuditRoles', 'RampartPlan']);
  });

  it('escapes terraform template sequences in the scan config it passes the task', () => {
    // prepare
    const input: InfraConfigInput = { ...exampleInput(), rampart: { reporting: { jira: { project: 'SEC', labels: ['cost-${team}', 'x%{y}'] } } } };

    // act
    const synthesized = synthesize(input);
    const task = synthesized.resources(HOME, 'aws_ecs_task_definition')[0];
    synthesized.cleanup();

    // assert: terraform reads $${ as a literal ${ (and %%{ as %{)
    assert.match(String(task?.container_definitions), /cost-\$\$\{team\}/);
    assert.match(String(task?.container_definitions), /x%%\{y\}/);
  });
});

describe('member stack', () => {
  it('creates the audit and remediation roles, trusted only by the home task role with the external id', () => {
    // prepare
    const roles = example.resources(MEMBER, 'aws_iam_role');

    // assert
    assert.deepEqual(roles.map((r) => r.name).sort(), ['RampartAudit', 'RampartRemediation']);
    for (const role of roles) {
      assert.deepEqual(parsePolicy(role.assume_role_policy).Statement, [{
        Sid: 'TrustRampartTaskRole', Effect: 'Allow', Principal: { AWS: TASK_ROLE_ARN }, Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': 'rampart-example-5f0c7a2e-3d41-4b8e-9a6f-1c2d3e4f5a6b' } },
      }]);
    }
  });

  it('trusts the role the home stack creates, and the home task role is assumable by ECS tasks of this account only', () => {
    // prepare
    const taskRole = byName(example.resources(HOME, 'aws_iam_role'), 'rampart-task');

    // assert
    assert.equal(`arn:aws:iam::111111111111:role/${String(taskRole.name)}`, TASK_ROLE_ARN);
    const [trust] = parsePolicy(taskRole.assume_role_policy).Statement;
    assert.deepEqual(trust?.Principal, { Service: 'ecs-tasks.amazonaws.com' });
    assert.deepEqual(trust?.Condition?.StringEquals, { 'aws:SourceAccount': '111111111111' });
    assert.deepEqual(actionsOf(trust as never), ['sts:AssumeRole']);
  });
});

describe('org fan-out', () => {
  it('hands the fan-out the run task, the network, the roles, its runs bucket and the settings, as the OrgFanout props', () => {
    // prepare
    const inputs = example.built.home.fanoutInputs;
    assert.ok(inputs, 'orgFanout.enabled gives the fan-out its inputs');

    // act
    const props = fanoutProps(inputs);

    // assert
    assert.deepEqual({ ...props, clusterArn: undefined, taskDefinitionArn: undefined, subnetIds: undefined, securityGroupIds: undefined, taskRoleArn: undefined, executionRoleArn: undefined }, {
      clusterArn: undefined, taskDefinitionArn: undefined, subnetIds: undefined, securityGroupIds: undefined, taskRoleArn: undefined, executionRoleArn: undefined,
      containerName: 'rampart', reportBucketName: 'rampart-runs-111111111111-us-east-1', accountsSource: 'organizations', maxConcurrency: 50, toleratedFailurePercentage: 10,
      auditRoleName: 'RampartAudit', externalId: 'rampart-example-5f0c7a2e-3d41-4b8e-9a6f-1c2d3e4f5a6b', regions: ['us-east-1', 'eu-west-1'], namePrefix: 'rampart',
      runArgs: ['--config', '/tmp/rampart.json'], logRetentionDays: 365,
    });
    assert.equal(props.taskDefinitionArn, inputs.taskDefinitionArn);
    assert.equal(props.subnetIds.length, 2);
  });

  it('calls each home extension once with those inputs; none without orgFanout.enabled', () => {
    // prepare
    const seen: string[] = [];
    const extension = (stack: Construct, inputs: { reportBucketName: string }): void => {
      seen.push(inputs.reportBucketName);
      new S3Bucket(stack, 'extension-bucket', { bucket: 'added-by-extension' });
    };

    // act
    const enabled = synthesize(exampleInput(), undefined, [extension]);
    const disabled = synthesize({ ...exampleInput(), orgFanout: { enabled: false, accountsSource: 'organizations' } }, undefined, [extension]);
    enabled.cleanup();
    disabled.cleanup();

    // assert
    assert.deepEqual(seen, ['rampart-runs-111111111111-us-east-1']);
    assert.ok(enabled.resources(HOME, 'aws_s3_bucket').some((b) => b.bucket === 'added-by-extension'));
    assert.equal(disabled.resources(HOME, 'aws_s3_bucket').some((b) => String(b.bucket).includes('-runs-')), false);
  });
});
