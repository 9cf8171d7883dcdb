/**
 * `rampart demo` as a newcomer runs it (a child process, its own emulator):
 * it runs clean (its scan is complete), and ends by fixing one open security
 * group from a custom-action event built from the real finding, and rolling
 * the fix back.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_LEFT_OUT, leftOutName } from '../../src/emulator/demo-config.js';
import { tempDir } from '../helpers/cli.js';

describe('rampart demo', () => {
  const out = join(tempDir(), 'demo');
  let run: SpawnSyncReturns<string>;
  before(() => {
    run = spawnSync(process.execPath, ['dist/src/cli/bin.js', 'demo', '--out-dir', out], { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' }, timeout: 180_000 });
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

  it('prints the scan\'s worst findings and Security Hub\'s counts in a few aligned lines, not one line per finding', () => {
    // assert
    assert.match(run.stdout, /\ntop failing findings \(\d+ unexempted FAILED, worst first\):\n( {2}CRITICAL .*\n){10} {2}\d+ more in .*report\.html\n/);
    assert.match(run.stdout, /the emulated Security Hub, after the report step: \d+ active rampart findings by status and check severity:\n {2}status .*\n {2}FAILED .*\n {2}PASSED .*\n {2}NOT_AVAILABLE(\s+0){6}\nworst in Security Hub \(\d+ unexempted FAILED, worst first\):\n( {2}CRITICAL .*\n){3} {2}\d+ more\n/);
    assert.ok(!run.stdout.includes('\u001b['), 'no colour with NO_COLOR');
  });
});
