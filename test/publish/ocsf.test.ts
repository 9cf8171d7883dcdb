import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFinding, type FindingTimes } from '../../src/findings/build.js';
import type { RecordState } from '../../src/findings/types.js';
import { writeOutputs } from '../../src/publish/files.js';
import { toOcsf, type OcsfComplianceFinding } from '../../src/publish/ocsf.js';
import type { EntryStatus, FileEntry, ScanSummary } from '../../src/publish/report-model.js';
import { tempDir } from '../helpers/cli.js';
import { META, result } from '../helpers/fixtures.js';
import { assertNoSecrets, LEAKY_MESSAGE } from '../helpers/secrets.js';
import { ENUMS, OCSF_VERSION, REQUIRED_PATHS, RESOURCE_AT_LEAST_ONE } from './ocsf-schema-1.6.0.js';

const FIRST_RUN: FindingTimes = { firstSeenAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', lastSeenAt: '2026-01-01T00:00:00.000Z' };
const LATER_RUN: FindingTimes = { firstSeenAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z', lastSeenAt: '2026-02-01T00:00:00.000Z' };

interface EntryOptions {
  status: EntryStatus;
  id?: string;
  times?: FindingTimes;
  severity?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  exemption?: FileEntry['exemption'];
  summary?: string;
}

function entry(options: EntryOptions): FileEntry {
  const status = options.status === 'ARCHIVED' ? 'FAILED' : options.status;
  const r = result({ status, id: options.id ?? `sg-${options.status.toLowerCase()}`, severity: options.severity ?? 'HIGH', summary: options.summary ?? 'port 22 is open' });
  const recordState: RecordState = options.status === 'ARCHIVED' ? 'ARCHIVED' : 'ACTIVE';
  const finding = buildFinding({ meta: META, result: r, times: options.times ?? LATER_RUN, recordState, version: '9.9.9' });
  return {
    finding,
    status: options.status,
    checkId: META.id,
    checkTitle: META.title,
    service: META.service,
    severity: r.severity,
    accountId: r.accountId,
    region: r.region,
    resourceType: r.resource.type,
    resourceArn: r.resource.arn,
    resourceId: r.resource.id,
    summary: r.summary,
    evidence: r.evidence,
    remediation: META.remediation,
    ...(options.exemption ? { exemption: options.exemption } : {}),
  };
}

function valueAt(value: unknown, path: string): unknown[] {
  let values: unknown[] = [value];
  for (const part of path.split('.')) {
    const array = part.endsWith('[]');
    const key = array ? part.slice(0, -2) : part;
    values = values.flatMap((v) => {
      const next = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
      return array && Array.isArray(next) ? next : [next];
    });
  }
  return values;
}

const ALL = (): FileEntry[] => [
  entry({ status: 'FAILED', times: FIRST_RUN, severity: 'CRITICAL' }),
  entry({ status: 'FAILED', id: 'sg-exempt', exemption: { reason: 'bastion host' } }),
  entry({ status: 'PASSED' }),
  entry({ status: 'ERROR' }),
  entry({ status: 'ARCHIVED' }),
];

describe('OCSF output', () => {
  it('every finding has every attribute OCSF 1.6.0 requires of a Compliance Finding', () => {
    // act
    const findings = ALL().map(toOcsf);
    // assert
    for (const finding of findings) {
      for (const path of REQUIRED_PATHS) {
        const values = valueAt(finding, path);
        assert.ok(values.length > 0 && values.every((v) => v !== undefined && v !== null && v !== ''), `${finding.status} finding has ${path}`);
      }
      assert.ok(finding.resources.length > 0);
      for (const resource of finding.resources) assert.ok(RESOURCE_AT_LEAST_ONE.some((key) => resource[key]), 'each resource has a name or uid');
      assert.equal(finding.metadata.version, OCSF_VERSION);
    }
  });

  it('uses only valid enum values, and type_uid is class_uid * 100 + activity_id', () => {
    // act
    const findings = ALL().map(toOcsf);
    // assert
    for (const f of findings) {
      assert.ok((ENUMS.class_uid as readonly number[]).includes(f.class_uid));
      assert.ok((ENUMS.category_uid as readonly number[]).includes(f.category_uid));
      assert.ok((ENUMS.activity_id as readonly number[]).includes(f.activity_id));
      assert.ok((ENUMS.severity_id as readonly number[]).includes(f.severity_id));
      assert.ok((ENUMS.status_id as readonly number[]).includes(f.status_id));
      assert.ok((ENUMS.compliance_status_id as readonly number[]).includes(f.compliance.status_id));
      assert.ok((ENUMS.account_type_id as readonly number[]).includes(f.cloud.account.type_id));
      assert.equal(f.type_uid, f.class_uid * 100 + f.activity_id);
      assert.ok(Number.isInteger(f.time) && f.time > 1_600_000_000_000, 'time is epoch milliseconds');
    }
  });

  it('maps PASSED, FAILED, ERROR and ARCHIVED to compliance status, finding status and activity', () => {
    // act
    const [failedNew, failedExempt, passed, error, archived] = ALL().map(toOcsf) as [OcsfComplianceFinding, OcsfComplianceFinding, OcsfComplianceFinding, OcsfComplianceFinding, OcsfComplianceFinding];
    // assert: [compliance status, finding status, activity, severity]
    const view = (f: OcsfComplianceFinding) => [f.compliance.status, f.status, f.activity_name, f.severity];
    assert.deepEqual(view(failedNew), ['Fail', 'New', 'Create', 'Critical']);
    assert.deepEqual(view(failedExempt), ['Fail', 'Suppressed', 'Update', 'High']);
    assert.deepEqual(view(passed), ['Pass', 'Resolved', 'Update', 'Informational']);
    assert.deepEqual(view(error), ['Warning', 'New', 'Update', 'Informational']);
    assert.deepEqual(view(archived), ['Fail', 'Archived', 'Close', 'High']);
    assert.deepEqual([failedNew.severity_id, failedNew.status_id, failedNew.compliance.status_id, failedNew.type_uid], [5, 1, 3, 200301]);
    assert.deepEqual([archived.status_id, archived.type_uid], [5, 200303]);
  });

  it('carries the finding, the resource, the account, the requirements and the remediation', () => {
    // act
    const f = toOcsf(entry({ status: 'FAILED', times: LATER_RUN }));
    // assert
    assert.equal(f.finding_info.uid, 'rampart/123456789012/us-east-1/ec2-test-check/arn:aws:ec2:us-east-1:123456789012:security-group/sg-failed');
    assert.equal(f.finding_info.title, META.title);
    assert.equal(f.finding_info.first_seen_time, Date.parse(LATER_RUN.firstSeenAt));
    assert.equal(f.finding_info.last_seen_time, Date.parse(LATER_RUN.lastSeenAt));
    assert.equal(f.time, Date.parse(LATER_RUN.updatedAt));
    assert.deepEqual(f.cloud, { provider: 'AWS', region: 'us-east-1', cloud_partition: 'aws', account: { uid: '123456789012', type: 'AWS Account', type_id: 10 } });
    assert.deepEqual(f.resources.map((r) => [r.uid, r.name, r.type]), [['arn:aws:ec2:us-east-1:123456789012:security-group/sg-failed', 'sg-failed', 'AwsEc2SecurityGroup']]);
    assert.deepEqual(f.compliance.standards, ['AWS Foundational Security Best Practices', 'CIS AWS Foundations Benchmark v3.0.0']);
    assert.deepEqual(f.compliance.requirements, ['AWS Foundational Security Best Practices EC2.19', 'CIS AWS Foundations Benchmark v3.0.0 5.2']);
    assert.equal(f.compliance.control, META.id);
    assert.deepEqual(f.remediation, { desc: 'Fix it.', references: ['https://docs.aws.amazon.com/'] });
    assert.deepEqual(f.metadata.product, { name: 'rampart', vendor_name: 'rampart', version: '9.9.9', uid: 'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default' });
  });

  it('findings.ocsf.json is a JSON array of the findings, secrets redacted as in the ASFF', async () => {
    // prepare
    const dir = tempDir();
    const leaky = entry({ status: 'ERROR', summary: `the rules could not be read: ${LEAKY_MESSAGE}` });
    const entries = [{ ...leaky, finding: { ...leaky.finding, Description: `Could not be evaluated: ${LEAKY_MESSAGE}` } }, entry({ status: 'FAILED' })];
    // act
    const written = await writeOutputs(['ocsf'], dir, entries, {} as ScanSummary);
    // assert
    assert.deepEqual(written, [join(dir, 'findings.ocsf.json')]);
    const text = readFileSync(join(dir, 'findings.ocsf.json'), 'utf8');
    assertNoSecrets(text, 'findings.ocsf.json');
    const findings = JSON.parse(text) as OcsfComplianceFinding[];
    assert.equal(findings.length, 2);
    assert.match(findings[0]?.message ?? '', /access key ASIA\[REDACTED\]7KEY/);
    assert.match(findings[0]?.compliance.status_detail ?? '', /access key ASIA\[REDACTED\]7KEY/);
  });
});
