import { describe, it } from 'vitest';
import { useFakeJira } from '../helpers/fake-jira.js';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { DEFAULT_CREDENTIALS, NO_REOPEN_WORKFLOW, isAdfDoc, startFakeJira, type FakeJira } from '../../src/emulator/fake-jira.js';
import type { CheckMetadata } from '../../src/core/check.js';
import type { JiraRoute, ReportedFinding } from '../../src/report/model.js';
import type { FindingRecord } from '../../src/state/record.js';
import { JiraError, JiraTickets, parseRetryAfter, type JiraTicketsOptions } from '../../src/report/jira/client.js';
import { closeComment, stableLabel, ticketContent, type AdfDoc } from '../../src/report/jira/content.js';

const META: CheckMetadata = {
  id: 's3-bucket-not-public',
  service: 's3',
  title: 'S3 buckets are not public',
  description: 'A bucket policy must not grant access to everyone.',
  severity: 'CRITICAL',
  resourceType: 'AwsS3Bucket',
  findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
  remediation: { text: 'Remove the public statement.', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html' },
  compliance: { fsbp: ['S3.2'], cis: ['2.1.4'] },
};

let findingCounter = 0;

function finding(id = `bucket-${++findingCounter}`): ReportedFinding {
  const findingId = `rampart/123456789012/us-east-1/${META.id}/sha256:${id}`;
  const record: FindingRecord = {
    pk: findingId,
    sk: 'FINDING',
    findingId,
    accountId: '123456789012',
    region: 'us-east-1',
    checkId: META.id,
    service: 's3',
    resource: { type: 'AwsS3Bucket', arn: `arn:aws:s3:::${id}`, id, region: 'us-east-1', partition: 'aws', tags: {} },
    status: 'FAILED',
    recordState: 'ACTIVE',
    severity: 'CRITICAL',
    findingSeverity: 'CRITICAL',
    title: META.title,
    summary: 'The bucket policy allows s3:GetObject to *.',
    evidence: { statement: { Effect: 'Allow', Principal: '*', Action: 's3:GetObject' } },
    fingerprint: 'f',
    firstSeenAt: '2024-05-01T10:00:00.000Z',
    lastSeenAt: '2024-05-01T10:00:00.000Z',
    lastUpdatedAt: '2024-05-01T10:00:00.000Z',
    state: 'FAILED',
    scopeKey: 's',
    accountStateKey: 'a',
    checkStateKey: 'c',
  };
  return { record, meta: META, lastSeenAt: record.lastSeenAt, scanTime: record.lastSeenAt };
}

const ROUTE: JiraRoute = { project: 'SEC', issueType: 'Bug', labels: ['security'], components: [] };

/** Fast retries for tests; the waits are recorded. */
function tickets(fake: FakeJira, overrides: Partial<JiraTicketsOptions> = {}): { jira: JiraTickets; waits: number[] } {
  const waits: number[] = [];
  const jira = new JiraTickets({
    siteUrl: fake.url,
    email: DEFAULT_CREDENTIALS.email,
    apiToken: DEFAULT_CREDENTIALS.apiToken,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    sleep: async (ms) => {
      waits.push(ms);
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    ...overrides,
  });
  return { jira, waits };
}


async function rejectsWith(promise: Promise<unknown>): Promise<JiraError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof JiraError, `not a JiraError: ${String(error)}`);
    return error;
  }
  assert.fail('expected a JiraError');
}

