/**
 * `terraform apply` of what the moto emulator can create (infra/stacks/emulator.ts: the record
 * table, the backup bucket, the queues and the roles, from the same functions as the real
 * stacks), then a rampart scan with the task's own scan config that records into the table
 * terraform made and judges the bucket terraform made. Skipped, saying why, without
 * terraform or the provider mirror.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetBucketVersioningCommand, GetPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { emulatorEnv } from '../../src/emulator/moto.js';
import { FINDING_SK } from '../../src/state/record.js';
import { decodeRecord } from '../../src/state/store.js';
import { parseInfraConfig } from '../../infra/config.js';
import { PLUGIN_MIRROR, terraformEnv } from '../../infra/deploy.js';
import { deploymentOf, taskConfig } from '../../infra/deployment.js';
import { EMULATOR_STACK, EmulatorStack } from '../../infra/stacks/emulator.js';
import { useEmulator, DEFAULT_ACCOUNT, REGION } from '../helpers/emulator.js';
import { exampleInput } from './synthesize.js';

function whyNot(): string | undefined {
  if (spawnSync('terraform', ['version']).error) return 'terraform is not on the PATH: install terraform >= 1.5 to apply against the emulator';
  if (!existsSync(join(PLUGIN_MIRROR, 'registry.terraform.io/hashicorp/aws/5.100.0'))) return `no hashicorp/aws 5.100.0 in the ${PLUGIN_MIRROR} mirror: terraform init would need the network`;
  return undefined;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output, stdout }));
  });
}

const skip = whyNot();
const scratch = mkdtempSync(join(tmpdir(), 'rampart-apply-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(skip !== undefined)(`terraform apply against the emulator, then a scan${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const emulator = useEmulator({ resetEach: false });
  const deployment = deploymentOf(parseInfraConfig({
    ...exampleInput(),
    home: { accountId: DEFAULT_ACCOUNT, region: REGION },
    members: [{ accountId: DEFAULT_ACCOUNT, remediation: true }],
    regions: [REGION],
    rampart: {},
  }, 'emulator deployment'));
  const stackDir = join(scratch, 'stacks', EMULATOR_STACK);
  let applied: { code: number | null; output: string };
  let applySeconds = 0;

  beforeAll(async () => {
    const app = new App({ outdir: scratch });
    new EmulatorStack(app, deployment, emulator.endpoint);
    app.synth();
    const env = { ...terraformEnv(scratch), TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
    const started = performance.now();
    const init = await run('terraform', ['init', '-input=false', '-no-color'], stackDir, env);
    assert.equal(init.code, 0, init.output);
    applied = await run('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], stackDir, env);
    applySeconds = (performance.now() - started) / 1000;
  });

  it('creates the table, the bucket, the queues and the roles as the synth tests describe them', async (t) => {
    // prepare
    void t.annotate(`terraform init + apply against moto: ${applySeconds.toFixed(1)} s`);
    assert.equal(applied.code, 0, applied.output);
    const clients = emulator.clients();
    const { names } = deployment;

    // act
    const table = await clients.get(DynamoDBClient).send(new DescribeTableCommand({ TableName: names.table }));
    const backups = await clients.get(DynamoDBClient).send(new DescribeContinuousBackupsCommand({ TableName: names.table }));
    const publicAccess = await clients.get(S3Client).send(new GetPublicAccessBlockCommand({ Bucket: names.bucket }));
    const versioning = await clients.get(S3Client).send(new GetBucketVersioningCommand({ Bucket: names.bucket }));
    const { QueueUrl } = await clients.get(SQSClient).send(new GetQueueUrlCommand({ QueueName: names.queue }));
    const queue = await clients.get(SQSClient).send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    const audit = await clients.get(IAMClient).send(new GetRoleCommand({ RoleName: deployment.config.roles.audit }));

    // assert
    assert.equal(table.Table?.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
    assert.deepEqual(table.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort(), ['account-scope', 'account-state', 'check-state', 'state-last-seen']);
    assert.equal(backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus, 'ENABLED');
    assert.deepEqual(publicAccess.PublicAccessBlockConfiguration, { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    assert.equal(versioning.Status, 'Enabled');
    assert.deepEqual(JSON.parse(String(queue.Attributes?.RedrivePolicy)), { deadLetterTargetArn: deployment.arns.deadLetterQueue, maxReceiveCount: 5 });
    const trust = JSON.parse(decodeURIComponent(String(audit.Role?.AssumeRolePolicyDocument))) as { Statement: Array<{ Principal: unknown; Condition: unknown }> };
    assert.deepEqual(trust.Statement[0]?.Principal, { AWS: deployment.arns.taskRole });
  });

  it('a scan with the task\'s scan config records into that table and passes the bucket', async () => {
    // prepare
    assert.equal(applied.code, 0, applied.output);
    const configFile = join(scratch, 'rampart.json');
    writeFileSync(configFile, JSON.stringify(taskConfig(deployment)));

    // act: no --create-table: the table is the one terraform created
    const scan = await run(process.execPath, ['dist/src/cli/bin.js', 'scan', '--config', configFile, '--services', 's3', '--no-securityhub', '--no-progress', '--no-output'], process.cwd(), {
      ...process.env, ...emulatorEnv(emulator.endpoint), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    const items = await DynamoDBDocumentClient.from(emulator.clients().get(DynamoDBClient)).send(new ScanCommand({ TableName: deployment.names.table }));

    // assert
    assert.ok(scan.code === 0 || scan.code === 5, scan.output);
    const records = (items.Items ?? []).filter((item) => item.sk === FINDING_SK).map((item) => decodeRecord(item as Parameters<typeof decodeRecord>[0]));
    const bucketResults = new Map(records.filter((r) => r.resource.id.includes(deployment.names.bucket)).map((r) => [r.checkId, r.status]));
    for (const check of ['s3-bucket-block-public-access-enabled', 's3-bucket-versioning-enabled', 's3-bucket-policy-denies-insecure-transport', 's3-bucket-policy-not-public']) {
      assert.equal(bucketResults.get(check), 'PASSED', `${check} on the backup bucket: ${JSON.stringify([...bucketResults])}\n${scan.output}`);
    }
  });
});
