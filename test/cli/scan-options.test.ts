/** Options that shape a scan: AWS_ENDPOINT_URL, --regions all, --services, --no-record, and --verbose. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { useEmulator } from '../helpers/emulator.js';
import { hubFindings, runCli, tempDir } from '../helpers/cli.js';

describe('scan options', () => {
  const aws = useEmulator();

  it('honours AWS_ENDPOINT_URL when --endpoint-url is not given', async () => {
    const clients = aws.clients();
    await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    const run = await runCli(['scan', '--regions', 'us-east-1', '--create-table', '--no-progress', '--no-output', '--services', 's3'], { ...process.env, AWS_ENDPOINT_URL: aws.endpoint });
    assert.equal(run.code, 0, run.stderr);
    const findings = await hubFindings(clients);
    assert.ok(findings.length > 0 && findings.every((f) => f.GeneratorId?.startsWith('s3-')), '--services s3 ran only S3 checks');
  });

  it('--verbose adds a line per inventory: its time, requests, retries and throttling; without it there is none', async () => {
    // prepare
    const args = ['scan', '--endpoint-url', aws.endpoint, '--regions', 'us-east-1', '--services', 'ec2,s3', '--no-securityhub', '--no-record', '--no-output', '--no-progress'];
    // act
    const verbose = await runCli([...args, '--verbose']);
    const quiet = await runCli(args);
    // assert
    assert.equal(verbose.code, 0, verbose.stderr);
    assert.match(verbose.stderr, /^DEBUG: 123456789012 us-east-1 ec2-network: \d+ ms, [1-9]\d* request\(s\) for [1-9]\d* call\(s\), \d+ retried, 0 throttled$/m);
    assert.match(verbose.stderr, /^DEBUG: 123456789012 us-east-1 s3: \d+ ms, [1-9]\d* request\(s\)/m);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.doesNotMatch(quiet.stderr, /DEBUG|request\(s\) for/);
  });

  it('--regions all scans every enabled region (regional inventories) and global ones once', async () => {
    // Services the emulator serves in every region (moto answers HTTP 500 for WorkSpaces and Cognito where AWS has no endpoint at all).
    const run = await runCli(['scan', '--endpoint-url', aws.endpoint, '--regions', 'all', '--services', 'ec2,ebs,s3,iam', '--no-securityhub', '--no-record', '--no-output', '--concurrency', '8']);
    assert.equal(run.code, 0, run.stderr);
    const regions = Number(/× (\d+) region\(s\)/.exec(run.stdout)?.[1]);
    assert.ok(regions >= 10, `scanned ${regions} regions`);
    assert.match(run.stdout, /imported 0, failed 0, unchanged 0/);
    assert.equal(run.counter.snapshot()['S3:ListBuckets'], 1, 'S3 is listed once per account');
    assert.equal(run.counter.snapshot()['EC2:DescribeSecurityGroups'], regions, 'security groups once per region');
  });

  it('--no-record --no-securityhub still writes the files', async () => {
    const out = tempDir();
    const run = await runCli(['scan', '--endpoint-url', aws.endpoint, '--regions', 'us-east-1', '--no-securityhub', '--no-record', '--output', 'json,csv,html', '--out-dir', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /findings\.asff\.json, .*findings\.csv, .*report\.html/);
  });
});