const doc = (text: string): AdfDoc => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('JiraTickets: setup checks', () => {
  const fake = useFakeJira({ requiredFields: [{ project: 'SEC', issueType: 'Task', fieldId: 'customfield_10042', name: 'Team' }] });

  it('checkSetup passes for SEC/Bug and caches the answer for the client life', async () => {
    // prepare
    const { jira } = tickets(fake());

    // act
    const first = await jira.checkSetup(ROUTE);
    const callsAfterFirst = jira.calls;
    const second = await jira.checkSetup({ project: 'SEC', issueType: 'bug' });

    // assert
    assert.deepEqual([...first.requiredFields].sort(), ['issuetype', 'project', 'summary']);
    assert.deepEqual(second, first);
    assert.equal(jira.calls, callsAfterFirst, 'the second check made no call');
    assert.equal(callsAfterFirst, fake().requests.length);
    assert.deepEqual(fake().requests.map((r) => r.path), ['/rest/api/3/myself', '/rest/api/3/project/SEC', '/rest/api/3/issue/createmeta/SEC/issuetypes', '/rest/api/3/issue/createmeta/SEC/issuetypes/10004']);
  });

  it('checkSetup names a required custom field rampart does not fill, before anything is created', async () => {
    // prepare
    const { jira } = tickets(fake());

    // act
    const error = await rejectsWith(jira.checkSetup({ project: 'SEC', issueType: 'Task' }));

    // assert
    assert.match(error.message, /Team \(customfield_10042\)/);
    assert.match(error.message, /reporting\.jira\.issueType/);
    assert.doesNotMatch(error.message, /\n/);
    assert.equal(fake().issues.size, 0);
    assert.ok(fake().requests.every((r) => r.method === 'GET'));
  });

  it('checkSetup names the setting for an unknown project and an unknown issue type', async () => {
    // prepare
    const { jira } = tickets(fake());

    // act
    const noProject = await rejectsWith(jira.checkSetup({ project: 'NOPE', issueType: 'Bug' }));
    const noType = await rejectsWith(jira.checkSetup({ project: 'SEC', issueType: 'Epic' }));

    // assert
    assert.equal(noProject.status, 404);
    assert.match(noProject.message, /reporting\.jira\.project/);
    assert.match(noType.message, /no issue type Epic.*available: Bug, Task.*reporting\.jira\.issueType/);
  });

  it('a 401 names the credential settings and never holds the token', async () => {
    // prepare
    const token = 'ATATT3xFfGF0-wrong-token-for-the-test-0123456789';
    const { jira } = tickets(fake(), { apiToken: token });

    // act
    const error = await rejectsWith(jira.checkSetup(ROUTE));

    // assert
    assert.equal(error.status, 401);
    assert.equal(error.name, 'JiraError');
    assert.match(error.message, /RAMPART_JIRA_EMAIL/);
    assert.match(error.message, /RAMPART_JIRA_API_TOKEN/);
    const basic = Buffer.from(`${DEFAULT_CREDENTIALS.email}:${token}`).toString('base64');
    for (const text of [error.message, String(error.stack), inspect(error, { depth: 10 }), JSON.stringify(error.cause)]) {
      assert.ok(!text.includes(token), 'token in the error');
      assert.ok(!text.includes(token.slice(0, 16)), 'part of the token in the error');
      assert.ok(!text.includes(basic), 'Basic credentials in the error');
    }
    assert.equal(jira.calls, 1, '401 is not retried');
  });
});

