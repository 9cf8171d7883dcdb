/**
 * `rampart demo` as a newcomer runs it (a child process, its own emulator):
 * it ends by fixing one open security group from a custom-action event built
 * from the real finding, and rolling the fix back.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';

describe('rampart demo', () => {
  it('scans, reports, fixes one finding precisely, tells Jira and Slack, and rolls it back; exit 0', () => {
    // prepare
    const out = join(tempDir(), 'demo');
    // act
    const run = spawnSync(process.execPath, ['dist/src/cli/bin.js', 'demo', '--out-dir', out], { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, timeout: 180_000 });
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
});
