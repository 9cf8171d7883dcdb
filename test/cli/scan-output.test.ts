/**
 * What `rampart scan` prints and writes by default: the top failing findings,
 * the report files in a new rampart-out/<UTC time> folder, and the next step.
 * `rampart run` (the scheduled job in a container) writes no file unless asked.
 */
import { afterEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DEFAULT_OUTPUTS, parseScanArgs } from '../../src/cli/scan-command.js';
import { OUTPUT_FILES } from '../../src/publish/files.js';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { passThrough } from '../helpers/pass-through.js';
import type { AwsClients } from '../../src/aws/clients.js';

const OPEN_PORTS = 'ec2-security-group-no-public-restricted-ports';

async function seedOpenGroups(clients: AwsClients): Promise<void> {
  const ec2 = clients.get(EC2Client);
  await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
  for (const name of ['open-a', 'open-b']) {
    const group = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: 'x', VpcId: Vpc?.VpcId }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  }
}

/** The lines of the top failing findings list (after its heading). */
function topLines(stdout: string): string[] {
  const start = stdout.indexOf('top failing findings (');
  if (start < 0) return [];
  return stdout.slice(start).split('\n').slice(1).filter((line, i, all) => line.startsWith('  ') && all.slice(0, i).every((l) => l.startsWith('  ')));
}

const home = process.cwd();
const base = (endpoint: string): string[] => ['scan', '--endpoint-url', endpoint, '--regions', 'us-east-1', '--services', 'ec2', '--create-table', '--no-progress'];