describe('JiraTickets: issues', () => {
  const fake = useFakeJira();

  it('creates an issue with ADF, the stable label and the route fields, and answers key and browse url', async () => {
    // prepare
    const { jira } = tickets(fake());
    const f = finding();
    const content = ticketContent(f, { ...ROUTE, priority: 'Highest', assigneeAccountId: '5b10a2844c20165700ede21g', dueDays: 7 });
    await jira.checkSetup(ROUTE);

    // act
    const created = await jira.createIssue(content);

    // assert
    assert.match(created.key, /^SEC-\d+$/);
    assert.equal(created.url, `${fake().url}/browse/${created.key}`);
    const issue = fake().issues.get(created.key);
    assert.ok(issue);
    assert.ok(isAdfDoc(issue.fields.description));
    assert.deepEqual(issue.fields.labels, ['security', 'rampart', stableLabel(f.record.findingId)]);
    assert.equal(issue.fields.summary, `[CRITICAL] S3 buckets are not public: ${f.record.resource.id}`);
    assert.equal(issue.fields.priority, 'Highest');
    assert.equal(issue.fields.assignee, '5b10a2844c20165700ede21g');
    assert.equal(issue.fields.duedate, '2024-05-08');
  });

  it('comments and edits: fields set, labels added without removing the stable label', async () => {
    // prepare
    const { jira } = tickets(fake());
    const f = finding();
    const { key } = await jira.createIssue(ticketContent(f, ROUTE));

    // act
    await jira.comment(key, doc('Severity: HIGH → CRITICAL'));
    await jira.edit(key, { summary: '[HIGH] changed', priority: 'High', labels: ['team-payments'] });

    // assert
    const issue = fake().issues.get(key);
    assert.equal(issue?.comments.length, 1);
    assert.deepEqual(issue?.comments[0]?.body, doc('Severity: HIGH → CRITICAL'));
    assert.equal(issue?.fields.summary, '[HIGH] changed');
    assert.equal(issue?.fields.priority, 'High');
    assert.deepEqual(issue?.fields.labels, ['security', 'rampart', stableLabel(f.record.findingId), 'team-payments']);
  });

  it('status answers the name and category', async () => {
    const { jira } = tickets(fake());
    const { key } = await jira.createIssue(ticketContent(finding(), ROUTE));

    assert.deepEqual(await jira.status(key), { name: 'Open', category: 'new' });
  });

  it('a 404 on an issue names the issue', async () => {
    const { jira } = tickets(fake());

    const error = await rejectsWith(jira.status('SEC-999'));

    assert.equal(error.status, 404);
    assert.match(error.message, /issue SEC-999 does not exist/);
  });

  it('close walks Open → In Progress → Done when there is no direct transition, and answers already when Done', async () => {
    // prepare
    const { jira } = tickets(fake());
    const { key } = await jira.createIssue(ticketContent(finding(), ROUTE));
    await jira.comment(key, closeComment('fixed', '2024-05-02T00:00:00.000Z'));

    // act
    const first = await jira.close(key);
    const second = await jira.close(key);

    // assert
    assert.equal(first, 'closed');
    assert.equal(second, 'already');
    const issue = fake().issues.get(key);
    assert.deepEqual(issue?.transitions.map((t) => [t.name, t.from, t.to]), [['Start', 'Open', 'In Progress'], ['Done', 'In Progress', 'Done']]);
    assert.deepEqual(await jira.status(key), { name: 'Done', category: 'done' });
  });

  it('close takes the configured transition when the issue offers it', async () => {
    // prepare
    const { jira } = tickets(fake());
    const { key } = await jira.createIssue(ticketContent(finding(), ROUTE));
    fake().setStatus(key, 'In Progress');

    // act
    const result = await jira.close(key, 'done');

    // assert
    assert.equal(result, 'closed');
    assert.deepEqual(fake().issues.get(key)?.transitions.slice(1).map((t) => t.name), ['Done']);
  });

  it('reopen moves a Done issue back to Open, and answers already for an open one', async () => {
    // prepare
    const { jira } = tickets(fake());
    const { key } = await jira.createIssue(ticketContent(finding(), ROUTE));
    await jira.close(key);

    // act
    const reopened = await jira.reopen(key, 'Reopen');
    const again = await jira.reopen(key);

    // assert
    assert.equal(reopened, 'reopened');
    assert.equal(again, 'already');
    assert.deepEqual(await jira.status(key), { name: 'Open', category: 'new' });
  });

  it('userByEmail matches the exact email of an active user only', async () => {
    const { jira } = tickets(fake());

    assert.equal(await jira.userByEmail('Alice@Example.com'), '5b10a2844c20165700ede21g');
    assert.equal(await jira.userByEmail('alice@example'), undefined, 'a prefix is not a match');
    assert.equal(await jira.userByEmail('former@example.com'), undefined, 'inactive users are not assignees');
    assert.equal(await jira.userByEmail('nobody@example.com'), undefined);
  });
});

