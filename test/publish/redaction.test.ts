/**
 * Defence in depth at the exits: whatever reaches the file writers or the
 * terminal summary (a record written by an older version, a message built
 * outside the runner) leaves without the credentials it quotes.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFinding } from '../../src/findings/build.js';
import { writeOutputs } from '../../src/publish/files.js';
import type { FileEntry, ScanSummary } from '../../src/publish/report-model.js';
import { renderSummary } from '../../src/cli/summary.js';
import { tempDir } from '../helpers/cli.js';
import { META, result } from '../helpers/fixtures.js';
import { assertNoSecrets, FAKE_SESSION_TOKEN, LEAKY_MESSAGE } from '../helpers/secrets.js';

const ARN = 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0';
const times = { firstSeenAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z', lastSeenAt: '2026-01-02T00:00:00.000Z' };

/** An entry whose finding text, summary and evidence all quote the fake credentials. */
function leakyEntry(status: 'FAILED' | 'ERROR'): FileEntry {
  const r = result({ status, id: 'sg-0123456789abcdef0' });
  const built = buildFinding({ meta: META, result: r, times, recordState: 'ACTIVE', version: '1' });
  return {
    finding: { ...built, Description: `Could not be evaluated: ${LEAKY_MESSAGE}`, ProductFields: { ...built.ProductFields, 'rampart/evidence': JSON.stringify({ error: LEAKY_MESSAGE }) } },
    status,
    checkId: META.id,
    checkTitle: META.title,
    service: META.service,
    severity: 'HIGH',
    accountId: '123456789012',
    region: 'us-east-1',
    resourceType: 'AwsEc2SecurityGroup',
    resourceArn: ARN,
    resourceId: 'sg-0123456789abcdef0',
    summary: `the rules could not be read: ${LEAKY_MESSAGE}`,
    evidence: { error: LEAKY_MESSAGE, rules: [{ detail: LEAKY_MESSAGE, port: 22 }] },
    remediation: META.remediation,
  };
}

function leakySummary(): ScanSummary {
  const zero = { INFORMATIONAL: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 };
  // Only the fields the writers read; the cast keeps the fixture valid as the summary gains counters.
  const summary = {
    tool: { name: 'rampart', version: '1' },
    startedAt: times.firstSeenAt,
    finishedAt: times.updatedAt,
    durationMs: 1000,
    accounts: ['123456789012'],
    regions: ['us-east-1'],
    checksRun: 1,
    resources: 1,
    counts: { PASSED: zero, FAILED: { ...zero, HIGH: 1 }, ERROR: { ...zero, INFORMATIONAL: 1 } },
    collectionFailures: [{ accountId: '123456789012', region: 'us-east-1', collector: 'ec2-security-groups', checks: [META.id], message: `AccessDenied: ${LEAKY_MESSAGE}` }],
    publish: { imported: 0, failed: 0, unchanged: 0, archived: 0, suppressed: 0 },
    problems: [`Security Hub cannot be reached: ${LEAKY_MESSAGE}`],
    runBy: { callerArn: 'arn:aws:sts::123456789012:assumed-role/Audit/me', commandLine: `rampart scan --jira-token ${FAKE_SESSION_TOKEN} --note "${LEAKY_MESSAGE}"` },
  };
  return summary as ScanSummary;
}

describe('secrets never reach the output files or the terminal summary', () => {
  it('findings.asff.json, findings.ocsf.json, findings.csv and report.html hold the errors with the secrets replaced', async () => {
    // prepare
    const dir = tempDir();
    const entries = [leakyEntry('ERROR'), leakyEntry('FAILED')];
    // act
    const written = await writeOutputs(['asff', 'ocsf', 'csv', 'html'], dir, entries, leakySummary());
    // assert
    assert.equal(written.length, 4);
    for (const name of ['findings.asff.json', 'findings.ocsf.json', 'findings.csv', 'report.html']) {
      const text = readFileSync(join(dir, name), 'utf8');
      assertNoSecrets(text, name);
      assert.match(text, /User with access key ASIA\[REDACTED\]7KEY and secret \[REDACTED\] is not authorized/, `${name} still says what failed`);
      assert.ok(text.includes(ARN), `${name} still names the resource`);
    }
    const findings = JSON.parse(readFileSync(join(dir, 'findings.asff.json'), 'utf8')) as Array<{ Id: string; Description: string }>;
    assert.deepEqual(findings.map((f) => f.Id), entries.map((e) => e.finding.Id));
    const ocsf = JSON.parse(readFileSync(join(dir, 'findings.ocsf.json'), 'utf8')) as Array<{ finding_info: { uid: string } }>;
    assert.deepEqual(ocsf.map((f) => f.finding_info.uid), entries.map((e) => e.finding.Id));
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    assert.match(page, /Security Hub cannot be reached: User with access key ASIA\[REDACTED\]7KEY/);
    assert.match(page, /rampart scan --jira-token \[REDACTED\]/, 'the command line is shown, redacted');
  });

  it('the stdout summary shows the collection failure and the problem without the secrets', () => {
    // act
    const text = renderSummary(leakySummary(), ['out/findings.asff.json']);
    // assert
    assertNoSecrets(text, 'the summary');
    assert.match(text, /123456789012 us-east-1 ec2-security-groups: AccessDenied: User with access key ASIA\[REDACTED\]7KEY/);
    assert.match(text, /Security Hub cannot be reached: User with access key ASIA\[REDACTED\]7KEY/);
  });
});