describe('scan output against the emulator', () => {
  const aws = useEmulator();
  afterEach(() => process.chdir(home));

  it('with no output flag writes every report file to a new rampart-out/<UTC time> folder, lists the worst failing findings and says what to do next', async () => {
    // prepare
    await seedOpenGroups(aws.clients());
    const work = tempDir();
    process.chdir(work);
    const before = new Date();
    // act
    const run = await runCli(base(aws.endpoint));
    // assert
    assert.equal(run.code, 0, run.stderr);
    const folders = readdirSync(join(work, 'rampart-out'));
    assert.equal(folders.length, 1);
    const folder = folders[0] as string;
    assert.match(folder, /^\d{8}-\d{6}$/);
    const stamp = new Date(`${folder.slice(0, 4)}-${folder.slice(4, 6)}-${folder.slice(6, 8)}T${folder.slice(9, 11)}:${folder.slice(11, 13)}:${folder.slice(13, 15)}Z`);
    assert.ok(stamp.getTime() >= before.getTime() - 1000 && stamp.getTime() <= Date.now(), `${folder} is the UTC time of the run`);
    assert.deepEqual(readdirSync(join(work, 'rampart-out', folder)).sort(), DEFAULT_OUTPUTS.map((f) => OUTPUT_FILES[f]).sort());
    const lines = topLines(run.stdout);
    assert.ok(lines.filter((l) => l.includes(OPEN_PORTS)).length === 2, run.stdout);
    const severities = lines.map((l) => l.trim().split(/\s+/)[0]);
    const rank = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
    assert.deepEqual(severities, [...severities].sort((a, b) => rank.indexOf(a ?? '') - rank.indexOf(b ?? '')), 'worst first');
    assert.ok(!run.stdout.includes('\u001b['), 'no colour without a TTY');
    assert.match(run.stdout, new RegExp(`\nnext: open rampart-out/${folder}/report\\.html\n`));
    assert.match(run.stdout, /to gate CI: add --fail-on HIGH \(exit 4 when an unexempted FAILED finding is HIGH or CRITICAL\)/);
  });

  it('--out-dir writes there (no time folder); --top 1 lists one and points to the report for the rest; --fail-on drops the CI hint', async () => {
    // prepare
    await seedOpenGroups(aws.clients());
    const out = join(tempDir(), 'reports');
    // act
    const run = await runCli([...base(aws.endpoint), '--out-dir', out, '--top', '1', '--fail-on', 'CRITICAL'], { ...process.env, FORCE_COLOR: '1' });
    // assert
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(out).sort(), DEFAULT_OUTPUTS.map((f) => OUTPUT_FILES[f]).sort());
    const lines = topLines(run.stdout);
    assert.equal(lines.length, 2, run.stdout);
    assert.match(lines[1] ?? '', new RegExp(`^ {2}\\d+ more in ${out.replace(/[/.]/g, '\\$&')}/report\\.html$`));
    assert.ok(run.stdout.includes('\u001b[31mHIGH\u001b[0m'), 'FORCE_COLOR colours the severities');
    assert.match(run.stdout, /next: open .*report\.html/);
    assert.doesNotMatch(run.stdout, /to gate CI/);
  });

  it('--no-output writes no file and --top 0 prints no list; --no-output with --out-dir is bad input', async () => {
    // prepare
    await seedOpenGroups(aws.clients());
    const work = tempDir();
    process.chdir(work);
    // act
    const run = await runCli([...base(aws.endpoint), '--no-output', '--top', '0']);
    const both = await runCli([...base(aws.endpoint), '--no-output', '--out-dir', 'x']);
    const badTop = await runCli([...base(aws.endpoint), '--top', 'many']);
    // assert
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(work), []);
    assert.doesNotMatch(run.stdout, /top failing findings|next: open|files:/);
    assert.match(run.stdout, /to gate CI/);
    assert.equal(both.code, 2);
    assert.equal(both.stderr, 'rampart: --no-output writes no file: drop it or drop --out-dir\n');
    assert.equal(badTop.code, 2);
    assert.equal(badTop.stderr, 'rampart: --top many: expected a whole number from 0 (no list) to 1000\n');
  });

  it('an incomplete scan (an inventory that cannot be listed) reports ERROR and points to the problem list', async () => {
    // prepare
    await aws.clients().get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    const sqs = passThrough(SQSClient, []);
    sqs.fake(ListQueuesCommand, async () => {
      throw Object.assign(new Error('User is not authorized to perform: sqs:ListQueues'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    });
    // act
    let run;
    try {
      run = await runCli(['scan', '--endpoint-url', aws.endpoint, '--regions', 'us-east-1', '--services', 'sqs', '--create-table', '--no-progress', '--no-output']);
    } finally {
      sqs.restore();
    }
    // assert
    assert.equal(run.code, 5, run.stdout);
    assert.match(run.stdout, /^ERROR {2}.* [1-9]\d*$/m);
    assert.match(run.stdout, /\nthis run is incomplete: the inventories and problems listed above say what failed/);
  });

  it('rampart run writes no file unless asked, and prints no next-step hints', async () => {
    // prepare
    await seedOpenGroups(aws.clients());
    const work = tempDir();
    process.chdir(work);
    // act
    const run = await runCli(['run', ...base(aws.endpoint).slice(1)]);
    // assert
    assert.equal(run.code, 0, run.stderr);
    assert.equal(existsSync(join(work, 'rampart-out')), false);
    assert.deepEqual(readdirSync(work), []);
    assert.ok(topLines(run.stdout).length > 0, 'the summary still lists the worst findings');
    assert.doesNotMatch(run.stdout, /to gate CI|next: open/);
  });
});

describe('scan output flags', () => {
  const now = new Date('2026-11-30T21:45:01.123Z');

  it('default to every format in rampart-out/<UTC time>; --output picks formats; --out-dir drops the time folder', () => {
    // act
    const defaults = parseScanArgs([], {}, undefined, now).options;
    const picked = parseScanArgs(['--output', 'csv'], {}, undefined, now).options;
    const dir = parseScanArgs(['--out-dir', 'out'], {}, undefined, now).options;
    const none = parseScanArgs(['--no-output'], {}, undefined, now).options;
    // assert
    assert.deepEqual([defaults.outputs, defaults.outDir], [DEFAULT_OUTPUTS, 'rampart-out/20261130-214501']);
    assert.deepEqual([picked.outputs, picked.outDir], [['csv'], 'rampart-out/20261130-214501']);
    assert.deepEqual([dir.outputs, dir.outDir], [DEFAULT_OUTPUTS, 'out']);
    assert.deepEqual(none.outputs, []);
    assert.equal(defaults.topFailed, 10);
  });
});
