/** The Block Kit content: essentials present, Block Kit limits kept, account-controlled text escaped and redacted. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { CheckMetadata, Severity } from '../../src/core/check.js';
import { startFakeSlack, type FakeSlack } from '../../src/emulator/fake-slack.js';
import { validateBlocks } from '../../src/emulator/fake-slack/blocks.js';
import type { ReportedFinding } from '../../src/report/model.js';
import { SlackMessages } from '../../src/report/slack/client.js';
import { changeReply, digestMessage, escapeMrkdwn, findingMessage, summaryMessage, truncate, type SlackMessage } from '../../src/report/slack/content.js';
import type { FindingRecord } from '../../src/state/record.js';

const META: CheckMetadata = {
  id: 'ec2-security-group-no-public-admin-ports',
  service: 'ec2',
  title: 'Security groups do not open admin ports to the internet',
  description: 'd',
  severity: 'HIGH',
  resourceType: 'AwsEc2SecurityGroup',
  findingTypes: ['Software and Configuration Checks'],
  remediation: { text: 'Remove the rule or limit it to known ranges.', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html' },
  compliance: { fsbp: ['EC2.19'], cis: ['5.2'] },
};

function finding(overrides: Partial<FindingRecord> = {}, severity: Severity = 'HIGH'): ReportedFinding {
  const record = {
    pk: 'F#1',
    sk: 'FINDING',
    findingId: 'arn:aws:securityhub:us-east-1:123456789012:rampart/ec2-sg/sg-0123',
    accountId: '123456789012',
    region: 'us-east-1',
    checkId: META.id,
    service: 'ec2',
    resource: {
      type: 'AwsEc2SecurityGroup',
      arn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123',
      id: 'sg-0123',
      region: 'us-east-1',
      partition: 'aws',
      tags: { owner: 'alice@example.com' },
    },
    status: 'FAILED',
    recordState: 'ACTIVE',
    severity,
    findingSeverity: severity,
    title: META.title,
    summary: 'sg-0123 allows 0.0.0.0/0 on port 22',
    evidence: { rule: { protocol: 'tcp', fromPort: 22, toPort: 22, cidr: '0.0.0.0/0' } },
    fingerprint: 'f',
    firstSeenAt: '2025-01-02T03:04:05.000Z',
    lastSeenAt: '2025-01-09T03:04:05.000Z',
    lastUpdatedAt: '2025-01-09T03:04:05.000Z',
    state: 'FAILED',
    scopeKey: 's',
    accountStateKey: 'a',
    checkStateKey: 'c',
    ...overrides,
  } as FindingRecord;
  return { record, meta: META, lastSeenAt: '2025-01-09T03:04:05.000Z', scanTime: '2025-01-10T00:00:00.000Z' };
}

/** Every text a message shows, joined. */
function allText(message: SlackMessage): string {
  const texts: string[] = [message.text];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key === 'text' && typeof item === 'string') texts.push(item);
        else walk(item);
      }
    }
  };
  walk(message.blocks);
  return texts.join('\n');
}

function assertValid(message: SlackMessage): void {
  assert.deepEqual(validateBlocks(message.blocks), []);
  assert.ok(message.blocks.length <= 50);
  assert.ok(message.text.length > 0 && message.text.length <= 3000);
}

