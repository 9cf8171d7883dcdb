/**
 * `rampart run --summary-out`: one summary per account run, written when the
 * scan succeeds and when it cannot even start (a role that cannot be assumed).
 * moto lets any role be assumed, so the refusal real AWS gives for a missing
 * role is injected on the SDK's internal STS client with aws-sdk-client-mock;
 * every other call goes to moto.
 */
import { afterEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AssumeRoleCommand as InternalAssumeRole, STSClient as InternalStsClient } from '@aws-sdk/nested-clients/sts';
import { mockClient } from 'aws-sdk-client-mock';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { parseRunSummary } from '../../src/pipeline/summary.js';

const MEMBER = '111111111111';
const ROLE = 'RampartAudit';

function runArgs(endpoint: string, summaryOut: string): string[] {
  return ['run', '--endpoint-url', endpoint, '--regions', 'us-east-1', '--accounts', MEMBER, '--role-name', ROLE, '--services', 'ec2', '--create-table', '--no-progress', '--out-dir', tempDir(), '--summary-out', summaryOut];
}

describe('run --summary-out', () => {
  const aws = useEmulator();
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  it('writes an OK summary to S3 after a successful scan of the account', async () => {
    // prepare
    const base = aws.clients();
    await base.get(S3Client).send(new CreateBucketCommand({ Bucket: 'rampart-reports' }));
    const { Credentials } = await base.get(STSClient).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/${ROLE}`, RoleSessionName: 'seed' }));
    const member = createAwsClients(MEMBER, 'us-east-1', { accessKeyId: Credentials?.AccessKeyId as string, secretAccessKey: Credentials?.SecretAccessKey as string, sessionToken: Credentials?.SessionToken as string }, { endpointUrl: aws.endpoint });
    await member.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    member.destroy();
    const key = `runs/exec-1/summaries/${MEMBER}.json`;
    // act
    const run = await runCli(runArgs(aws.endpoint, `s3://rampart-reports/${key}`));
    // assert
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, new RegExp(`summary: OK for ${MEMBER} written to s3://rampart-reports/${key}`));
    const object = await base.get(S3Client).send(new GetObjectCommand({ Bucket: 'rampart-reports', Key: key }));
    const summary = parseRunSummary((await object.Body?.transformToString()) ?? '');
    assert.equal(summary.account, MEMBER);
    assert.equal(summary.status, 'OK');
    assert.equal(summary.exitCode, 0);
    assert.equal(summary.writer, 'task');
    assert.ok(summary.counts.findings > 0, JSON.stringify(summary.counts));
    assert.ok(Date.parse(summary.finishedAt) >= Date.parse(summary.startedAt));
  });

  it('writes a ROLE_MISSING summary when the role cannot be assumed, and the run still fails', async () => {
    // prepare
    const sts = mockClient(InternalStsClient);
    restore = () => sts.restore();
    sts.on(InternalAssumeRole).rejects(Object.assign(new Error(`User: arn:aws:sts::123456789012:assumed-role/rampart-task/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${MEMBER}:role/${ROLE}`), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    const out = join(tempDir(), 'summaries', `${MEMBER}.json`);
    // act
    const run = await runCli(runArgs(aws.endpoint, out));
    // assert
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /cannot assume arn:aws:iam::111111111111:role\/RampartAudit/);
    const summary = parseRunSummary(readFileSync(out, 'utf8'));
    assert.equal(summary.account, MEMBER);
    assert.equal(summary.status, 'ROLE_MISSING');
    assert.equal(summary.exitCode, 2);
    assert.match(summary.message, /cannot assume arn:aws:iam::111111111111:role\/RampartAudit .*not authorized to perform: sts:AssumeRole/);
    assert.deepEqual(summary.counts, { findings: 0, failed: 0, errors: 0 });
  });

  it('refuses a summary for several accounts, before scanning', async () => {
    const run = await runCli(['run', '--accounts', `${MEMBER},222222222222`, '--role-name', ROLE, '--summary-out', join(tempDir(), 's.json')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--summary-out describes one account's run/);
  });
});
