import { describe, it } from 'vitest';
import { useFakeJira } from '../helpers/fake-jira.js';
import assert from 'node:assert/strict';
import { DEFAULT_CREDENTIALS, NO_REOPEN_WORKFLOW, type FakeJira } from '../../src/emulator/fake-jira.js';

interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test access to arbitrary JSON
  json: any;
}

async function call(fake: FakeJira, method: string, path: string, body?: unknown, init: { auth?: string | null; rawBody?: string; contentType?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const auth = init.auth === undefined ? fake.authorization() : init.auth;
  if (auth !== null) headers.Authorization = auth;
  const payload = init.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) headers['Content-Type'] = init.contentType ?? 'application/json';
  const response = await fetch(`${fake.url}${path}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === '' ? undefined : JSON.parse(text) };
}

const doc = (text: string): unknown => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

function bug(overrides: Record<string, unknown> = {}): { fields: Record<string, unknown> } {
  return { fields: { project: { key: 'SEC' }, issuetype: { name: 'Task' }, summary: 'S3 bucket public', description: doc('The bucket allows public reads.'), labels: ['rampart', 'finding-abc'], ...overrides } };
}


describe('fake Jira: authentication and robustness', () => {
  const fake = useFakeJira();

  it('answers 401 with Jira error JSON without or with wrong Basic credentials, and /myself with the right ones', async () => {
    const none = await call(fake(), 'GET', '/rest/api/3/myself', undefined, { auth: null });
    const wrongToken = await call(fake(), 'GET', '/rest/api/3/myself', undefined, { auth: fake().authorization({ email: DEFAULT_CREDENTIALS.email, apiToken: 'nope' }) });
    const bearer = await call(fake(), 'GET', '/rest/api/3/myself', undefined, { auth: `Bearer ${DEFAULT_CREDENTIALS.apiToken}` });
    const ok = await call(fake(), 'GET', '/rest/api/3/myself');

    for (const denied of [none, wrongToken, bearer]) {
      assert.equal(denied.status, 401);
      assert.match(denied.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(denied.json, { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} });
    }
    assert.equal(ok.status, 200);
    assert.equal(ok.json.emailAddress, DEFAULT_CREDENTIALS.email);
    assert.equal(typeof ok.json.accountId, 'string');
  });

  it('answers 404 JSON for unknown routes, 400 for malformed JSON, and records requests without the token', async () => {
    const unknown = await call(fake(), 'GET', '/rest/api/3/nothing-here');
    const malformed = await call(fake(), 'POST', '/rest/api/3/issue', undefined, { rawBody: '{"fields": ' });
    const notJson = await call(fake(), 'POST', '/rest/api/3/issue', undefined, { rawBody: 'fields=1', contentType: 'application/x-www-form-urlencoded' });

    assert.equal(unknown.status, 404);
    assert.match(unknown.headers.get('content-type') ?? '', /^application\/json/);
    assert.ok(Array.isArray(unknown.json.errorMessages));
    assert.equal(malformed.status, 400);
    assert.ok(malformed.json.errorMessages[0]);
    assert.equal(notJson.status, 415);
    assert.deepEqual(
      fake().requests.map((r) => [r.method, r.path, r.status, r.authEmail]),
      [['GET', '/rest/api/3/nothing-here', 404, DEFAULT_CREDENTIALS.email], ['POST', '/rest/api/3/issue', 400, DEFAULT_CREDENTIALS.email], ['POST', '/rest/api/3/issue', 415, DEFAULT_CREDENTIALS.email]],
    );
    assert.doesNotMatch(JSON.stringify(fake().requests), new RegExp(DEFAULT_CREDENTIALS.apiToken));
  });

  it('GET /project/{key} describes the project and 404s for an unknown one', async () => {
    const sec = await call(fake(), 'GET', '/rest/api/3/project/SEC');
    const missing = await call(fake(), 'GET', '/rest/api/3/project/NOPE');

    assert.equal(sec.status, 200);
    assert.equal(sec.json.key, 'SEC');
    assert.deepEqual(sec.json.issueTypes.map((t: { name: string }) => t.name), ['Bug', 'Task']);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { errorMessages: ["No project could be found with key 'NOPE'."], errors: {} });
  });
});

describe('fake Jira: issues', () => {
  const fake = useFakeJira({ requiredFields: [{ project: 'SEC', issueType: 'Bug', fieldId: 'customfield_10042', name: 'Owning team' }] });

  it('creates an issue with an ADF description and returns it on GET with status, priority and assignee', async () => {
    const created = await call(fake(), 'POST', '/rest/api/3/issue', bug({ priority: { name: 'High' }, assignee: { accountId: '5b10a2844c20165700ede21g' }, duedate: '2030-01-31' }));
    const got = await call(fake(), 'GET', `/rest/api/3/issue/${created.json.key}`);
    const byId = await call(fake(), 'GET', `/rest/api/3/issue/${created.json.id}?fields=summary,status`);

    assert.equal(created.status, 201);
    assert.equal(created.json.key, 'SEC-1');
    assert.equal(created.json.self, `${fake().url}/rest/api/3/issue/${created.json.id}`);
    assert.equal(got.status, 200);
    const f = got.json.fields;
    assert.equal(f.summary, 'S3 bucket public');
    assert.deepEqual(f.description, doc('The bucket allows public reads.'));
    assert.deepEqual(f.labels, ['rampart', 'finding-abc']);
    assert.equal(f.priority.name, 'High');
    assert.equal(f.assignee.displayName, 'Alice Admin');
    assert.equal(f.duedate, '2030-01-31');
    assert.deepEqual([f.status.name, f.status.statusCategory.key, f.status.statusCategory.name], ['Open', 'new', 'To Do']);
    assert.equal(f.project.key, 'SEC');
    assert.equal(f.issuetype.name, 'Task');
    assert.match(f.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    assert.deepEqual(Object.keys(byId.json.fields).sort(), ['status', 'summary']);
    assert.equal(fake().issues.get('SEC-1')?.status, 'Open');
  });

  it('rejects a missing summary, a plain-string description, a missing required custom field and unknown project or issue type, creating nothing', async () => {
    const noSummary = await call(fake(), 'POST', '/rest/api/3/issue', bug({ summary: undefined }));
    const longSummary = await call(fake(), 'POST', '/rest/api/3/issue', bug({ summary: 'x'.repeat(256) }));
    const plainDescription = await call(fake(), 'POST', '/rest/api/3/issue', bug({ description: 'just text' }));
    const noTeam = await call(fake(), 'POST', '/rest/api/3/issue', bug({ issuetype: { name: 'Bug' } }));
    const unknownProject = await call(fake(), 'POST', '/rest/api/3/issue', bug({ project: { key: 'NOPE' } }));
    const unknownType = await call(fake(), 'POST', '/rest/api/3/issue', bug({ issuetype: { name: 'Epic' } }));
    const unknownField = await call(fake(), 'POST', '/rest/api/3/issue', bug({ customfield_99999: 'x' }));
    const withTeam = await call(fake(), 'POST', '/rest/api/3/issue', bug({ issuetype: { id: '10004' }, customfield_10042: 'platform' }));

    assert.deepEqual(noSummary.json, { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } });
    assert.equal(longSummary.json.errors.summary, 'Summary must be less than 255 characters.');
    assert.deepEqual(plainDescription.json, { errorMessages: [], errors: { description: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)' } });
    assert.deepEqual(noTeam.json, { errorMessages: [], errors: { customfield_10042: 'Owning team is required.' } });
    assert.deepEqual(unknownProject.json.errors.project, 'Specify a valid project ID or key');
    assert.deepEqual(unknownType.json.errors, { issuetype: 'Specify a valid issue type' });
    assert.match(unknownField.json.errors.customfield_99999, /cannot be set/);
    for (const rejected of [noSummary, longSummary, plainDescription, noTeam, unknownProject, unknownType, unknownField]) assert.equal(rejected.status, 400);
    assert.equal(withTeam.status, 201);
    assert.equal(withTeam.json.key, 'SEC-1');
    assert.deepEqual([...fake().issues.keys()], ['SEC-1']);
  });

  it('edits fields with PUT (204), validates them, and 404s for an unknown issue', async () => {
    const created = await call(fake(), 'POST', '/rest/api/3/issue', bug());
    const edited = await call(fake(), 'PUT', `/rest/api/3/issue/${created.json.key}`, { fields: { summary: 'S3 bucket public (2 resources)', labels: ['rampart'] }, update: { labels: [{ add: 'severity-high' }] } });
    const badEdit = await call(fake(), 'PUT', `/rest/api/3/issue/${created.json.key}`, { fields: { description: 'plain' } });
    const got = await call(fake(), 'GET', `/rest/api/3/issue/${created.json.key}`);
    const missing = await call(fake(), 'GET', '/rest/api/3/issue/SEC-999');

    assert.equal(edited.status, 204);
    assert.equal(edited.json, undefined);
    assert.equal(badEdit.status, 400);
    assert.equal(got.json.fields.summary, 'S3 bucket public (2 resources)');
    assert.deepEqual(got.json.fields.labels, ['rampart', 'severity-high']);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
  });

  it('adds ADF comments (201) and lists them; a plain-string comment is rejected', async () => {
    const created = await call(fake(), 'POST', '/rest/api/3/issue', bug());
    const added = await call(fake(), 'POST', `/rest/api/3/issue/${created.json.key}/comment`, { body: doc('Still open: 2 resources.') });
    const plain = await call(fake(), 'POST', `/rest/api/3/issue/${created.json.key}/comment`, { body: 'text' });
    const listed = await call(fake(), 'GET', `/rest/api/3/issue/${created.json.key}/comment`);
    const issue = await call(fake(), 'GET', `/rest/api/3/issue/${created.json.key}`);

    assert.equal(added.status, 201);
    assert.equal(typeof added.json.id, 'string');
    assert.deepEqual(added.json.body, doc('Still open: 2 resources.'));
    assert.match(added.json.created, /\+0000$/);
    assert.equal(added.json.author.emailAddress, DEFAULT_CREDENTIALS.email);
    assert.equal(plain.status, 400);
    assert.equal(listed.json.total, 1);
    assert.equal(listed.json.comments[0].id, added.json.id);
    assert.equal(issue.json.fields.comment.total, 1);
  });
});

describe('fake Jira: workflow transitions', () => {
  const fake = useFakeJira();

  async function transitionsOf(key: string): Promise<{ id: string; name: string; to: { name: string; statusCategory: { key: string } } }[]> {
    return (await call(fake(), 'GET', `/rest/api/3/issue/${key}/transitions`)).json.transitions;
  }

  it('walks Open → In Progress → Done in two steps, reopens, and refuses a transition not available', async () => {
    const { key } = (await call(fake(), 'POST', '/rest/api/3/issue', bug())).json;
    const fromOpen = await transitionsOf(key);
    const direct = await call(fake(), 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '21' } });
    const start = await call(fake(), 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: (fromOpen[0] as { id: string }).id } });
    const fromProgress = await transitionsOf(key);
    const done = await call(fake(), 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: (fromProgress[0] as { id: string }).id } });
    const closed = await call(fake(), 'GET', `/rest/api/3/issue/${key}?fields=status,resolution,resolutiondate`);
    const fromDone = await transitionsOf(key);
    const reopen = await call(fake(), 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: (fromDone[0] as { id: string }).id } });
    const reopened = await call(fake(), 'GET', `/rest/api/3/issue/${key}?fields=status,resolution`);
    const notInteger = await call(fake(), 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: 'Done' } });

    assert.deepEqual(fromOpen.map((t) => [t.name, t.to.name, t.to.statusCategory.key]), [['Start', 'In Progress', 'indeterminate']]);
    assert.equal(direct.status, 400);
    assert.deepEqual(direct.json, { errorMessages: ["Transition id '21' is not valid for this issue."], errors: {} });
    assert.equal(start.status, 204);
    assert.deepEqual(fromProgress.map((t) => [t.name, t.to.name, t.to.statusCategory.key]), [['Done', 'Done', 'done']]);
    assert.equal(done.status, 204);
    assert.deepEqual([closed.json.fields.status.name, closed.json.fields.status.statusCategory.key, closed.json.fields.resolution?.name], ['Done', 'done', 'Done']);
    assert.ok(closed.json.fields.resolutiondate);
    assert.deepEqual(fromDone.map((t) => t.name), ['Reopen']);
    assert.equal(reopen.status, 204);
    assert.deepEqual([reopened.json.fields.status.name, reopened.json.fields.resolution], ['Open', null]);
    assert.equal(notInteger.status, 400);
    assert.deepEqual(fake().issues.get(key)?.transitions.map((t) => `${t.from}>${t.to}`), ['Open>In Progress', 'In Progress>Done', 'Done>Open']);
  });

  it('transitions with a comment in update, and rejects fields when the transition has no screen', async () => {
    const { key } = (await call(fake(), 'POST', '/rest/api/3/issue', bug())).json;
    const withComment = await call(fake(), 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '11' }, update: { comment: [{ add: { body: doc('Working on it') } }] } });
    const withFields = await call(fake(), 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '21' }, fields: { resolution: { name: 'Fixed' } } });

    assert.equal(withComment.status, 204);
    assert.equal(fake().issues.get(key)?.comments.length, 1);
    assert.equal(withFields.status, 400);
    assert.match(withFields.json.errors.resolution, /cannot be set/);
    assert.equal(fake().issues.get(key)?.status, 'In Progress');
  });
});

describe('fake Jira: a workflow that cannot reopen', () => {
  const fake = useFakeJira({ workflow: NO_REOPEN_WORKFLOW });

  it('offers no transition out of Done', async () => {
    const { key } = (await call(fake(), 'POST', '/rest/api/3/issue', bug())).json;
    await call(fake(), 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '11' } });
    await call(fake(), 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '21' } });
    const fromDone = await call(fake(), 'GET', `/rest/api/3/issue/${key}/transitions`);
    const reopen = await call(fake(), 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '31' } });

    assert.deepEqual(fromDone.json.transitions, []);
    assert.equal(reopen.status, 400);
    assert.equal(fake().issues.get(key)?.status, 'Done');
  });
});

describe('fake Jira: enhanced JQL search', () => {
  const fake = useFakeJira();

  async function search(body: Record<string, unknown>): Promise<Answer> {
    return call(fake(), 'POST', '/rest/api/3/search/jql', body);
  }

  it('finds issues by project and label (= and in, quoted), returns only ids unless fields are asked for, and ignores ORDER BY', async () => {
    await call(fake(), 'POST', '/rest/api/3/issue', bug({ labels: ['rampart', 'finding-a'] }));
    await call(fake(), 'POST', '/rest/api/3/issue', bug({ labels: ['rampart', 'finding-b'] }));
    await call(fake(), 'POST', '/rest/api/3/issue', bug({ labels: ['other'] }));

    const byLabel = await search({ jql: 'project = SEC AND labels = "finding-b" ORDER BY created DESC', fields: ['summary', 'labels', 'status'] });
    const byIn = await search({ jql: "project = 'SEC' AND labels in (\"finding-a\", 'finding-b')" });
    const viaGet = await call(fake(), 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('labels = rampart AND statusCategory != Done')}&fields=summary`);
    const badProject = await search({ jql: 'project = NOPE' });
    const badField = await search({ jql: 'colour = red' });
    const unbounded = await search({ jql: '' });

    assert.equal(byLabel.status, 200);
    assert.deepEqual(byLabel.json.issues.map((i: { key: string }) => i.key), ['SEC-2']);
    assert.deepEqual(byLabel.json.issues[0].fields.labels, ['rampart', 'finding-b']);
    assert.equal(byLabel.json.issues[0].fields.status.name, 'Open');
    assert.equal(byLabel.json.isLast, true);
    assert.equal('nextPageToken' in byLabel.json, false);
    assert.deepEqual(byIn.json.issues, [{ id: '10000' }, { id: '10001' }]);
    assert.deepEqual(viaGet.json.issues.map((i: { key: string }) => i.key), ['SEC-1', 'SEC-2']);
    assert.equal(badProject.status, 400);
    assert.deepEqual(badProject.json.errorMessages, ["The value 'NOPE' does not exist for the field 'project'."]);
    assert.equal(badField.status, 400);
    assert.equal(unbounded.status, 400);
  });

  it('pages with nextPageToken until isLast', async () => {
    for (let i = 0; i < 5; i++) await call(fake(), 'POST', '/rest/api/3/issue', bug({ summary: `finding ${i}` }));
    const keys: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await search({ jql: 'project = SEC', fields: ['summary'], maxResults: 2, ...(token ? { nextPageToken: token } : {}) });
      keys.push(...page.json.issues.map((i: { key: string }) => i.key));
      token = page.json.nextPageToken;
      assert.equal(page.json.isLast, token === undefined);
      pages++;
    } while (token);
    const badToken = await search({ jql: 'project = SEC', nextPageToken: 'garbage' });

    assert.equal(pages, 3);
    assert.deepEqual(keys, ['SEC-1', 'SEC-2', 'SEC-3', 'SEC-4', 'SEC-5']);
    assert.equal(badToken.status, 400);
  });

  it('with stale search on, new and edited issues stay invisible until makeSearchCurrent(), while GET sees them at once', async () => {
    fake().setStaleSearch(true);
    const { key } = (await call(fake(), 'POST', '/rest/api/3/issue', bug({ labels: ['finding-x'] }))).json;
    const before = await search({ jql: 'labels = finding-x', fields: ['summary'] });
    const got = await call(fake(), 'GET', `/rest/api/3/issue/${key}`);
    const reconciled = await search({ jql: 'labels = finding-x', reconcileIssues: [Number(got.json.id)] });
    fake().makeSearchCurrent();
    const after = await search({ jql: 'labels = finding-x', fields: ['summary'] });
    await call(fake(), 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'renamed', labels: ['finding-y'] } });
    const staleEdit = await search({ jql: 'labels = finding-x', fields: ['summary'] });
    fake().setStaleSearch(false);
    const fresh = await search({ jql: 'labels = finding-y', fields: ['summary'] });

    assert.deepEqual(before.json.issues, []);
    assert.equal(got.status, 200);
    assert.deepEqual(reconciled.json.issues, [{ id: got.json.id }]);
    assert.deepEqual(after.json.issues.map((i: { key: string }) => i.key), [key]);
    assert.deepEqual(staleEdit.json.issues.map((i: { fields: { summary: string } }) => i.fields.summary), ['S3 bucket public']);
    assert.deepEqual(fresh.json.issues.map((i: { fields: { summary: string } }) => i.fields.summary), ['renamed']);
  });

  it('with stale search for N searches, a write shows up on the N+1th search', async () => {
    fake().setStaleSearch({ searches: 2 });
    await call(fake(), 'POST', '/rest/api/3/issue', bug());
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) seen.push((await search({ jql: 'project = SEC' })).json.issues.length);

    assert.deepEqual(seen, [0, 0, 1]);
  });
});