describe('findingMessage', () => {
  it('carries the essentials: severity and title, account, region, resource, summary, evidence, remediation, seen dates, ticket', () => {
    const message = findingMessage(finding(), 'open', { ticket: { key: 'SEC-42', url: 'https://acme.atlassian.net/browse/SEC-42' } });

    assertValid(message);
    const header = message.blocks[0];
    assert.equal(header?.type, 'header');
    assert.match(JSON.stringify(header), /HIGH · Security groups do not open admin ports/);
    const text = allText(message);
    for (const expected of ['123456789012', 'us-east-1', 'sg-0123', 'allows 0.0.0.0/0 on port 22', '"fromPort": 22', 'Remove the rule', '<https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html|Documentation>', '<https://acme.atlassian.net/browse/SEC-42|SEC-42>', '<!date^1735787045^', 'FSBP EC2.19']) {
      assert.ok(text.includes(expected), `missing ${expected}`);
    }
    assert.match(message.text, /^HIGH finding: Security groups .*sg-0123 in 123456789012 us-east-1$/);
  });

  it('escapes &, < and > in account-controlled text, so a tag or name cannot forge a link or mention', () => {
    const hostile = finding({
      summary: 'group <!channel> & <https://evil.example|click>',
      resource: { type: 'AwsEc2SecurityGroup', arn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-1', id: 'sg-<@U0ALICE>', region: 'us-east-1', partition: 'aws', tags: { team: '<!here> pay&ments' } },
      evidence: { groupName: '<https://evil.example|login>' },
    });

    const message = findingMessage(hostile, 'open');

    assertValid(message);
    const text = allText(message);
    for (const raw of ['<!channel>', '<!here>', '<@U0ALICE>', '<https://evil.example']) assert.ok(!text.includes(raw), `unescaped ${raw}`);
    assert.ok(text.includes('group &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;'));
    assert.ok(text.includes('&lt;!here&gt; pay&amp;ments'));
    assert.ok(text.includes('sg-&lt;@U0ALICE&gt;'));
  });

  it('bounds huge evidence, a huge summary and many tags within Block Kit limits', () => {
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`tag${i}`, 'v'.repeat(256)]));
    const huge = finding({
      summary: '<'.repeat(10_000),
      evidence: { rules: Array.from({ length: 2000 }, (_, i) => ({ cidr: `10.0.${i % 256}.0/24`, note: '<&>' })) },
      resource: { type: 'AwsEc2SecurityGroup', arn: `arn:aws:ec2:us-east-1:123456789012:security-group/${'x'.repeat(3000)}`, id: 'y'.repeat(3000), region: 'us-east-1', partition: 'aws', tags },
    });

    const message = findingMessage(huge, 'open');

    assertValid(message);
    assert.match(allText(message), /more characters/);
    assert.ok(!/&[a-z]{0,3}…/.test(JSON.stringify(message.blocks)), 'no entity cut in half');
  });

  it('redacts credentials that reached the evidence or summary', () => {
    const leaky = finding({ summary: 'token xoxb-1111-2222-abcdefghijkl in user data', evidence: { env: { RAMPART_SLACK_TOKEN: 'xoxb-1111-2222-abcdefghijkl', key: 'AKIAIOSFODNN7EXAMPLE' } } });

    const text = allText(findingMessage(leaky, 'open'));

    assert.ok(!text.includes('xoxb-1111-2222-abcdefghijkl'));
    assert.ok(!text.includes('AKIAIOSFODNN7EXAMPLE'));
    assert.ok(text.includes('[REDACTED]'));
  });

  it('says why and when a finding was resolved: fixed, deleted or exempted', () => {
    const fixed = findingMessage(finding({ status: 'PASSED', resolvedAt: '2025-01-10T00:00:00.000Z' }), 'resolved');
    const deleted = findingMessage(finding({ recordState: 'ARCHIVED', archivedAt: '2025-01-10T00:00:00.000Z', archiveReason: 'resource deleted' }), 'resolved');
    const exempted = findingMessage(finding({ exemption: { reason: 'bastion <approved> by SEC-7', expires: '2025-06-30' } }), 'resolved', { ticket: { key: 'SEC-42', url: 'https://acme.atlassian.net/browse/SEC-42' } });
    const explicit = findingMessage(finding(), 'resolved', { reason: 'deleted' });

    for (const message of [fixed, deleted, exempted, explicit]) assertValid(message);
    assert.match(allText(fixed), /Resolved \(fixed\)/);
    assert.match(allText(fixed), /now passes the check, <!date\^1736467200\^/);
    assert.match(allText(deleted), /Resolved \(deleted\).*no longer exists \(resource deleted\)/s);
    assert.match(allText(exempted), /exempted: bastion &lt;approved&gt; by SEC-7 \(until 2025-06-30\)/);
    assert.match(allText(exempted), /SEC-42/);
    assert.match(explicit.text, /^Resolved \(deleted\)/);
    assert.ok(!allText(fixed).includes('Evidence'), 'a resolved message drops the evidence and remediation');
  });

  it('is accepted by the fake Slack as posted and as an edit', async () => {
    const fake: FakeSlack = await startFakeSlack();
    try {
      const slack = new SlackMessages({ token: fake.token, slackApiUrl: fake.apiUrl, channelIntervalMs: 0, retry: { retries: 0 } });
      const huge = finding({ evidence: { blob: 'z<'.repeat(50_000) } });

      const posted = await slack.post('#security', findingMessage(huge, 'open'));
      await slack.update(posted.channel, posted.ts, findingMessage(huge, 'resolved', { reason: 'fixed' }));
      await slack.post('#security', digestMessage(Array.from({ length: 500 }, () => huge), '#security'));

      assert.equal(fake.messages.C0SECURITY?.length, 2);
      assert.match(fake.message('C0SECURITY', posted.ts)?.text ?? '', /^Resolved/);
    } finally {
      await fake.close();
    }
  });
});

