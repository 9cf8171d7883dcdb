import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Evidence, Severity } from '../../src/core/check.js';
import type { EntryStatus, FileEntry, ScanSummary } from '../../src/publish/report-model.js';
import { renderHtmlReport } from '../../src/publish/html-report.js';

interface EntryOptions {
  status?: EntryStatus;
  severity?: Severity;
  checkId?: string;
  checkTitle?: string;
  service?: string;
  accountId?: string;
  region?: string;
  resourceId?: string;
  summary?: string;
  evidence?: Evidence;
  remediationUrl?: string;
  requirements?: string[];
  exemption?: FileEntry['exemption'];
}

function makeEntry(options: EntryOptions = {}): FileEntry {
  const status = options.status ?? 'FAILED';
  const severity = options.severity ?? 'HIGH';
  const checkId = options.checkId ?? 'ec2-security-group-no-public-restricted-ports';
  const checkTitle = options.checkTitle ?? 'Security groups do not open restricted ports to the internet';
  const accountId = options.accountId ?? '111111111111';
  const region = options.region ?? 'eu-west-1';
  const resourceId = options.resourceId ?? 'sg-0123';
  const resourceArn = `arn:aws:ec2:${region}:${accountId}:security-group/${resourceId}`;
  const remediation = { text: 'Remove the public ranges from the listed rules.', url: options.remediationUrl ?? 'https://docs.aws.amazon.com/vpc/rules.html' };
  const label: Severity = status === 'FAILED' ? severity : 'INFORMATIONAL';
  return {
    finding: {
      SchemaVersion: '2018-10-08',
      Id: `rampart/${accountId}/${region}/${checkId}/${resourceArn}`,
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
      Title: checkTitle,
      Description: 'A description',
      Remediation: { Recommendation: { Text: remediation.text, Url: remediation.url } },
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
    checkTitle,
    service: options.service ?? 'ec2',
    severity,
    accountId,
    region,
    resourceType: 'AwsEc2SecurityGroup',
    resourceArn,
    resourceId,
    summary: options.summary ?? 'port 22 open to 0.0.0.0/0',
    evidence: options.evidence ?? { status: 'open_completely' },
    remediation,
    ...(options.exemption ? { exemption: options.exemption } : {}),
  };
}

function zeroCounts(): Record<Severity, number> {
  return { INFORMATIONAL: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 };
}

function makeSummary(overrides: Partial<ScanSummary> = {}): ScanSummary {
  return {
    tool: { name: 'rampart', version: '0.1.0' },
    startedAt: '2024-06-01T10:00:00.000Z',
    finishedAt: '2024-06-01T10:01:23.000Z',
    durationMs: 83_000,
    accounts: ['111111111111'],
    regions: ['eu-west-1'],
    checksRun: 2,
    resources: 5,
    counts: { PASSED: zeroCounts(), FAILED: zeroCounts(), ERROR: zeroCounts() },
    keptFailed: 0,
    notReevaluated: 0,
    collectionFailures: [],
    publish: { imported: 0, failed: 0, unchanged: 0, archived: 0, suppressed: 0, pending: 0 },
    phases: { collectMs: 0, reconcileMs: 0, publishMs: 0, recordMs: 0 },
    problems: [],
    ...overrides,
  };
}

function countOf(page: string, name: string): number {
  const match = new RegExp(`data-count="${name}">(\\d+)<`).exec(page);
  assert.ok(match, `count cell ${name} is present`);
  return Number(match[1]);
}

const SCRIPT = '<script>alert(1)</script>';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';

describe('renderHtmlReport', () => {
  it('is one self-contained HTML5 page titled "rampart report"', () => {
    const page = renderHtmlReport([makeEntry()], makeSummary());

    assert.ok(page.startsWith('<!DOCTYPE html>'));
    assert.ok(page.includes('<title>rampart report</title>'));
    assert.ok(page.includes('<style>'));
    assert.equal(page.split(/<script/i).length - 1, 1, 'one script, inline');
    assert.ok(!/<script[^>]|<link|<img|<iframe|\bsrc=|@import|url\(/i.test(page), 'no external resources');
    assert.ok(!page.includes('http://'), 'no plain-http reference');
    assert.ok(page.includes('@media print'));
  });

  it('shows the scan facts', () => {
    const summary = makeSummary({ accounts: ['111111111111', '222222222222'], regions: ['eu-west-1', 'us-east-1'], checksRun: 17, resources: 342 });

    const page = renderHtmlReport([], summary);

    for (const text of ['111111111111, 222222222222', 'eu-west-1, us-east-1', '2024-06-01T10:00:00.000Z', '1 min 23 s', 'rampart 0.1.0', '>17<', '>342<']) {
      assert.ok(page.includes(text), `facts include ${text}`);
    }
  });

  it('has every section, in reading order', () => {
    const entries = [
      makeEntry(),
      makeEntry({ status: 'ERROR', resourceId: 'sg-err', summary: 'AccessDenied on DescribeSecurityGroupRules' }),
      makeEntry({ status: 'PASSED', resourceId: 'sg-ok' }),
    ];
    const summary = makeSummary({ problems: ['Security Hub is not enabled in us-east-1'] });

    const page = renderHtmlReport(entries, summary);

    const ids = ['facts', 'summary', 'breakdown', 'by-service', 'by-account', 'regions', 'problems', 'findings', 'failures', 'errors', 'passed'];
    const positions = ids.map((id) => page.indexOf(`id="${id}"`));
    positions.forEach((position, i) => assert.ok(position > 0, `section ${ids[i]} is present`));
    assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
    assert.match(page, /<details>\s*<summary>1 check passed: 1 passed finding<\/summary>/);
    assert.ok(page.includes('AccessDenied on DescribeSecurityGroupRules'));
  });

  it('shows the FAILED counts per severity and the PASSED and ERROR totals', () => {
    const summary = makeSummary({
      counts: {
        FAILED: { CRITICAL: 2, HIGH: 5, MEDIUM: 0, LOW: 7, INFORMATIONAL: 1 },
        PASSED: { CRITICAL: 3, HIGH: 4, MEDIUM: 0, LOW: 0, INFORMATIONAL: 6 },
        ERROR: { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 0, INFORMATIONAL: 0 },
      },
    });

    const page = renderHtmlReport([], summary);

    assert.equal(countOf(page, 'failed-critical'), 2);
    assert.equal(countOf(page, 'failed-high'), 5);
    assert.equal(countOf(page, 'failed-medium'), 0);
    assert.equal(countOf(page, 'failed-low'), 7);
    assert.equal(countOf(page, 'failed-informational'), 1);
    assert.equal(countOf(page, 'failed-total'), 15);
    assert.equal(countOf(page, 'passed'), 13);
    assert.equal(countOf(page, 'error'), 3);
  });

  it('breaks failures down by service and by account', () => {
    const entries = [
      makeEntry({ service: 'ec2', severity: 'HIGH', resourceId: 'sg-1' }),
      makeEntry({ service: 'ec2', severity: 'CRITICAL', resourceId: 'sg-2', accountId: '222222222222' }),
      makeEntry({ service: 's3', severity: 'MEDIUM', checkId: 's3-bucket-blocks-public-access', resourceId: 'bucket', exemption: { reason: 'public website' } }),
      makeEntry({ service: 'ec2', status: 'PASSED', resourceId: 'sg-3' }),
    ];

    const page = renderHtmlReport(entries, makeSummary());

    const byService = page.slice(page.indexOf('id="by-service"'), page.indexOf('id="by-account"'));
    // service, failed, CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, exempted
    assert.deepEqual(tableRow(byService, 'ec2'), ['ec2', '2', '1', '1', '0', '0', '0', '0']);
    assert.deepEqual(tableRow(byService, 's3'), ['s3', '1', '0', '0', '1', '0', '0', '1']);
    const byAccount = page.slice(page.indexOf('id="by-account"'));
    assert.deepEqual(tableRow(byAccount, '111111111111'), ['111111111111', '2', '0', '1', '1', '0', '0', '1']);
    assert.deepEqual(tableRow(byAccount, '222222222222'), ['222222222222', '1', '1', '0', '0', '0', '0', '0']);
  });

  it('escapes attacker-controlled text everywhere it appears', () => {
    const hostileId = `sg-"x' onmouseover='alert(1)`;
    const entries = [
      makeEntry({
        resourceId: hostileId,
        summary: `name ${SCRIPT}`,
        checkTitle: `title ${SCRIPT}`,
        evidence: {
          groupName: SCRIPT,
          perms: [{ protocol: 'tcp', cidr: SCRIPT }],
          nested: { deeper: { tag: SCRIPT } },
          [SCRIPT]: 'key',
        },
        exemption: { reason: SCRIPT, expires: SCRIPT },
      }),
      makeEntry({ status: 'ERROR', resourceId: hostileId, summary: SCRIPT }),
      makeEntry({ status: 'PASSED', resourceId: hostileId, checkId: 'other', checkTitle: SCRIPT }),
    ];
    const summary = makeSummary({
      accounts: [SCRIPT],
      problems: [SCRIPT],
      collectionFailures: [{ accountId: '1', region: 'eu-west-1', collector: SCRIPT, checks: [SCRIPT], message: SCRIPT }],
    });

    const page = renderHtmlReport(entries, summary);

    assert.equal(page.split(/<script/i).length - 1, 1, 'no script element but the report\'s own');
    assert.ok(!page.includes(hostileId), 'the hostile id never appears raw');
    assert.ok(!page.includes("onmouseover='"), 'no attribute can be injected');
    assert.ok(page.includes('sg-&quot;x&#39; onmouseover=&#39;alert(1)'));
    assert.ok(page.includes(`<pre>{\n  &quot;deeper&quot;: {\n    &quot;tag&quot;: &quot;${ESCAPED_SCRIPT}&quot;`), 'nested evidence is escaped JSON');
    const occurrences = page.split(ESCAPED_SCRIPT).length - 1;
    assert.ok(occurrences >= 14, `every hostile value is shown escaped (${occurrences})`);
  });

  it('renders arrays of evidence objects as tables and other structures as JSON', () => {
    const evidence: Evidence = {
      status: 'open_completely',
      ports: [22, 3389],
      perms: [
        { protocol: 'tcp', from_port: 22, to_port: 22, cidr: '0.0.0.0/0', status: 'open_completely', restricted_ports: [22] },
        { protocol: '-1', from_port: 0, to_port: 65535, cidr: '::/0', status: 'open_completely', restricted_ports: [22, 3389] },
      ],
      tags: { env: 'prod' },
    };

    const page = renderHtmlReport([makeEntry({ evidence })], makeSummary());

    assert.ok(page.includes('<th>protocol</th><th>from_port</th><th>to_port</th><th>cidr</th><th>status</th><th>restricted_ports</th>'));
    assert.ok(page.includes('<td>-1</td><td>0</td><td>65535</td><td>::/0</td><td>open_completely</td><td>22, 3389</td>'));
    assert.ok(page.includes('<tr><th scope="row">ports</th><td>22, 3389</td></tr>'));
    assert.ok(page.includes('<pre>{\n  &quot;env&quot;: &quot;prod&quot;\n}</pre>'));
  });

  it('groups failing resources by check, most severe first, with compliance ids and remediation', () => {
    const entries = [
      makeEntry({ checkId: 'b-low', severity: 'LOW', checkTitle: 'Low check' }),
      makeEntry({ checkId: 'a-critical', severity: 'CRITICAL', checkTitle: 'Critical check', requirements: ['CIS AWS Foundations Benchmark v3.0.0 5.2', 'NIST.800-53.r5 AC-4'] }),
      makeEntry({ checkId: 'c-high', severity: 'HIGH', checkTitle: 'High check 2' }),
      makeEntry({ checkId: 'b-high', severity: 'HIGH', checkTitle: 'High check 1', resourceId: 'sg-1' }),
      makeEntry({ checkId: 'b-high', severity: 'HIGH', checkTitle: 'High check 1', resourceId: 'sg-2' }),
    ];

    const page = renderHtmlReport(entries, makeSummary());

    const order = ['a-critical', 'b-high', 'c-high', 'b-low'].map((id) => page.indexOf(`id="check-${id}"`));
    assert.ok(order.every((position) => position > 0));
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
    assert.ok(page.includes('CIS AWS Foundations Benchmark v3.0.0 5.2; NIST.800-53.r5 AC-4'));
    assert.ok(page.includes('2 failing findings'));
    assert.ok(page.includes('<h2>Failing findings (5)</h2>'), 'the heading counts findings');
    assert.ok(page.includes('<a href="https://docs.aws.amazon.com/vpc/rules.html" rel="noopener noreferrer">'));
    assert.ok(page.includes('Remove the public ranges from the listed rules.'));
  });

  it('links only https remediation URLs', () => {
    const entries = [
      makeEntry({ checkId: 'js', remediationUrl: 'javascript:alert(document.cookie)' }),
      makeEntry({ checkId: 'http', remediationUrl: 'http://example.com/fix' }),
      makeEntry({ checkId: 'spaced', remediationUrl: ' https://example.com/fix' }),
    ];

    const page = renderHtmlReport(entries, makeSummary());

    assert.ok(!/href="\s*javascript:/i.test(page));
    assert.ok(!page.includes('href="http://'));
    assert.ok(!page.includes('href=" https://'));
    assert.ok(page.includes('<span class="url">javascript:alert(document.cookie)</span>'), 'shown as text');
  });

  it('marks exempted findings with their reason and expiry', () => {
    const entries = [makeEntry({ resourceId: 'sg-bastion', exemption: { reason: 'approved bastion host', expires: '2030-01-01' } })];

    const page = renderHtmlReport(entries, makeSummary());

    assert.ok(page.includes('<span class="badge exempt">EXEMPTED</span>'));
    assert.ok(page.includes('Exempted (suppressed in Security Hub): approved bastion host (expires 2030-01-01)'));
  });

  it('makes collection failures and problems prominent', () => {
    const summary = makeSummary({
      collectionFailures: [{ accountId: '222222222222', region: 'us-east-1', collector: 'ec2-network', checks: ['ec2-a', 'ec2-b'], message: 'AccessDenied' }],
      problems: ['Security Hub is not enabled in us-east-1'],
    });

    const page = renderHtmlReport([], summary);

    assert.match(page, /<div class="alert" role="alert"><strong>This run is incomplete:<\/strong> 1 collection failure, 1 problem\./);
    assert.ok(page.indexOf('role="alert"') < page.indexOf('id="facts"'), 'the banner comes before everything else');
    assert.ok(page.includes('<li>Security Hub is not enabled in us-east-1</li>'));
    assert.ok(page.includes('<td>ec2-a, ec2-b</td><td>AccessDenied</td>'));
  });

  it('says results are complete, not missing, when only publishing or recording failed', () => {
    // prepare
    const summary = makeSummary({ problems: ['3 finding(s) in 111111111111/eu-west-1 failed to import into Security Hub'] });
    // act
    const page = renderHtmlReport([makeEntry()], summary);
    // assert
    assert.ok(!page.includes('missing resources'), 'no claim that resources may be missing');
    assert.ok(!page.includes('This run is incomplete'));
    assert.match(page, /<strong>Not everything was delivered:<\/strong> 1 problem publishing, recording or writing\. The results below are complete/);
    assert.ok(page.includes('<h2>Problems</h2>'));
    assert.ok(page.includes('<li>3 finding(s) in 111111111111/eu-west-1 failed to import into Security Hub</li>'));
  });

  it('allows its one inline script by the hash of its exact text', () => {
    // act
    const page = renderHtmlReport([makeEntry()], makeSummary());
    // assert
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1];
    assert.ok(script, 'the script is inline');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1]?.replaceAll('&#39;', "'");
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    assert.equal(csp, `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`);
  });

  it('lists every current finding in one flat table, filter controls hidden until the script runs', () => {
    // prepare
    const entries = [
      makeEntry({ status: 'PASSED', resourceId: 'sg-ok', region: 'us-east-1' }),
      makeEntry({ severity: 'CRITICAL', resourceId: 'sg-open', accountId: '222222222222' }),
      makeEntry({ status: 'ERROR', resourceId: 'sg-err', service: 'ec2' }),
      makeEntry({ status: 'ARCHIVED', resourceId: 'sg-gone' }),
      makeEntry({ service: 's3', checkId: 's3-check', severity: 'LOW', resourceId: 'bucket-1', exemption: { reason: 'public site' } }),
    ];
    // act
    const page = renderHtmlReport(entries, makeSummary());
    // assert
    const table = page.slice(page.indexOf('id="findings"'), page.indexOf('id="failures"'));
    assert.ok(table.includes('<h2>All findings (4)</h2>'), 'archived findings are not current');
    const rows = [...table.matchAll(/<tr data-severity="(\w+)" data-status="(\w+)" data-service="([\w-]+)" data-region="([\w-]+)" data-account="(\d+)">.*?<td><code>([\w-]+)<\/code><\/td><\/tr>/g)].map((m) => m.slice(1).join(' '));
    assert.deepEqual(rows, [
      'CRITICAL FAILED ec2 eu-west-1 222222222222 sg-open',
      'LOW FAILED s3 eu-west-1 111111111111 bucket-1',
      'HIGH ERROR ec2 eu-west-1 111111111111 sg-err',
      'HIGH PASSED ec2 us-east-1 111111111111 sg-ok',
    ]);
    assert.ok(table.includes('<div class="filters" id="findings-controls" hidden>'));
    assert.ok(table.includes('FAILED (exempted)'));
    assert.ok(table.includes('<select data-filter="severity"><option value="">all</option><option value="CRITICAL">CRITICAL</option><option value="HIGH">HIGH</option><option value="LOW">LOW</option></select>'));
    assert.ok(table.includes('<select data-filter="region"><option value="">all</option><option value="eu-west-1">eu-west-1</option><option value="us-east-1">us-east-1</option></select>'));
    for (const header of ['Severity', 'Status', 'Service', 'Region', 'Account', 'Check', 'Resource']) assert.ok(table.includes(`<th>${header}</th>`));
  });

  it('counts FAILED, PASSED and ERROR findings per region', () => {
    // prepare
    const entries = [
      makeEntry({ region: 'us-east-1', resourceId: 'a' }),
      makeEntry({ region: 'us-east-1', resourceId: 'b' }),
      makeEntry({ region: 'us-east-1', resourceId: 'c', status: 'PASSED' }),
      makeEntry({ region: 'eu-west-1', resourceId: 'd', status: 'ERROR' }),
      makeEntry({ region: 'eu-west-1', resourceId: 'e', status: 'PASSED' }),
      makeEntry({ region: 'eu-west-1', resourceId: 'f', status: 'ARCHIVED' }),
    ];
    // act
    const page = renderHtmlReport(entries, makeSummary());
    // assert
    const byRegion = page.slice(page.indexOf('id="by-region"'), page.indexOf('</table>', page.indexOf('id="by-region"')));
    // region, failed, passed, error
    assert.deepEqual(tableRow(byRegion, 'us-east-1'), ['us-east-1', '2', '1', '0']);
    assert.deepEqual(tableRow(byRegion, 'eu-west-1'), ['eu-west-1', '0', '1', '1']);
    assert.ok(byRegion.indexOf('us-east-1') < byRegion.indexOf('eu-west-1'), 'most failures first');
  });

  it('shows controls passed and failed per framework, a control failing on any unexempted failing finding', () => {
    // prepare
    const fsbp = (id: string) => `AWS Foundational Security Best Practices ${id}`;
    const cis = (id: string) => `CIS AWS Foundations Benchmark v3.0.0 ${id}`;
    const entries = [
      makeEntry({ checkId: 'ec2-a', requirements: [fsbp('EC2.19'), cis('5.2')], resourceId: 'sg-1' }),
      makeEntry({ checkId: 'ec2-a', requirements: [fsbp('EC2.19'), cis('5.2')], resourceId: 'sg-2' }),
      makeEntry({ checkId: 'ec2-b', requirements: [fsbp('EC2.2')], status: 'PASSED' }),
      makeEntry({ checkId: 'ec2-c', requirements: [fsbp('EC2.10')], exemption: { reason: 'accepted' } }),
      makeEntry({ checkId: 'ec2-d', requirements: [fsbp('EC2.3')], status: 'ERROR' }),
      makeEntry({ checkId: 'ec2-e', requirements: [fsbp('EC2.2'), 'NIST.800-53.r5 AC-4'], status: 'PASSED', resourceId: 'sg-3' }),
    ];
    // act
    const page = renderHtmlReport(entries, makeSummary());
    // assert
    const summaryTable = page.slice(page.indexOf('id="compliance-summary"'), page.indexOf('</table>', page.indexOf('id="compliance-summary"')));
    const row = (key: string) => [...(new RegExp(`<tr data-framework="${key}">(.*?)</tr>`).exec(summaryTable)?.[1] ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    // framework, controls evaluated, passed, failed
    assert.deepEqual(row('fsbp'), ['AWS Foundational Security Best Practices', '4', '2', '1']);
    assert.deepEqual(row('cis'), ['CIS AWS Foundations Benchmark v3.0.0', '1', '0', '1']);
    assert.deepEqual(row('nist'), ['NIST.800-53.r5', '1', '1', '0']);
    const failingFsbp = page.slice(page.indexOf('id="failing-fsbp"'), page.indexOf('</details>', page.indexOf('id="failing-fsbp"')));
    assert.ok(failingFsbp.includes('1 failing control'));
    assert.ok(failingFsbp.includes('<tr><td>EC2.19</td><td><a href="#check-ec2-a"><code>ec2-a</code></a> (2) </td></tr>'));
    assert.ok(page.includes('<p id="failing-nist"><strong>NIST.800-53.r5:</strong> no failing control.</p>'));
  });

  it('says who ran the scan: caller, profile and command line', () => {
    // prepare
    const summary = makeSummary({ runBy: { callerArn: 'arn:aws:sts::111111111111:assumed-role/Audit/alice', profile: 'audit', commandLine: 'rampart scan --regions eu-west-1 --output html' } });
    // act
    const page = renderHtmlReport([], summary);
    // assert
    assert.ok(page.includes('<tr><th scope="row">Run by</th><td>arn:aws:sts::111111111111:assumed-role/Audit/alice</td></tr>'));
    assert.ok(page.includes('<tr><th scope="row">Profile</th><td>audit</td></tr>'));
    assert.ok(page.includes('<tr><th scope="row">Command line</th><td>rampart scan --regions eu-west-1 --output html</td></tr>'));
  });

  it('omits the problem banner for a complete run', () => {
    const page = renderHtmlReport([makeEntry()], makeSummary());

    assert.ok(!page.includes('role="alert"'));
    assert.ok(!page.includes('id="problems"'));
  });

  it('says "No findings" for an empty report', () => {
    const page = renderHtmlReport([], makeSummary());

    assert.ok(page.includes('No findings: the run produced no results.'));
    assert.ok(page.includes('Every selected resource was evaluated.'));
    assert.ok(page.includes('No check passed on any resource.'));
    assert.ok(!page.includes('id="breakdown"'));
    assert.equal(countOf(page, 'failed-total'), 0);
    assert.ok(page.trimEnd().endsWith('</html>'));
  });

  it('says "No findings" when every resource passed', () => {
    const page = renderHtmlReport([makeEntry({ status: 'PASSED' })], makeSummary());

    assert.ok(page.includes('No findings: every evaluated resource passed.'));
  });
});

/** The cell texts of the first table row whose first cell is `key`. */
function tableRow(fragment: string, key: string): string[] {
  const row = new RegExp(`<tr><td>${key}</td>.*?</tr>`).exec(fragment);
  assert.ok(row, `row ${key} is present`);
  return [...row[0].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1] ?? '');
}
