/**
 * `rampart demo --keep` as a newcomer runs it (a child process, its own
 * emulator): it runs clean (its scan is complete), fixes one open security
 * group from a custom-action event built from the real finding and rolls the
 * fix back, and leaves the emulator running with a hint that, pasted in a
 * fresh shell, scans it again with the demo's results.
 */
import { beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_LEFT_OUT, leftOutName } from '../../src/emulator/demo-config.js';
import { tempDir } from '../helpers/cli.js';

const HINT = /\n {2}cd (.+)\n {2}export (.+)\n {2}npx rampart scan (.+)\n/;

/** The FAILED row of a scan summary. */
const failedRow = (stdout: string): string | undefined => /^FAILED\s.*$/m.exec(stdout)?.[0];

describe('rampart demo', () => {
  const out = join(tempDir(), 'demo');
  const run = { status: -1 as number | null, stdout: '', stderr: '' };
  let again: SpawnSyncReturns<string> | undefined;
  let freshShell: NodeJS.ProcessEnv = {};
  beforeAll(async () => {
    const demo = spawn(process.execPath, ['dist/src/cli/bin.js', 'demo', '--out-dir', out, '--keep'], { env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' } });
    demo.stdout.setEncoding('utf8').on('data', (chunk: string) => void (run.stdout += chunk));
    demo.stderr.setEncoding('utf8').on('data', (chunk: string) => void (run.stderr += chunk));
    const exited = once(demo, 'exit');
    const deadline = Date.now() + 180_000;
    while (!HINT.test(run.stdout) && demo.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const hint = HINT.exec(run.stdout);
    if (hint) {
      // The hint pasted in a fresh shell: only PATH and HOME, then what it exports; npx rampart is the package's bin.
      const [, cd = '', exported = '', args = ''] = hint;
      freshShell = { PATH: process.env.PATH, HOME: process.env.HOME, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...Object.fromEntries(exported.split(' ').map((pair) => pair.split('=') as [string, string])) };
      again = spawnSync(process.execPath, [join(cd, 'dist/src/cli/bin.js'), 'scan', ...args.split(' '), '--no-progress'], { cwd: tempDir(), env: freshShell, encoding: 'utf8', timeout: 120_000 });
    }
    demo.kill('SIGINT');
    const [code] = await exited;
    run.status = code as number | null;
  });

  it('scans, reports, fixes one finding precisely, tells Jira and Slack, and rolls it back; exit 0', () => {
    // assert
    assert.equal(run.status, 0, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
    assert.match(run.stdout, /custom action created: arn:aws:securityhub:us-east-1:123456789012:action\/custom\/RampartRemediate/);
    assert.match(run.stdout, /REMEDIATED: arn:aws:ec2:.*security-group\/sg-/);
    assert.match(run.stdout, /before: {3}tcp\/22 from 0\.0\.0\.0\/0 \(temporary: vendor support\), 10\.20\.0\.0\/16 \(this VPC\)/);
    assert.match(run.stdout, /after: {4}tcp\/22 from 10\.20\.0\.0\/16 \(this VPC\)\n {12}tcp\/443 from 0\.0\.0\.0\/0 \(public web\)/);
    assert.match(run.stdout, /told: {5}Jira SEC-\d+ \(comment\), Slack thread \(reply\)/);
    assert.match(run.stdout, /Security Hub: Compliance PASSED, Workflow RESOLVED/);
    assert.match(run.stdout, /ROLLED_BACK\n {2}restored: tcp\/22 from 0\.0\.0\.0\/0 \(temporary: vendor support\), 10\.20\.0\.0\/16 \(this VPC\)/);
    assert.ok(existsSync(join(out, 'report.html')));
  });

  it('runs clean: it names what it leaves out and why, its scan is complete, and the report opens without the incomplete banner', () => {
    // assert
    for (const entry of DEMO_LEFT_OUT) assert.ok(run.stdout.includes(`  ${leftOutName(entry)}`) && run.stdout.includes(entry.reason), `the demo says it leaves out ${leftOutName(entry)} and why`);
    assert.match(run.stdout, /^ERROR(\s+0){6}$/m);
    assert.doesNotMatch(run.stdout, /inventories that could not be collected|exit 5|this run is incomplete/);
    assert.doesNotMatch(readFileSync(join(out, 'report.html'), 'utf8'), /This run is incomplete/);
  });

  it('--keep prints a hint that, in a fresh shell, scans the running emulator with the same FAILED counts as the demo\'s scan', () => {
    // assert
    assert.ok(again, `no hint in the demo's output:\n${run.stdout.slice(-2000)}`);
    assert.deepEqual(Object.keys(freshShell).slice(3), ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']);
    assert.equal(again.status, 0, `${again.stdout}\n${again.stderr}`);
    assert.match(failedRow(run.stdout) ?? '', /FAILED\s+[1-9]/);
    assert.equal(failedRow(again.stdout), failedRow(run.stdout));
  });

  it('prints the scan\'s worst findings and Security Hub\'s counts in a few aligned lines, not one line per finding', () => {
    // assert
    assert.match(run.stdout, /\ntop failing findings \(\d+ unexempted FAILED, worst first\):\n( {2}CRITICAL .*\n){10} {2}\d+ more in .*report\.html\n/);
    assert.match(run.stdout, /the emulated Security Hub, after the report step: \d+ active rampart findings by status and check severity:\n {2}status .*\n {2}FAILED .*\n {2}PASSED .*\n {2}NOT_AVAILABLE(\s+0){6}\nworst in Security Hub \(\d+ unexempted FAILED, worst first\):\n( {2}CRITICAL .*\n){3} {2}\d+ more\n/);
    assert.ok(!run.stdout.includes('\u001b['), 'no colour with NO_COLOR');
  });
});