describe('changeReply', () => {
  it('names each change before → after, escaped and bounded', () => {
    const text = changeReply(
      [
        { field: 'severity', before: 'HIGH', after: 'CRITICAL' },
        { field: 'tags', before: 'team=a', after: 'team=<!channel>' },
        { field: 'evidence', before: 'x'.repeat(20_000), after: 'y'.repeat(20_000) },
      ],
      '2025-01-10T00:00:00.000Z',
    );

    assert.match(text, /^Changed on the scan of <!date\^1736467200\^/);
    assert.match(text, /\*Severity\*: `HIGH` → `CRITICAL`/);
    assert.match(text, /`team=&lt;!channel&gt;`/);
    assert.match(text, /\*Evidence\*\n {3}before: `x+…`\n {3}after: `y+…`/);
    assert.ok(text.length <= 3000);
  });
});

describe('digestMessage', () => {
  it('lists the most severe first and ends in "and N more" within the limits', () => {
    const findings = Array.from({ length: 300 }, (_, i) => finding({ findingId: `f${i}`, resource: { type: 'AwsS3Bucket', arn: `arn:aws:s3:::bucket-${i}`, id: `bucket-${i}-${'n'.repeat(150)}`, region: 'us-east-1', partition: 'aws', tags: {} } }, i === 299 ? 'CRITICAL' : 'MEDIUM'));

    const message = digestMessage(findings, '#security');

    assertValid(message);
    const body = JSON.stringify(message.blocks);
    assert.match(body, /rampart: 300 findings to look at/);
    assert.match(body, /1 CRITICAL, 299 MEDIUM/);
    assert.match(body, /and 260 more/);
    assert.ok(body.indexOf('bucket-299') < body.indexOf('bucket-0-'), 'CRITICAL first');
  });

  it('packs many long lines into sections without passing 50 blocks', () => {
    const findings = Array.from({ length: 2000 }, (_, i) => finding({ findingId: `f${i}`, title: `t${'<'.repeat(300)}` }));

    const message = digestMessage(findings, '#security', { maxListed: 2000 });

    assertValid(message);
    assert.match(JSON.stringify(message.blocks.at(-1)), /and \d+ more/);
  });

  it('links tickets given by finding id', () => {
    const one = finding();
    const message = digestMessage([one], '#security', { tickets: new Map([[one.record.findingId, { key: 'SEC-1', url: 'https://acme.atlassian.net/browse/SEC-1' }]]) });

    assert.match(JSON.stringify(message.blocks), /<https:\/\/acme.atlassian.net\/browse\/SEC-1\|SEC-1>/);
    assert.match(message.text, /^rampart: 1 finding \(1 HIGH\)$/);
  });
});

describe('summaryMessage', () => {
  it('shows new, resolved, open by severity and the top accounts', () => {
    const message = summaryMessage({
      new: 3,
      resolved: 2,
      openBySeverity: { CRITICAL: 1, HIGH: 4, MEDIUM: 0, LOW: 2, INFORMATIONAL: 0 },
      topAccounts: [{ accountId: '123456789012', open: 5 }, { accountId: '210987654321', open: 2 }],
      scanTime: '2025-01-10T00:00:00.000Z',
    });

    assertValid(message);
    assert.equal(message.text, 'rampart: 3 new, 2 resolved, 7 open (1 CRITICAL, 4 HIGH, 2 LOW)');
    const body = JSON.stringify(message.blocks);
    assert.match(body, /1\. `123456789012`: 5 open/);
    assert.ok(!body.includes('MEDIUM'));
  });
});

describe('text helpers', () => {
  it('escape and truncate never split an entity', () => {
    assert.equal(escapeMrkdwn('a<b>&c'), 'a&lt;b&gt;&amp;c');
    assert.equal(truncate('ab&amp;cd', 5), 'ab…');
    assert.equal(truncate('short', 10), 'short');
  });
});
