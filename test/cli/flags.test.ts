/** Choice flags take their values in any case, on every command. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { parseReportArgs } from '../../src/cli/report-command.js';
import { parseScanArgs } from '../../src/cli/scan-command.js';
import { runCli } from '../helpers/cli.js';

describe('choice flags', () => {
  it('checks --format JSON is --format json', async () => {
    const upper = await runCli(['checks', '--format', 'JSON', '--services', 's3']);
    const lower = await runCli(['checks', '--format', 'json', '--services', 's3']);
    assert.equal(upper.code, 0, upper.stderr);
    assert.equal(upper.stdout, lower.stdout);
  });

  it('permissions --role AUDIT --format JSON', async () => {
    const run = await runCli(['permissions', '--role', 'AUDIT', '--format', 'JSON']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { Version: string }).Version, '2012-10-17');
  });

  it('scan and report: --log-format, --output, --publish, --fail-on, --format, --only', async () => {
    const scan = parseScanArgs(['--log-format', 'JSON', '--output', 'HTML,Csv', '--publish', 'ALL', '--fail-on', 'high'], {});
    const report = await parseReportArgs(['--format', 'JSON', '--only', 'Jira', '--home-region', 'us-east-1'], {});
    assert.equal(scan.logFormat, 'json');
    assert.deepEqual(scan.options.outputs, ['html', 'csv']);
    assert.equal(scan.options.publishMode, 'all');
    assert.equal(scan.options.failOn, 'HIGH');
    assert.ok(report !== 'help');
    assert.equal(report.format, 'json');
    assert.equal(report.only, 'jira');
  });

  it('a value that is none of the choices names them', async () => {
    const run = await runCli(['checks', '--format', 'yaml']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'rampart: --format yaml: expected one of table, json, markdown\n');
  });
});
