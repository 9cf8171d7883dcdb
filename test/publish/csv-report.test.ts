import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { Evidence, Severity } from '../../src/core/check.js';
import type { EntryStatus, FileEntry } from '../../src/publish/report-model.js';
import { renderCsv } from '../../src/publish/csv-report.js';

interface EntryOptions {
  status?: EntryStatus;
  severity?: Severity;
  checkId?: string;
  accountId?: string;
  region?: string;
  resourceId?: string;
  summary?: string;
  evidence?: Evidence;
  description?: string;
  requirements?: string[];
  exemption?: FileEntry['exemption'];
}

function makeEntry(options: EntryOptions = {}): FileEntry {
  const status = options.status ?? 'FAILED';
  const severity = options.severity ?? 'HIGH';
  const checkId = options.checkId ?? 'ec2-security-group-no-public-restricted-ports';
  const accountId = options.accountId ?? '111111111111';
  const region = options.region ?? 'eu-west-1';
  const resourceId = options.resourceId ?? 'sg-0123';
  const resourceArn = `arn:aws:ec2:${region}:${accountId}:security-group/${resourceId}`;
  const label: Severity = status === 'FAILED' ? severity : 'INFORMATIONAL';
  const id = `rampart/${accountId}/${region}/${checkId}/${resourceArn}`;
  return {
    finding: {
      SchemaVersion: '2018-10-08',
      Id: id,
      ProductArn: `arn:aws:securityhub:${region}:${accountId}:product/${accountId}/default`,
      ProductName: 'rampart',
      CompanyName: 'rampart',
      GeneratorId: checkId,
      AwsAccountId: accountId,
      Region: region,
      Types: ['Software and Configuration Checks/AWS Security Best Practices'],
      CreatedAt: '2024-05-01T10:00:00.000Z',
      UpdatedAt: '2024-06-01T10:00:00.000Z',
      FirstObservedAt: '2024-05-01T10:00:00.000Z',
      LastObservedAt: '2024-06-01T10:00:00.000Z',
      Severity: { Label: label, Original: severity },
      Title: 'A check title',
      Description: options.description ?? 'A description',
      Remediation: { Recommendation: { Text: 'Fix it', Url: 'https://docs.aws.amazon.com/fix' } },
      ProductFields: {},
      Resources: [{ Type: 'AwsEc2SecurityGroup', Id: resourceArn, Partition: 'aws', Region: region }],
      Compliance: {
        Status: status === 'FAILED' ? 'FAILED' : status === 'PASSED' ? 'PASSED' : 'NOT_AVAILABLE',
        ...(options.requirements ? { RelatedRequirements: options.requirements } : {}),
      },
      FindingProviderFields: { Severity: { Label: label, Original: severity }, Types: [] },
      RecordState: status === 'ARCHIVED' ? 'ARCHIVED' : 'ACTIVE',
    },
    status,
    checkId,
    checkTitle: 'A check title',
    service: 'ec2',
    severity,
    accountId,
    region,
    resourceType: 'AwsEc2SecurityGroup',
    resourceArn,
    resourceId,
    summary: options.summary ?? 'port 22 open to 0.0.0.0/0',
    evidence: options.evidence ?? { status: 'open_completely' },
    remediation: { text: 'Fix it', url: 'https://docs.aws.amazon.com/fix' },
    ...(options.exemption ? { exemption: options.exemption } : {}),
  };
}