describe('JiraTickets: workflows that cannot reopen or close', () => {
  const fake = useFakeJira({ workflow: NO_REOPEN_WORKFLOW });

  it('reopen answers cannot; the new issue is then linked to the old one with Relates', async () => {
    // prepare: the fake has no issueLink route, so a front answers it and passes the rest on
    const front = await startLinkFront(fake());
    const { jira } = tickets(fake(), { siteUrl: front.url });
    const old = await jira.createIssue(ticketContent(finding('bucket-old'), ROUTE));
    await jira.close(old.key);

    // act
    const answer = await jira.reopen(old.key, 'Reopen');
    const replacement = await jira.createIssue(ticketContent(finding('bucket-old'), ROUTE));
    await jira.link(replacement.key, old.key);
    await front.close();

    // assert
    assert.equal(answer, 'cannot');
    assert.equal(fake().issues.get(old.key)?.status, 'Done');
    assert.deepEqual(front.links, [{ type: { name: 'Relates' }, inwardIssue: { key: replacement.key }, outwardIssue: { key: old.key } }]);
  });

  it('close without any path to Done throws a JiraError naming doneTransition', async () => {
    // prepare
    const stuck = await startFakeJira({ workflow: { initial: 'Open', statuses: [{ id: '1', name: 'Open', category: 'new' }, { id: '2', name: 'Done', category: 'done' }], transitions: [] } });
    const other = tickets(stuck).jira;
    const { key: stuckKey } = await other.createIssue(ticketContent(finding(), ROUTE));

    // act
    const error = await rejectsWith(other.close(stuckKey));
    await stuck.close();

    // assert
    assert.match(error.message, /cannot reach a Done status from Open/);
    assert.match(error.message, /reporting\.jira\.doneTransition/);
  });
});

describe('JiraTickets: findByLabel over the enhanced JQL search', () => {
  const fake = useFakeJira();

  it('finds the issue carrying the label, across pages, asking only for status', async () => {
    // prepare
    const { jira } = tickets(fake());
    const label = 'rampart-0123456789abcdef';
    for (let i = 0; i < 103; i += 1) fake().createIssue({ project: { key: 'SEC' }, issuetype: { name: 'Task' }, summary: `s${i}`, labels: i === 101 ? [label] : ['noise', 'shared'] });
    for (let i = 0; i < 2; i += 1) fake().createIssue({ project: { key: 'SEC' }, issuetype: { name: 'Task' }, summary: `x${i}`, labels: [label] });

    // act
    const keys = await jira.findByLabel(label, 'SEC');
    const many = await jira.findByLabel('shared', 'SEC');

    // assert
    assert.deepEqual(keys, ['SEC-102', 'SEC-104', 'SEC-105']);
    assert.equal(many.length, 102);
    const searches = fake().requests.filter((r) => r.path === '/rest/api/3/search/jql');
    assert.equal(searches.length, 1 + 2, 'the second search follows nextPageToken');
    assert.ok(searches.every((r) => r.method === 'POST' && JSON.stringify((r.body as { fields: string[] }).fields) === '["status"]'));
    assert.ok((searches[2]?.body as { nextPageToken?: string }).nextPageToken);
  });

  it('with stale search an issue just created is not found, and is once search catches up', async () => {
    // prepare
    const { jira } = tickets(fake());
    fake().setStaleSearch(true);
    const f = finding();
    const { key } = await jira.createIssue(ticketContent(f, ROUTE));

    // act
    const stale = await jira.findByLabel(stableLabel(f.record.findingId), 'SEC');
    fake().makeSearchCurrent();
    const current = await jira.findByLabel(stableLabel(f.record.findingId), 'SEC');

    // assert
    assert.deepEqual(stale, []);
    assert.deepEqual(current, [key]);
  });
});

