import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { isAdfDoc } from '../../src/emulator/fake-jira.js';
import { sha256Hex } from '../../src/findings/ids.js';
import type { CheckMetadata } from '../../src/core/check.js';
import type { JiraRoute, ReportedFinding } from '../../src/report/model.js';
import type { FindingRecord } from '../../src/state/record.js';
import {
  SUMMARY_MAX,
  changeComment,
  closeComment,
  dueDate,
  evidenceText,
  reopenComment,
  replacedComment,
  securityHubFindingUrl,
  stableLabel,
  ticketContent,
  type AdfDoc,
  type AdfNode,
} from '../../src/report/jira/content.js';

const META: CheckMetadata = {
  id: 'ec2-security-group-no-public-admin-ports',
  service: 'ec2',
  title: 'Security groups do not open admin ports to the internet',
  description: 'SSH and RDP must not be reachable from public addresses.',
  severity: 'HIGH',
  resourceType: 'AwsEc2SecurityGroup',
  findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
  remediation: { text: 'Remove the rule or narrow its source.', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html' },
  compliance: { fsbp: ['EC2.19'], cis: ['5.2', '5.3'], nist: ['AC-4'] },
};

const FINDING_ID = 'rampart/123456789012/us-east-1/ec2-security-group-no-public-admin-ports/sha256:abc';

function record(overrides: Partial<FindingRecord> = {}): FindingRecord {
  return {
    pk: FINDING_ID,
    sk: 'FINDING',
    findingId: FINDING_ID,
    accountId: '123456789012',
    region: 'us-east-1',
    checkId: META.id,
    service: 'ec2',
    resource: { type: 'AwsEc2SecurityGroup', arn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0abc', id: 'sg-0abc', region: 'us-east-1', partition: 'aws', tags: { owner: 'alice@example.com' } },
    status: 'FAILED',
    recordState: 'ACTIVE',
    severity: 'HIGH',
    findingSeverity: 'HIGH',
    title: META.title,
    summary: 'Port 22 is open to 0.0.0.0/0.',
    evidence: { rule: { port: 22, cidr: '0.0.0.0/0' } },
    fingerprint: 'f',
    firstSeenAt: '2024-05-01T10:00:00.000Z',
    lastSeenAt: '2024-05-03T10:00:00.000Z',
    lastUpdatedAt: '2024-05-03T10:00:00.000Z',
    state: 'FAILED',
    scopeKey: 's',
    accountStateKey: 'a',
    checkStateKey: 'c',
    ...overrides,
  };
}

function finding(overrides: Partial<FindingRecord> = {}, meta: CheckMetadata | null = META): ReportedFinding {
  return { record: record(overrides), ...(meta ? { meta } : {}), lastSeenAt: '2024-05-03T10:00:00.000Z', scanTime: '2024-05-03T10:00:00.000Z' };
}

const ROUTE: JiraRoute = { project: 'SEC', issueType: 'Bug', labels: ['security', 'team payments'], components: [] };

/** Every node of a document, depth first. */
function nodes(doc: AdfDoc | AdfNode): AdfNode[] {
  const children = (doc.content ?? []) as AdfNode[];
  return children.flatMap((child) => [child, ...nodes(child)]);
}

const texts = (doc: AdfDoc): string[] => nodes(doc).filter((n) => n.type === 'text').map((n) => n.text as string);
const allText = (doc: AdfDoc): string => texts(doc).join('');

describe('Jira ticket content: fields', () => {
  it('stableLabel is rampart- and the first 16 hex of sha256 of the finding id', () => {
    // prepare
    const expected = `rampart-${sha256Hex(FINDING_ID).slice(0, 16)}`;

    // act
    const label = stableLabel(FINDING_ID);

    // assert
    assert.equal(label, expected);
    assert.match(label, /^rampart-[0-9a-f]{16}$/);
    assert.notEqual(stableLabel(`${FINDING_ID}x`), label);
  });

  it('builds summary, labels, priority, components, parent, assignee and due date from the finding and route', () => {
    // prepare
    const route: JiraRoute = { ...ROUTE, priority: 'High', components: ['Cloud'], parentKey: 'SEC-1', assigneeAccountId: 'acc-1', dueDays: 7 };

    // act
    const content = ticketContent(finding(), route);

    // assert
    assert.equal(content.project, 'SEC');
    assert.equal(content.issueType, 'Bug');
    assert.equal(content.summary, '[HIGH] Security groups do not open admin ports to the internet: sg-0abc');
    assert.deepEqual(content.labels, ['security', 'team-payments', 'rampart', stableLabel(FINDING_ID)]);
    assert.equal(content.priority, 'High');
    assert.deepEqual(content.components, ['Cloud']);
    assert.equal(content.parentKey, 'SEC-1');
    assert.equal(content.assigneeAccountId, 'acc-1');
    assert.equal(content.duedate, '2024-05-08');
  });

  it('leaves out optional fields the route does not set, and the due date without dueDays', () => {
    // act
    const content = ticketContent(finding(), ROUTE);

    // assert
    for (const key of ['priority', 'components', 'parentKey', 'assigneeAccountId', 'duedate'] as const) assert.equal(content[key], undefined, key);
  });

  it('due date counts from first seen in UTC across a month end, and 0 days is the same day', () => {
    assert.equal(dueDate('2024-01-30T23:30:00.000Z', 3), '2024-02-02');
    assert.equal(dueDate('2024-05-01T10:00:00.000Z', 0), '2024-05-01');
    assert.equal(dueDate('not a time', 3), undefined);
  });

  it('keeps the summary within 255 characters on one line, with severity, title start and the resource', () => {
    // prepare
    const longTitle = 'T'.repeat(300);
    const longId = `bucket-${'x'.repeat(250)}-end`;

    // act
    const summary = ticketContent(finding({ resource: { ...record().resource, id: `${longId}\nsecond line` } }, { ...META, title: longTitle }), ROUTE).summary;

    // assert
    assert.ok(summary.length <= SUMMARY_MAX, `length ${summary.length}`);
    assert.ok(summary.startsWith('[HIGH] TTT'));
    assert.match(summary, /bucket-x+…x+-end second line$/);
    assert.doesNotMatch(summary, /[\r\n]/);
  });

  it('falls back on the record title when the check left the catalogue', () => {
    const content = ticketContent(finding({ title: 'Old check' }, null), ROUTE);
    assert.equal(content.summary, '[HIGH] Old check: sg-0abc');
    assert.ok(isAdfDoc(content.description));
  });
});

describe('Jira ticket content: the ADF description', () => {
  it('is a valid ADF doc with account, region, ARN, summary, evidence code block, remediation link, compliance ids, console link and dates', () => {
    // act
    const description = ticketContent(finding(), ROUTE).description;

    // assert
    assert.ok(isAdfDoc(description));
    assert.equal(description.type, 'doc');
    assert.equal(description.version, 1);
    const text = allText(description);
    for (const expected of ['123456789012', 'us-east-1', 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0abc', 'Port 22 is open to 0.0.0.0/0.', 'Remove the rule or narrow its source.', 'EC2.19', '5.2, 5.3', 'AC-4', '2024-05-01T10:00:00.000Z', '2024-05-03T10:00:00.000Z', FINDING_ID]) {
      assert.ok(text.includes(expected), `description lacks ${expected}`);
    }
    const code = nodes(description).find((n) => n.type === 'codeBlock');
    assert.deepEqual(code?.attrs, { language: 'json' });
    assert.deepEqual(JSON.parse((code?.content?.[0] as AdfNode).text as string), { rule: { port: 22, cidr: '0.0.0.0/0' } });
    const links = nodes(description).flatMap((n) => n.marks ?? []).filter((m) => m.type === 'link').map((m) => m.attrs?.href);
    assert.ok(links.includes(META.remediation.url));
    assert.ok(links.includes(securityHubFindingUrl(FINDING_ID, 'us-east-1', 'aws')));
    assert.ok(texts(description).every((t) => t !== ''), 'no empty text node');
  });

  it('links the finding in the Security Hub console by its Id filter, double encoded, per partition', () => {
    const url = securityHubFindingUrl('rampart/1/us-east-1/c/sha256:ab', 'us-east-1', 'aws');
    assert.equal(url, 'https://us-east-1.console.aws.amazon.com/securityhub/home?region=us-east-1#/findings?search=Id%3D%255Coperator%255C%253AEQUALS%255C%253Arampart%252F1%252Fus-east-1%252Fc%252Fsha256%253Aab');
    assert.match(securityHubFindingUrl('x', 'cn-north-1', 'aws-cn') ?? '', /^https:\/\/cn-north-1\.console\.amazonaws\.cn\//);
    assert.equal(securityHubFindingUrl('x', 'us-iso-east-1', 'aws-iso'), undefined);
    assert.match(securityHubFindingUrl('x', 'us-east-1', 'aws', 'http://console.test/') ?? '', /^http:\/\/console\.test\/securityhub\/home\?region=us-east-1#/);
  });

  it('keeps user-controlled text as text: tags and resource ids with markup stay text nodes, never links or markup', () => {
    // prepare
    const hostile = '<script>alert(1)</script> [click](https://evil.example) *bold* {{macro}}';
    const f = finding({ summary: hostile, resource: { ...record().resource, id: 'sg-[x](https://evil.example)', tags: { 'team<b>': hostile } } });

    // act
    const description = ticketContent(f, ROUTE).description;

    // assert
    const hrefs = nodes(description).flatMap((n) => n.marks ?? []).filter((m) => m.type === 'link').map((m) => String(m.attrs?.href));
    assert.ok(hrefs.every((h) => !h.includes('evil.example')), `links: ${hrefs.join(', ')}`);
    assert.ok(texts(description).some((t) => t.includes(hostile)));
    assert.ok(allText(description).includes('team<b>'));
    assert.ok(nodes(description).every((n) => ['doc', 'paragraph', 'heading', 'bulletList', 'listItem', 'codeBlock', 'text'].includes(n.type)));
  });

  it('redacts secrets in evidence and bounds its size', () => {
    // prepare
    const evidence = { password: 'hunter2-is-long', statement: { Principal: '*' }, blob: 'y'.repeat(20_000) };

    // act
    const text = evidenceText(evidence, 1000);
    const description = ticketContent(finding({ evidence }), ROUTE).description;

    // assert
    assert.ok(!text.includes('hunter2'));
    assert.ok(text.includes('[REDACTED]'));
    assert.ok(text.length < 1200, `length ${text.length}`);
    assert.match(text, /cut: \d+ characters in all/);
    const code = nodes(description).find((n) => n.type === 'codeBlock');
    assert.ok(((code?.content?.[0] as AdfNode).text as string).length < 8200);
  });
});

describe('Jira ticket content: comments', () => {
  it('changeComment names every change before → after, evidence as code blocks', () => {
    // act
    const doc = changeComment(
      [
        { field: 'severity', before: 'MEDIUM', after: 'HIGH' },
        { field: 'tags', before: 'team=a', after: 'team=b' },
        { field: 'evidence', before: '{"port":22}', after: '{"port":3389}' },
      ],
      '2024-05-04T00:00:00.000Z',
    );

    // assert
    assert.ok(isAdfDoc(doc));
    const text = allText(doc);
    assert.ok(text.includes('2024-05-04T00:00:00.000Z'));
    assert.ok(text.includes('3 changes'));
    assert.ok(text.includes('Severity: MEDIUM → HIGH'));
    assert.ok(text.includes('Resource tags: team=a → team=b'));
    assert.deepEqual(nodes(doc).filter((n) => n.type === 'codeBlock').map((n) => n.content?.[0]?.text), ['{"port":22}', '{"port":3389}']);
  });

  it('closeComment, reopenComment and replacedComment say why and when', () => {
    const fixed = allText(closeComment('fixed', 'T1'));
    const deleted = allText(closeComment('deleted', 'T2'));
    const exempted = closeComment('exempted', 'T3', 'accepted risk until June');
    const reopened = allText(reopenComment('T4'));
    const replaced = allText(replacedComment('SEC-9'));

    assert.match(fixed, /T1.*passed/);
    assert.match(deleted, /T2.*no longer exists/);
    assert.match(allText(exempted), /T3.*exempted.*accepted risk until June/);
    assert.match(reopened, /T4.*reopens/);
    assert.match(replaced, /SEC-9/);
    for (const d of [closeComment('fixed', 'T1'), exempted, reopenComment('T4'), replacedComment('SEC-9')]) assert.ok(isAdfDoc(d));
  });
});