describe('fake Jira: components, field types and the rest of the JQL', () => {
  const fake = useFakeJira({
    projects: [
      {
        id: '10100',
        key: 'OPS',
        name: 'Operations',
        components: ['aws', 'network'],
        issueTypes: [{ id: '10002', name: 'Task', fields: [{ fieldId: 'customfield_10050', name: 'Severity', schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', customId: 10050 }, allowedValues: [{ id: '1', value: 'High' }, { id: '2', value: 'Low' }] }] }],
      },
    ],
  });
  const task = (fields: Record<string, unknown>): { fields: Record<string, unknown> } => ({ fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'x', ...fields } });

  it('checks components, option fields, priorities, labels and users, and 405s a wrong method', async () => {
    const ok = await call(fake(), 'POST', '/rest/api/3/issue', task({ components: [{ name: 'aws' }], customfield_10050: { value: 'High' } }));
    const bad = await call(fake(), 'POST', '/rest/api/3/issue', task({ components: [{ name: 'dns' }], customfield_10050: { value: 'Medium' }, priority: { name: 'Urgent' }, labels: ['has space'], assignee: { accountId: 'nobody' }, duedate: '2030-02-30' }));
    const inactive = await call(fake(), 'POST', '/rest/api/3/issue', task({ assignee: { accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077' } }));
    const got = await call(fake(), 'GET', `/rest/api/3/issue/${ok.json.key}`);
    const wrongMethod = await call(fake(), 'DELETE', `/rest/api/3/issue/${ok.json.key}`);

    assert.equal(ok.status, 201);
    assert.equal(ok.json.key, 'OPS-1');
    assert.deepEqual(got.json.fields.components.map((c: { name: string }) => c.name), ['aws']);
    assert.deepEqual(got.json.fields.customfield_10050, { value: 'High' });
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.json.errors).sort(), ['assignee', 'components', 'customfield_10050', 'duedate', 'labels', 'priority']);
    assert.equal(inactive.status, 400);
    assert.equal(wrongMethod.status, 405);
  });

  it('evaluates OR, NOT, parentheses, IS EMPTY, statusCategory, resolution = Unresolved, status and currentUser()', async () => {
    fake().createIssue(task({ labels: ['a'], assignee: { accountId: '5b10ac8d82e05b22cc7d4ef5' } }).fields);
    fake().createIssue(task({ labels: ['b'] }).fields);
    fake().createIssue(task({}).fields);
    fake().setStatus('OPS-2', 'Done');
    const keys = async (jql: string): Promise<string[]> => {
      const answer = await call(fake(), 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'] });
      assert.equal(answer.status, 200, `${jql}: ${JSON.stringify(answer.json)}`);
      return answer.json.issues.map((i: { key: string }) => i.key);
    };

    assert.deepEqual(await keys('project = OPS AND (labels = a OR labels = b)'), ['OPS-1', 'OPS-2']);
    assert.deepEqual(await keys('project = OPS AND labels IS EMPTY'), ['OPS-3']);
    assert.deepEqual(await keys('project = OPS AND labels != a'), ['OPS-2']);
    assert.deepEqual(await keys('project = OPS AND labels not in (a)'), ['OPS-2']);
    assert.deepEqual(await keys('project = OPS AND NOT labels = a'), ['OPS-2', 'OPS-3']);
    assert.deepEqual(await keys('project = OPS AND statusCategory = Done'), ['OPS-2']);
    assert.deepEqual(await keys('project = OPS AND resolution = Unresolved'), ['OPS-1', 'OPS-3']);
    assert.deepEqual(await keys('project = OPS AND status = "In Progress"'), []);
    assert.deepEqual(await keys('assignee = currentUser()'), ['OPS-1']);
    assert.deepEqual(await keys('key in (OPS-1, OPS-3) order by key'), ['OPS-1', 'OPS-3']);
    assert.deepEqual(await keys('project = OPS AND customfield_10050 is EMPTY'), ['OPS-1', 'OPS-2', 'OPS-3']);
    assert.equal((await call(fake(), 'POST', '/rest/api/3/search/jql', { jql: 'project = OPS AND (labels = a' })).status, 400);
    assert.equal((await call(fake(), 'POST', '/rest/api/3/search/jql', { jql: 'status = Closed' })).status, 400);
  });
});

describe('fake Jira: users and create metadata', () => {
  const fake = useFakeJira({ requiredFields: [{ project: 'SEC', issueType: 'Bug', fieldId: 'customfield_10042', name: 'Owning team' }] });

  it('finds users by email or name', async () => {
    const byEmail = await call(fake(), 'GET', '/rest/api/3/user/search?query=alice%40example.com');
    const byName = await call(fake(), 'GET', '/rest/api/3/user/search?query=bob');
    const nobody = await call(fake(), 'GET', '/rest/api/3/user/search?query=zed%40example.com');

    assert.equal(byEmail.status, 200);
    assert.deepEqual(byEmail.json.map((u: { accountId: string; emailAddress: string; displayName: string; active: boolean }) => [u.accountId, u.emailAddress, u.displayName, u.active]), [['5b10a2844c20165700ede21g', 'alice@example.com', 'Alice Admin', true]]);
    assert.deepEqual(byName.json.map((u: { displayName: string }) => u.displayName), ['Bob Builder']);
    assert.deepEqual(nobody.json, []);
  });

  it('lists issue types and their fields, with the required custom field, and 404s an unknown project', async () => {
    const types = await call(fake(), 'GET', '/rest/api/3/issue/createmeta/SEC/issuetypes');
    const bugType = types.json.issueTypes.find((t: { name: string }) => t.name === 'Bug');
    const fields = await call(fake(), 'GET', `/rest/api/3/issue/createmeta/SEC/issuetypes/${bugType.id}`);
    const missing = await call(fake(), 'GET', '/rest/api/3/issue/createmeta/NOPE/issuetypes');
    const missingType = await call(fake(), 'GET', '/rest/api/3/issue/createmeta/SEC/issuetypes/99999');

    assert.equal(types.status, 200);
    assert.deepEqual([types.json.total, types.json.startAt, types.json.maxResults], [2, 0, 50]);
    assert.deepEqual(types.json.issueTypes.map((t: { name: string }) => t.name), ['Bug', 'Task']);
    assert.equal(fields.status, 200);
    const required = fields.json.fields.filter((f: { required: boolean }) => f.required).map((f: { fieldId: string }) => f.fieldId);
    assert.deepEqual(required.sort(), ['customfield_10042', 'issuetype', 'project', 'summary']);
    const team = fields.json.fields.find((f: { fieldId: string }) => f.fieldId === 'customfield_10042');
    assert.deepEqual([team.key, team.name, team.schema.type, team.schema.customId], ['customfield_10042', 'Owning team', 'string', 10042]);
    assert.equal(missing.status, 404);
    assert.equal(missingType.status, 404);
  });
});

describe('fake Jira: fault injection', () => {
  const fake = useFakeJira();

  it('fails the next requests with 429 and Retry-After, then serves normally', async () => {
    fake().failNext({ status: 429, retryAfterSeconds: 3, count: 2 });
    const first = await call(fake(), 'GET', '/rest/api/3/myself');
    const second = await call(fake(), 'POST', '/rest/api/3/issue', bug());
    const third = await call(fake(), 'POST', '/rest/api/3/issue', bug());

    assert.deepEqual([first.status, second.status, third.status], [429, 429, 201]);
    assert.equal(first.headers.get('retry-after'), '3');
    assert.ok(first.json.errorMessages.length > 0);
    assert.equal(third.json.key, 'SEC-1');
  });

  it('fails only matching paths with 503', async () => {
    fake().failNext({ status: 503, retryAfterSeconds: 1, path: /\/search\/jql$/ });
    const other = await call(fake(), 'GET', '/rest/api/3/myself');
    const searched = await call(fake(), 'POST', '/rest/api/3/search/jql', { jql: 'project = SEC' });
    const again = await call(fake(), 'POST', '/rest/api/3/search/jql', { jql: 'project = SEC' });

    assert.equal(other.status, 200);
    assert.equal(searched.status, 503);
    assert.equal(searched.headers.get('retry-after'), '1');
    assert.match(searched.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(again.status, 200);
  });
});