describe('JiraTickets: retries', () => {
  const fake = useFakeJira();

  it('a 429 waits its Retry-After, then succeeds', async () => {
    // prepare
    const { jira, waits } = tickets(fake());
    fake().failNext({ status: 429, retryAfterSeconds: 1, path: /myself/ });
    const started = Date.now();

    // act
    await jira.checkSetup(ROUTE);

    // assert
    assert.deepEqual(waits, [1000]);
    assert.ok(Date.now() - started >= 950, 'the wait was honoured');
    assert.equal(jira.throttled, 1);
    assert.equal(jira.calls, fake().requests.length);
    assert.deepEqual(fake().requests.slice(0, 2).map((r) => [r.path, r.status]), [['/rest/api/3/myself', 429], ['/rest/api/3/myself', 200]]);
  });

  it('a 503 is retried with the backoff, and the create lands once', async () => {
    // prepare
    const { jira, waits } = tickets(fake());
    fake().failNext({ status: 503, retryAfterSeconds: null, path: /\/issue$/, method: 'POST' });

    // act
    const { key } = await jira.createIssue(ticketContent(finding(), ROUTE));

    // assert
    assert.equal(waits.length, 1);
    assert.ok((waits[0] as number) >= 2 && (waits[0] as number) <= 5, `backoff ${waits[0]}`);
    assert.equal(fake().issues.size, 1);
    assert.ok(fake().issues.has(key));
  });

  it('exhausted retries throw a retryable JiraError with the status', async () => {
    // prepare
    const { jira } = tickets(fake());
    fake().failNext({ status: 503, retryAfterSeconds: null, count: 10 });

    // act
    const error = await rejectsWith(jira.comment('SEC-1', doc('x')));

    // assert
    assert.equal(error.status, 503);
    assert.equal(error.retryable, true);
    assert.equal(error.operation, 'comment');
    assert.match(error.message, /after 3 attempts/);
    assert.equal(jira.calls, 3);
  });

  it('a create answered 504 is not repeated (it may have landed) and says so', async () => {
    // prepare
    const { jira } = tickets(fake());
    fake().failNext({ status: 504, retryAfterSeconds: null, path: /\/issue$/, method: 'POST' });

    // act
    const error = await rejectsWith(jira.createIssue(ticketContent(finding(), ROUTE)));

    // assert
    assert.equal(error.status, 504);
    assert.equal(error.ambiguous, true);
    assert.equal(error.retryable, true);
    assert.match(error.message, /may have carried it out/);
    assert.equal(jira.calls, 1);
  });

  it('a Retry-After longer than the cap is not waited for', async () => {
    // prepare
    const { jira, waits } = tickets(fake(), { maxRetryAfterMs: 5_000 });
    fake().failNext({ status: 429, retryAfterSeconds: 120 });

    // act
    const error = await rejectsWith(jira.status('SEC-1'));

    // assert
    assert.equal(error.status, 429);
    assert.equal(error.retryable, true);
    assert.match(error.message, /Retry-After 120 s/);
    assert.deepEqual(waits, []);
  });

  it('a request that times out is retried', async () => {
    // prepare: a server that never answers the first request
    let seen = 0;
    const server = createServer((req, res) => {
      seen += 1;
      if (seen === 1) return;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify([]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { jira } = tickets(fake(), { siteUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 200 });

    // act
    const answer = await jira.userByEmail('alice@example.com');
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));

    // assert
    assert.equal(answer, undefined);
    assert.equal(jira.calls, 2);
  });

  it('parseRetryAfter reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});

// ---------------------------------------------------------------------------

interface LinkFront {
  url: string;
  links: unknown[];
  close(): Promise<void>;
}

/** Answers POST /rest/api/3/issueLink (201, recorded) and passes every other request to the fake. */
async function startLinkFront(fake: FakeJira): Promise<LinkFront> {
  const links: unknown[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST' && req.url === '/rest/api/3/issueLink') {
        assert.equal(req.headers.authorization, fake.authorization());
        links.push(JSON.parse(body));
        res.writeHead(201).end();
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'accept']) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name] as string;
      fetch(`${fake.url}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body !== '' ? { body } : {}) })
        .then(async (answer) => {
          const text = await answer.text();
          res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    links,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