/** A minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  return rows;
}

const HEADER = [
  'account', 'region', 'service', 'check_id', 'check_title', 'status', 'severity', 'check_severity', 'resource_type',
  'resource_id', 'resource_arn', 'summary', 'description', 'evidence', 'exempt_reason', 'exempt_expires', 'remediation_text',
  'remediation_url', 'compliance_ids', 'finding_id', 'first_observed_at', 'last_observed_at', 'updated_at',
];

function column(rows: string[][], name: string): string[] {
  const index = HEADER.indexOf(name);
  return rows.slice(1).map((row) => row[index] ?? '');
}

describe('renderCsv', () => {
  it('writes the header row, CRLF line ends and one row per entry', () => {
    const entries = [makeEntry(), makeEntry({ status: 'PASSED', resourceId: 'sg-0456' })];

    const csv = renderCsv(entries);

    const lines = csv.split('\r\n');
    assert.equal(lines[0], HEADER.join(','));
    assert.equal(lines.length, 4, 'header, two rows, and the empty string after the last CRLF');
    assert.equal(lines[3], '');
    assert.ok(!/[^\r]\n/.test(csv), 'no bare LF');
  });

  it('writes only the header for no entries', () => {
    const csv = renderCsv([]);

    assert.equal(csv, `${HEADER.join(',')}\r\n`);
  });

  it('fills every column from the entry and its finding', () => {
    const entry = makeEntry({
      severity: 'CRITICAL',
      evidence: { ports: [22, 3389] },
      exemption: { reason: 'bastion', expires: '2030-01-01' },
      description: 'Failed: port 22 open | Security groups must not open admin ports.',
      requirements: ['AWS Foundational Security Best Practices EC2.19', 'CIS AWS Foundations Benchmark v3.0.0 5.2'],
    });

    const [, row] = parseCsv(renderCsv([entry]));

    assert.deepEqual(row, [
      '111111111111', 'eu-west-1', 'ec2', 'ec2-security-group-no-public-restricted-ports', 'A check title', 'FAILED', 'CRITICAL', 'CRITICAL',
      'AwsEc2SecurityGroup', 'sg-0123', 'arn:aws:ec2:eu-west-1:111111111111:security-group/sg-0123', 'port 22 open to 0.0.0.0/0',
      'Failed: port 22 open | Security groups must not open admin ports.', '{"ports":[22,3389]}', 'bastion', '2030-01-01', 'Fix it',
      'https://docs.aws.amazon.com/fix', 'AWS Foundational Security Best Practices EC2.19;CIS AWS Foundations Benchmark v3.0.0 5.2', entry.finding.Id,
      '2024-05-01T10:00:00.000Z', '2024-06-01T10:00:00.000Z', '2024-06-01T10:00:00.000Z',
    ]);
  });

  it('reports INFORMATIONAL as the severity of non-failed results, and the check severity beside it', () => {
    const entries = [makeEntry({ status: 'PASSED', severity: 'HIGH' }), makeEntry({ status: 'ERROR', severity: 'LOW', resourceId: 'sg-2' })];

    const rows = parseCsv(renderCsv(entries));

    assert.deepEqual(column(rows, 'severity'), ['INFORMATIONAL', 'INFORMATIONAL']);
    assert.deepEqual(column(rows, 'check_severity'), ['LOW', 'HIGH']);
  });

  it('quotes fields with commas, quotes, CR or LF and doubles embedded quotes', () => {
    const entry = makeEntry({ resourceId: 'a,b', summary: 'group "web" is open' });
    const multiline = makeEntry({ resourceId: 'line1\nline2', summary: 'cr\rhere', accountId: '222222222222' });

    const csv = renderCsv([entry, multiline]);

    assert.ok(csv.includes(',"a,b",'));
    assert.ok(csv.includes(',"group ""web"" is open",'));
    assert.ok(csv.includes(',"line1\nline2",'));
    assert.ok(csv.includes(',"cr\rhere",'));
    assert.ok(csv.includes(',ec2,ec2-security-group-no-public-restricted-ports,'), 'plain values are not quoted');
  });

  it('neutralises values a spreadsheet would run as a formula', () => {
    const dangerous = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\tstart', '\rstart'];
    const entries = dangerous.map((resourceId, i) => makeEntry({ resourceId, accountId: `10000000000${i}` }));

    const rows = parseCsv(renderCsv(entries));

    assert.deepEqual(column(rows, 'resource_id'), dangerous.map((value) => `'${value}`));
    assert.ok(column(rows, 'resource_arn').every((arn) => arn.startsWith('arn:aws:ec2:')), 'only the leading character matters');
  });

  it('neutralises a formula in the new description column too', () => {
    const rows = parseCsv(renderCsv([makeEntry({ description: '=cmd|"/c calc"!A1' })]));

    assert.deepEqual(column(rows, 'description'), [`'=cmd|"/c calc"!A1`]);
  });

  it('leaves values with formula characters after the first one alone', () => {
    const rows = parseCsv(renderCsv([makeEntry({ resourceId: 'sg-1=2', summary: 'a+b@c' })]));

    assert.deepEqual(column(rows, 'resource_id'), ['sg-1=2']);
    assert.deepEqual(column(rows, 'summary'), ['a+b@c']);
  });

  it('orders FAILED by severity, then ERROR, PASSED, ARCHIVED, with ties by account, region, check and resource', () => {
    const entries = [
      makeEntry({ status: 'ARCHIVED', resourceId: 'archived' }),
      makeEntry({ status: 'PASSED', resourceId: 'passed' }),
      makeEntry({ status: 'FAILED', severity: 'LOW', resourceId: 'low' }),
      makeEntry({ status: 'ERROR', resourceId: 'error' }),
      makeEntry({ status: 'FAILED', severity: 'HIGH', resourceId: 'high-b', accountId: '222222222222' }),
      makeEntry({ status: 'FAILED', severity: 'HIGH', resourceId: 'high-d', region: 'us-east-1' }),
      makeEntry({ status: 'FAILED', severity: 'HIGH', resourceId: 'high-c', checkId: 'z-check' }),
      makeEntry({ status: 'FAILED', severity: 'HIGH', resourceId: 'high-a2' }),
      makeEntry({ status: 'FAILED', severity: 'HIGH', resourceId: 'high-a1' }),
      makeEntry({ status: 'FAILED', severity: 'CRITICAL', resourceId: 'critical' }),
      makeEntry({ status: 'FAILED', severity: 'MEDIUM', resourceId: 'medium' }),
    ];

    const rows = parseCsv(renderCsv(entries));

    assert.deepEqual(column(rows, 'resource_id'), [
      'critical', 'high-a1', 'high-a2', 'high-c', 'high-d', 'high-b', 'medium', 'low', 'error', 'passed', 'archived',
    ]);
  });

  it('round-trips a tricky value through a CSV parser', () => {
    const tricky = 'He said "no", then\r\nleft; =not a formula here, \'quoted\'';
    const evidence: Evidence = { note: 'a "b", c\nd', rules: [{ cidr: '0.0.0.0/0', port: 22 }] };

    const rows = parseCsv(renderCsv([makeEntry({ summary: tricky, evidence })]));

    assert.equal(rows.length, 2);
    assert.equal(rows[1]?.length, HEADER.length);
    assert.deepEqual(column(rows, 'summary'), [tricky]);
    assert.deepEqual(JSON.parse(column(rows, 'evidence')[0] ?? ''), evidence);
  });

  it('does not reorder the caller\'s array', () => {
    const entries = [makeEntry({ status: 'PASSED' }), makeEntry({ status: 'FAILED' })];

    renderCsv(entries);

    assert.deepEqual(entries.map((e) => e.status), ['PASSED', 'FAILED']);
  });
});
