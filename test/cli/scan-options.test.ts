/** Options that shape a scan: AWS_ENDPOINT_URL, --regions all, --services, --no-record, the progress display. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { useEmulator } from '../helpers/emulator.js';
import { hubFindings, runCli, tempDir } from '../helpers/cli.js';
import { createProgress } from '../../src/cli/progress.js';
import { silentLogger } from '../../src/util/logger.js';
import type { PlanTask } from '../../src/core/planner.js';
import type { TaskOutcome } from '../../src/core/runner.js';

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

describe('progress display', () => {
  const task = (region: string): PlanTask => ({ accountId: '123456789012', region, collector: { id: 'ec2-network', service: 'ec2', global: false, permissions: [], collect: async () => ({}) }, checks: [] });
  const outcome = (ok: boolean): TaskOutcome => ({ accountId: '123456789012', region: 'r', collectorId: 'ec2-network', service: 'ec2', ok, durationMs: 1, resources: 3, completedChecks: [], failedChecks: [], results: [], notApplicable: 0, ...(ok ? {} : { error: { code: 'AccessDenied', message: 'AccessDenied: no', kind: 'access-denied' } }) });

  it('redraws one line on a terminal: accounts × regions × auditors', () => {
    let written = '';
    const stream = { write: (s: string) => { written += s; return true; }, columns: 200 } as unknown as NodeJS.WriteStream;
    const progress = createProgress({ tty: true, enabled: true, logger: silentLogger, stream });
    progress.start([task('us-east-1'), task('eu-west-1')]);
    progress.taskDone(task('us-east-1'), outcome(true));
    progress.taskDone(task('eu-west-1'), outcome(false));
    progress.finish();
    assert.match(written, /2\/2 inventories \(1 account\(s\) × 2 region\(s\) × 1 auditor\(s\)\), 1 failed/);
    assert.ok(written.includes('\r\x1b[2K'));
  });

  it('logs plain lines without a terminal', () => {
    const lines: string[] = [];
    const logger = { ...silentLogger, info: (m: string) => void lines.push(m) };
    const progress = createProgress({ tty: false, enabled: true, logger });
    progress.start([task('us-east-1')]);
    progress.taskDone(task('us-east-1'), outcome(false));
    assert.match(lines.join('\n'), /\[1\/1\] 123456789012 us-east-1 ec2-network: FAILED AccessDenied/);
  });
});
