/** The run summary's status comes from how the run ended, never from the exit code alone. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { AccountError } from '../../src/aws/accounts.js';
import { SEVERITIES, type Severity } from '../../src/core/check.js';
import type { CollectionFailure, ScanSummary } from '../../src/publish/report-model.js';
import { deriveRunSummary, parseLocation, parseRunSummary, type RunEnd } from '../../src/pipeline/summary.js';

const ACCOUNT = '111111111111';
const context = { account: ACCOUNT, startedAt: new Date('2026-01-01T00:00:00Z'), finishedAt: new Date('2026-01-01T00:05:00Z') };

function row(values: Partial<Record<Severity, number>> = {}): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, values[s] ?? 0])) as Record<Severity, number>;
}

function scanSummary(overrides: Partial<ScanSummary> = {}): ScanSummary {
  return {
    tool: { name: 'rampart', version: 'test' },
    startedAt: context.startedAt.toISOString(),
    finishedAt: context.finishedAt.toISOString(),
    durationMs: 300_000,
    accounts: [ACCOUNT],
    regions: ['us-east-1', 'eu-west-1'],
    checksRun: 40,
    resources: 12,
    counts: { PASSED: row({ LOW: 5 }), FAILED: row({ HIGH: 2, CRITICAL: 1 }), ERROR: row() },
    keptFailed: 0,
    notReevaluated: 0,
    collectionFailures: [],
    publish: { imported: 8, failed: 0, unchanged: 0, archived: 0, suppressed: 0, pending: 0 },
    phases: { collectMs: 1, reconcileMs: 1, publishMs: 1, recordMs: 1 },
    problems: [],
    ...overrides,
  };
}

function failure(message: string, collector = 'ec2'): CollectionFailure {
  return { accountId: ACCOUNT, region: 'eu-west-1', collector, checks: ['ec2-x'], message };
}

const scanned = (summary: ScanSummary, scanExitCode = 0): RunEnd => ({ kind: 'scanned', summary, scanExitCode, exitCode: scanExitCode });

describe('run summary status', () => {
  it('a complete scan is OK, with its counts and times', () => {
    // act
    const summary = deriveRunSummary(scanned(scanSummary()), context);
    // assert
    assert.equal(summary.status, 'OK');
    assert.equal(summary.account, ACCOUNT);
    assert.deepEqual(summary.counts, { findings: 8, failed: 3, errors: 0 });
    assert.equal(summary.exitCode, 0);
    assert.equal(summary.startedAt, '2026-01-01T00:00:00.000Z');
    assert.equal(summary.finishedAt, '2026-01-01T00:05:00.000Z');
    assert.equal(summary.writer, 'task');
  });

  it('a scan that reached --fail-on is still OK: the scan did its work', () => {
    const summary = deriveRunSummary(scanned(scanSummary(), 4), context);
    assert.equal(summary.status, 'OK');
    assert.equal(summary.exitCode, 4);
  });

  it('a role that cannot be assumed is ROLE_MISSING, with its message', () => {
    // prepare
    const error = new AccountError(`cannot assume arn:aws:iam::${ACCOUNT}:role/RampartAudit (check that the role exists): AccessDenied: not authorized`);
    // act
    const summary = deriveRunSummary({ kind: 'failed', error, exitCode: 2 }, context);
    // assert
    assert.equal(summary.status, 'ROLE_MISSING');
    assert.match(summary.message, /cannot assume arn:aws:iam::111111111111:role\/RampartAudit/);
    assert.deepEqual(summary.counts, { findings: 0, failed: 0, errors: 0 });
    assert.equal(summary.exitCode, 2);
  });

  it('an inventory refused with AccessDenied makes the account ACCESS_DENIED, naming the first refusal', () => {
    // prepare
    const end = scanned(scanSummary({
      counts: { PASSED: row(), FAILED: row(), ERROR: row({ HIGH: 4 }) },
      collectionFailures: [failure('OptInRequired: the region is not enabled', 'rds'), failure('AccessDenied: not authorized to perform s3:GetBucketPolicy', 's3')],
    }), 5);
    // act
    const summary = deriveRunSummary(end, context);
    // assert
    assert.equal(summary.status, 'ACCESS_DENIED');
    assert.match(summary.message, /1 inventory was refused \(first: s3 in eu-west-1: AccessDenied/);
    assert.equal(summary.counts.errors, 4);
  });

  it('an AWS AccessDenied thrown out of the run is ACCESS_DENIED', () => {
    const error = Object.assign(new Error('User is not authorized to perform: dynamodb:DescribeTable'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    const summary = deriveRunSummary({ kind: 'failed', error, exitCode: 1 }, context);
    assert.equal(summary.status, 'ACCESS_DENIED');
    assert.match(summary.message, /^AccessDeniedException: User is not authorized/);
  });

  it('an incomplete scan for any other reason, lost output or a crash is ERROR', () => {
    const incomplete = deriveRunSummary(scanned(scanSummary({ collectionFailures: [failure('OptInRequired: the region is not enabled')] }), 5), context);
    const notPublished = deriveRunSummary(scanned(scanSummary({ problems: ['Security Hub refused 3 findings'] }), 3), context);
    const selectFailed = deriveRunSummary(scanned(scanSummary(), 5), context);
    const crashed = deriveRunSummary({ kind: 'failed', error: new TypeError('boom'), exitCode: 1 }, context);
    assert.deepEqual([incomplete.status, notPublished.status, selectFailed.status, crashed.status], ['ERROR', 'ERROR', 'ERROR', 'ERROR']);
    assert.match(incomplete.message, /exit 5: 1 problem\(s\), first: ec2 in eu-west-1: OptInRequired/);
    assert.match(notPublished.message, /Security Hub refused 3 findings/);
    assert.equal(crashed.message, 'boom');
  });

  it('keeps secrets and length out of the message', () => {
    const error = new Error(`failed with aws_secret_access_key=${'A'.repeat(40)} ${'x'.repeat(3000)}`);
    const summary = deriveRunSummary({ kind: 'failed', error, exitCode: 1 }, context);
    assert.ok(!summary.message.includes('A'.repeat(40)), summary.message.slice(0, 120));
    assert.ok(summary.message.length <= 1000);
  });

  it('round-trips through parseRunSummary, which names a bad field', () => {
    const summary = deriveRunSummary(scanned(scanSummary()), context);
    assert.deepEqual(parseRunSummary(JSON.stringify(summary)), summary);
    assert.throws(() => parseRunSummary(JSON.stringify({ ...summary, status: 'FINE' })), /status:/);
    assert.throws(() => parseRunSummary('{'), /not JSON/);
  });
});

describe('summary locations', () => {
  it('reads s3://bucket/key and file paths, and refuses a bad bucket name', () => {
    assert.deepEqual(parseLocation('s3://rampart-reports/runs/x/summaries/1.json', '--summary-out'), { kind: 's3', bucket: 'rampart-reports', key: 'runs/x/summaries/1.json' });
    assert.deepEqual(parseLocation('out/summary.json', '--summary-out'), { kind: 'file', path: 'out/summary.json' });
    assert.throws(() => parseLocation('s3://Bad_Bucket/key', '--summary-out'), /--summary-out s3:\/\/Bad_Bucket\/key: "Bad_Bucket" is not an S3 bucket name/);
  });
});
