/** `rampart org-report`: the fan-out's verdict from the accounts' summaries, in a directory or in S3. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';
import type { OrgReport } from '../../src/pipeline/org-report.js';
import type { RunSummary, SummaryStatus } from '../../src/pipeline/summary.js';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const D = '444444444444';

function summary(account: string, status: SummaryStatus, message = status === 'OK' ? 'scanned 2 region(s)' : `${status.toLowerCase()} in ${account}`): RunSummary {
  return {
    account,
    status,
    counts: { findings: 10, failed: 2, errors: status === 'OK' ? 0 : 1 },
    exitCode: status === 'OK' ? 0 : 2,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:04:00.000Z',
    message,
    writer: 'task',
  };
}

function writeSummaries(dir: string, summaries: readonly RunSummary[]): void {
  mkdirSync(dir, { recursive: true });
  for (const s of summaries) writeFileSync(join(dir, `${s.account}.json`), JSON.stringify(s));
}

describe('org-report from a directory', () => {
  it('passes when the failed share is within the tolerance, and names the failed accounts', async () => {
    // prepare
    const dir = tempDir();
    writeSummaries(join(dir, 'summaries'), [summary(A, 'OK'), summary(B, 'OK'), summary(C, 'OK'), summary(D, 'ROLE_MISSING', 'cannot assume arn:aws:iam::444444444444:role/RampartAudit')]);
    const out = join(dir, 'report.json');
    // act
    const run = await runCli(['org-report', '--summaries', join(dir, 'summaries'), '--tolerated-failure-percentage', '25', '--out', out]);
    // assert
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /PASS: 1 of 4 account\(s\) failed \(25 %\), tolerated 25 %/);
    assert.match(run.stdout, /444444444444 {2}ROLE_MISSING {2}cannot assume/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as OrgReport;
    assert.equal(report.verdict, 'PASS');
    assert.deepEqual(report.failed.map((f) => [f.account, f.status]), [[D, 'ROLE_MISSING']]);
    assert.deepEqual(report.counts, { findings: 40, failed: 8, errors: 1 });
    assert.match(readFileSync(join(dir, 'report.txt'), 'utf8'), /failed accounts:\n {2}444444444444/);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'report.verdict.json'), 'utf8')), { verdict: 'PASS', exitCode: 0, accounts: 4, failed: 1, failurePercentage: 25, summary: report.verdictLine });
  });

  it('fails with exit 4 past the tolerance (default 0)', async () => {
    const dir = tempDir();
    writeSummaries(dir, [summary(A, 'OK'), summary(B, 'ACCESS_DENIED')]);
    const run = await runCli(['org-report', '--summaries', dir]);
    assert.equal(run.code, 4, run.stdout + run.stderr);
    assert.match(run.stdout, /FAIL: 1 of 2 account\(s\) failed \(50 %\), tolerated 0 %/);
  });

  it('an expected account without a summary is TIMEOUT, and counts as failed', async () => {
    // prepare
    const dir = tempDir();
    writeSummaries(dir, [summary(A, 'OK'), summary(B, 'OK'), summary(C, 'OK')]);
    const accounts = join(tempDir(), 'accounts.json');
    writeFileSync(accounts, JSON.stringify([A, B, C, D]));
    // act
    const within = await runCli(['org-report', '--summaries', dir, '--expected-accounts', `${A},${B},${C},${D}`, '--tolerated-failure-percentage', '25']);
    const beyond = await runCli(['org-report', '--summaries', dir, '--expected-accounts', accounts, '--tolerated-failure-percentage', '10']);
    // assert
    assert.equal(within.code, 0, within.stdout + within.stderr);
    assert.match(within.stdout, /444444444444 {2}TIMEOUT {2}no summary/);
    assert.equal(beyond.code, 4, beyond.stdout + beyond.stderr);
    assert.match(beyond.stdout, /FAIL: 1 of 4 account\(s\) failed \(25 %\), tolerated 10 %/);
  });

  it('an unreadable summary fails its account instead of vanishing; no summary at all is a FAIL', async () => {
    const dir = tempDir();
    writeSummaries(dir, [summary(A, 'OK')]);
    writeFileSync(join(dir, `${B}.json`), '{"account": "222222222222", "status": "FINE"}');
    const run = await runCli(['org-report', '--summaries', dir, '--tolerated-failure-percentage', '50']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /222222222222 {2}ERROR {2}the summary could not be read: status:/);
    assert.match(run.stdout, /unreadable summaries:/);
    const empty = await runCli(['org-report', '--summaries', tempDir()]);
    assert.equal(empty.code, 4);
    assert.match(empty.stdout, /FAIL: no account summary was found/);
  });

  it('refuses bad input with exit 2', async () => {
    const missing = await runCli(['org-report']);
    const tolerance = await runCli(['org-report', '--summaries', tempDir(), '--tolerated-failure-percentage', '150']);
    const accounts = await runCli(['org-report', '--summaries', tempDir(), '--expected-accounts', '1234,abc']);
    const nowhere = await runCli(['org-report', '--summaries', join(tempDir(), 'absent')]);
    assert.deepEqual([missing.code, tolerance.code, accounts.code, nowhere.code], [2, 2, 2, 2]);
    assert.match(missing.stderr, /needs --summaries/);
    assert.match(tolerance.stderr, /expected a number from 0 to 100/);
    assert.match(accounts.stderr, /"1234", "abc" are not 12-digit account ids/);
    assert.match(nowhere.stderr, /--summaries .*absent cannot be read/);
  });
});

describe('org-report from S3', () => {
  const aws = useEmulator();

  it('reads every summary under the prefix (the state machine\'s stand-ins too) and writes the report beside them', async () => {
    // prepare
    const s3 = aws.clients().get(S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'rampart-reports' }));
    const prefix = 'runs/exec-1';
    const put = (key: string, body: string): Promise<unknown> => s3.send(new PutObjectCommand({ Bucket: 'rampart-reports', Key: key, Body: body }));
    await put(`${prefix}/accounts.json`, JSON.stringify([A, B, C, D]));
    await put(`${prefix}/summaries/${A}.json`, JSON.stringify(summary(A, 'OK')));
    await put(`${prefix}/summaries/${B}.json`, JSON.stringify(summary(B, 'OK')));
    await put(`${prefix}/summaries/${C}.json`, JSON.stringify({ ...summary(C, 'TIMEOUT', 'the scan ran longer than 7200 s and was stopped'), exitCode: null, writer: 'state-machine' }));
    // act
    const run = await runCli([
      'org-report', '--endpoint-url', aws.endpoint, '--region', 'us-east-1',
      '--summaries', `s3://rampart-reports/${prefix}/summaries/`,
      '--expected-accounts', `s3://rampart-reports/${prefix}/accounts.json`,
      '--tolerated-failure-percentage', '50',
      '--out', `s3://rampart-reports/${prefix}/report.json`,
    ]);
    // assert
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const read = async (key: string): Promise<string> => (await (await s3.send(new GetObjectCommand({ Bucket: 'rampart-reports', Key: key }))).Body?.transformToString()) ?? '';
    const report = JSON.parse(await read(`${prefix}/report.json`)) as OrgReport;
    assert.deepEqual(report.failed.map((f) => [f.account, f.status]), [[C, 'TIMEOUT'], [D, 'TIMEOUT']]);
    assert.equal(report.failed[0]?.message, 'the scan ran longer than 7200 s and was stopped');
    assert.equal(report.verdict, 'PASS');
    assert.match(await read(`${prefix}/report.txt`), /PASS: 2 of 4 account\(s\) failed \(50 %\)/);
    assert.equal((JSON.parse(await read(`${prefix}/report.verdict.json`)) as { verdict: string }).verdict, 'PASS');
  });

  it('a bucket that does not exist is bad input, not a verdict', async () => {
    const run = await runCli(['org-report', '--endpoint-url', aws.endpoint, '--region', 'us-east-1', '--summaries', 's3://no-such-bucket/runs/x/']);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /--summaries s3:\/\/no-such-bucket\/runs\/x\/ cannot be read: NoSuchBucket/);
  });
});
