/**
 * A local fake of Jira Cloud's REST API v3 on loopback, for tests and the demo: Basic auth
 * with an email and API token, issues (create, get, edit), comments, workflow transitions,
 * the enhanced JQL search (/search/jql) with optional eventual consistency, user search,
 * create metadata, /myself and /project. Bodies, status codes and the error shape
 * { errorMessages, errors } follow Atlassian's REST v3 reference. Faults (429, 503) can be
 * injected, and every request is recorded for assertions.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { screenFields, isAdfDoc, validateFields } from './fake-jira/fields.js';
import { JiraHttpError, badRequest, basicCredentials, isRecord, parseJsonBody, readRaw, sendEmpty, sendJson } from './fake-jira/http.js';
import { jiraTime, type FakeJiraCredentials, type FakeJiraIssue, type FakeJiraProjectSpec, type FakeJiraRequiredField, type FakeJiraUser, type FakeJiraWorkflow } from './fake-jira/model.js';
import { Renderer } from './fake-jira/render.js';
import { SearchIndex, searchJql, type SearchLag } from './fake-jira/search.js';
import { JiraState, buildConfig } from './fake-jira/state.js';

export * from './fake-jira/model.js';
export { isAdfDoc } from './fake-jira/fields.js';

export interface FakeJiraOptions {
  /** Accepted email + API token pairs; DEFAULT_CREDENTIALS unless given. */
  credentials?: FakeJiraCredentials | FakeJiraCredentials[];
  /** DEFAULT_PROJECTS (SEC with Bug and Task) unless given. */
  projects?: FakeJiraProjectSpec[];
  /** DEFAULT_USERS unless given; each credential's email gets a user if none has it. */
  users?: FakeJiraUser[];
  /** The workflow of projects that have none of their own; DEFAULT_WORKFLOW unless given. */
  workflow?: FakeJiraWorkflow;
  /** Required fields added to projects' issue types, e.g. customfield_10042 on SEC/Bug. */
  requiredFields?: FakeJiraRequiredField[];
  /** Search lags behind writes: until makeSearchCurrent() (true), or for N searches. */
  staleSearch?: SearchLag;
  /** 0 (a free port) unless given. */
  port?: number;
}

export interface FakeJiraRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body (undefined when none, the raw text when it did not parse). */
  body: unknown;
  /** The email of the Basic credentials sent, if any (never the token). */
  authEmail?: string;
  /** The status answered. */
  status: number;
}

export interface FakeJiraFault {
  /** 429 unless given (503 and others work the same way). */
  status?: number;
  /** Sent as Retry-After; 1 unless given, null to send none. */
  retryAfterSeconds?: number | null;
  /** How many matching requests fail; 1 unless given. */
  count?: number;
  /** Only requests whose path matches. */
  path?: RegExp;
  method?: string;
}

export interface FakeJira {
  /** The site base URL, e.g. http://127.0.0.1:PORT (REST paths start with /rest/api/3). */
  readonly url: string;
  readonly port: number;
  /** Every request received, oldest first. */
  readonly requests: FakeJiraRequest[];
  /** The live issues by key. */
  readonly issues: ReadonlyMap<string, FakeJiraIssue>;
  /** The first accepted credentials. */
  readonly credentials: FakeJiraCredentials;
  /** `Basic base64(email:token)` for the given (or first accepted) credentials. */
  authorization(credentials?: FakeJiraCredentials): string;
  close(): Promise<void>;
  /** Drops issues, requests, faults and search lag; configuration stays. */
  reset(): void;
  failNext(fault?: FakeJiraFault): void;
  /** From now on every `n`th request gets 429 with Retry-After (0 turns it off): steady throttling. */
  throttleEvery(n: number, retryAfterSeconds?: number): void;
  setStaleSearch(mode: SearchLag): void;
  /** Makes every pending write visible to search. */
  makeSearchCurrent(): void;
  /** Creates an issue directly (as the first credentials' user), validated as POST /issue is. */
  createIssue(fields: Record<string, unknown>): FakeJiraIssue;
  /** Moves an issue to a status regardless of the workflow, as an administrator might. */
  setStatus(key: string, status: string): void;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Call {
  method: string;
  path: string;
  params: URLSearchParams;
  body: unknown;
  user: FakeJiraUser;
}

const API = '/rest/api/3';

class FakeJiraServer implements FakeJira {
  readonly requests: FakeJiraRequest[] = [];
  readonly state: JiraState;
  private readonly render: Renderer;
  private faults: (Required<Omit<FakeJiraFault, 'path' | 'method'>> & { path?: RegExp; method?: string })[] = [];
  private throttle = { every: 0, retryAfterSeconds: 0, seen: 0 };
  private readonly searchIndex: SearchIndex;
  url = '';
  port = 0;

  constructor(
    private readonly server: Server,
    private readonly options: FakeJiraOptions,
  ) {
    this.state = new JiraState(buildConfig(options));
    this.render = new Renderer(this.state, () => this.url);
    this.searchIndex = new SearchIndex(options.staleSearch ?? false);
  }

  get issues(): ReadonlyMap<string, FakeJiraIssue> {
    return this.state.issues;
  }

  get credentials(): FakeJiraCredentials {
    return this.state.config.credentials[0] as FakeJiraCredentials;
  }

  authorization(credentials: FakeJiraCredentials = this.credentials): string {
    return `Basic ${Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64')}`;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  reset(): void {
    this.state.clear();
    this.requests.length = 0;
    this.faults = [];
    this.throttle = { every: 0, retryAfterSeconds: 0, seen: 0 };
    this.searchIndex.reset();
  }

  failNext(fault: FakeJiraFault = {}): void {
    this.faults.push({ status: fault.status ?? 429, retryAfterSeconds: fault.retryAfterSeconds === undefined ? 1 : fault.retryAfterSeconds, count: fault.count ?? 1, ...(fault.path ? { path: fault.path } : {}), ...(fault.method ? { method: fault.method } : {}) });
  }

  setStaleSearch(mode: SearchLag): void {
    this.searchIndex.setLag(mode);
  }

  makeSearchCurrent(): void {
    this.searchIndex.makeCurrent();
  }

  createIssue(fields: Record<string, unknown>): FakeJiraIssue {
    const user = this.state.userByEmail(this.credentials.email) as FakeJiraUser;
    return this.create({ fields }, user);
  }

  setStatus(key: string, status: string): void {
    const issue = this.state.issue(key);
    if (!issue) throw new Error(`fake Jira: no issue ${key}`);
    this.moveTo(issue, this.state.status(issue.projectKey, status).name, { id: '0', name: `(set to ${status})` });
  }

  private indexIssue(issue: FakeJiraIssue): void {
    this.searchIndex.record(issue);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const credentials = basicCredentials(req.headers.authorization);
    const record: FakeJiraRequest = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: undefined, status: 0, ...(credentials ? { authEmail: credentials.email } : {}) };
    this.requests.push(record);
    let reply: Reply;
    try {
      const raw = await readRaw(req);
      record.body = raw === '' ? undefined : raw;
      try {
        record.body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
      } catch {
        // kept as text
      }
      reply = this.fault(method, url.pathname) ?? this.route(method, url, raw, req, credentials);
    } catch (error) {
      if (!(error instanceof JiraHttpError)) throw error;
      reply = { status: error.status, body: error.body(), headers: error.headers };
    }
    record.status = reply.status;
    if (reply.body === undefined) sendEmpty(res, reply.status);
    else sendJson(res, reply.status, reply.body, reply.headers);
  }

  throttleEvery(n: number, retryAfterSeconds = 0): void {
    this.throttle = { every: Math.max(0, Math.trunc(n)), retryAfterSeconds, seen: 0 };
  }

  private fault(method: string, path: string): Reply | undefined {
    if (this.throttle.every > 0 && (this.throttle.seen += 1) % this.throttle.every === 0) {
      return { status: 429, body: { errorMessages: ['Rate limit exceeded.'], errors: {} }, headers: { 'Retry-After': String(this.throttle.retryAfterSeconds) } };
    }
    const fault = this.faults.find((f) => f.count > 0 && (!f.path || f.path.test(path)) && (!f.method || f.method.toUpperCase() === method));
    if (!fault) return undefined;
    fault.count--;
    this.faults = this.faults.filter((f) => f.count > 0);
    const headers: Record<string, string> = fault.retryAfterSeconds === null ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
    if (fault.status === 429) Object.assign(headers, { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'RateLimit-Reason': 'jira-burst-based' });
    const message = fault.status === 429 ? 'Rate limit exceeded.' : fault.status === 503 ? 'Service Unavailable' : `Injected failure ${fault.status}`;
    return { status: fault.status, body: { errorMessages: [message], errors: {} }, headers };
  }

  private route(method: string, url: URL, raw: string, req: IncomingMessage, credentials: { email: string; token: string } | undefined): Reply {
    const accepted = credentials && this.state.config.credentials.some((c) => c.email.toLowerCase() === credentials.email.toLowerCase() && c.apiToken === credentials.token);
    if (!accepted) {
      throw new JiraHttpError(401, ['Client must be authenticated to access this resource.'], {}, { 'WWW-Authenticate': 'Basic realm="protected-area"', 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' });
    }
    const user = this.state.userByEmail(credentials.email) as FakeJiraUser;
    const body = method === 'POST' || method === 'PUT' ? parseJsonBody(raw, req.headers['content-type']) : undefined;
    const call: Call = { method, path: url.pathname.replace(/\/+$/, ''), params: url.searchParams, body, user };
    const p = call.path;
    let m: RegExpExecArray | null;
    const only = (...methods: string[]): void => {
      if (!methods.includes(method)) throw new JiraHttpError(405, [`Method ${method} is not allowed on ${p}`]);
    };
    const allow = (methods: string[], answer: () => Reply): Reply => {
      only(...methods);
      return answer();
    };
    if (p === `${API}/myself`) return allow(['GET'], () => ({ status: 200, body: this.render.user(user) }));
    if ((m = new RegExp(`^${API}/project/([^/]+)$`).exec(p))) {
      const project = decodeURIComponent(m[1] as string);
      return allow(['GET'], () => ({ status: 200, body: this.render.project(this.projectOr404(project), true) }));
    }
    if (p === `${API}/user/search`) return allow(['GET'], () => this.userSearch(call));
    if (p === `${API}/user`) return allow(['GET'], () => this.getUser(call));
    if ((m = new RegExp(`^${API}/issue/createmeta/([^/]+)/issuetypes(?:/([^/]+))?$`).exec(p))) {
      const [project, issueType] = [decodeURIComponent(m[1] as string), m[2] === undefined ? undefined : decodeURIComponent(m[2])];
      return allow(['GET'], () => this.createMeta(call, project, issueType));
    }
    if (p === `${API}/issue`) {
      only('POST');
      const issue = this.create(body, user);
      return { status: 201, body: { id: issue.id, key: issue.key, self: `${this.url}${API}/issue/${issue.id}` } };
    }
    if ((m = new RegExp(`^${API}/issue/([^/]+)(?:/(comment|transitions))?$`).exec(p))) {
      const issue = this.issueOr404(decodeURIComponent(m[1] as string));
      if (m[2] === 'comment') return allow(['GET', 'POST'], () => method === 'GET' ? this.listComments(call, issue) : this.addComment(call, issue));
      if (m[2] === 'transitions') return allow(['GET', 'POST'], () => method === 'GET' ? this.listTransitions(call, issue) : this.transition(call, issue));
      only('GET', 'PUT');
      if (method === 'GET') {
        const fields = call.params.getAll('fields').flatMap((f) => f.split(',')).filter((f) => f !== '');
        return { status: 200, body: this.render.issue(issue, fields.length > 0 ? fields : undefined) };
      }
      return this.edit(call, issue);
    }
    if (p === `${API}/search/jql`) return allow(['GET', 'POST'], () => ({ status: 200, body: searchJql({ method, params: call.params, body, accountId: user.accountId }, this.state, this.searchIndex, this.render) }));
    throw new JiraHttpError(404, [`No API route matches ${method} ${p}`]);
  }

  private projectOr404(idOrKey: string): FakeJiraProjectSpec {
    const project = this.state.project(idOrKey);
    if (!project) throw new JiraHttpError(404, [`No project could be found with key '${idOrKey}'.`]);
    return project;
  }

  private issueOr404(idOrKey: string): FakeJiraIssue {
    const issue = this.state.issue(idOrKey);
    if (!issue) throw new JiraHttpError(404, ['Issue does not exist or you do not have permission to see it.']);
    return issue;
  }

  private userSearch(call: Call): Reply {
    const query = call.params.get('query');
    const accountId = call.params.get('accountId');
    if (!query && !accountId) throw new JiraHttpError(400, ["The query parameter 'query' or 'accountId' is required."]);
    const q = (query ?? '').toLowerCase();
    const found = this.state.config.users.filter((u) => (accountId ? u.accountId === accountId : u.emailAddress.toLowerCase().startsWith(q) || u.displayName.toLowerCase().split(/\s+/).some((w) => w.startsWith(q)) || u.displayName.toLowerCase().startsWith(q)));
    const { startAt, maxResults } = page(call.params, 50, 1000);
    return { status: 200, body: found.slice(startAt, startAt + maxResults).map((u) => this.render.user(u)) };
  }

  private getUser(call: Call): Reply {
    const accountId = call.params.get('accountId');
    if (!accountId) throw new JiraHttpError(400, ["The query parameter 'accountId' is required."]);
    const user = this.state.userByAccountId(accountId);
    if (!user) throw new JiraHttpError(404, [`Specified user does not exist or you do not have required permissions`]);
    return { status: 200, body: this.render.user(user) };
  }

  private createMeta(call: Call, projectIdOrKey: string, issueTypeId: string | undefined): Reply {
    const project = this.projectOr404(projectIdOrKey);
    const { startAt, maxResults } = page(call.params, 50, 200);
    if (issueTypeId === undefined) {
      const types = project.issueTypes.map((t) => this.render.issueType(t));
      return { status: 200, body: { maxResults, startAt, total: types.length, issueTypes: types.slice(startAt, startAt + maxResults) } };
    }
    const issueType = project.issueTypes.find((t) => t.id === issueTypeId);
    if (!issueType) throw new JiraHttpError(404, [`Issue type with id '${issueTypeId}' does not exist or is not available in project '${project.key}'.`]);
    const fields = screenFields(project, issueType).map((f) => ({
      required: f.required === true,
      schema: f.schema,
      name: f.name,
      key: f.fieldId,
      fieldId: f.fieldId,
      hasDefaultValue: f.fieldId === 'priority',
      operations: f.schema.type === 'array' ? ['add', 'set', 'remove'] : ['set'],
      ...(f.allowedValues ? { allowedValues: f.allowedValues.map((v) => ({ self: `${this.url}${API}/customFieldOption/${v.id}`, ...v })) } : {}),
      ...(f.fieldId === 'issuetype' ? { allowedValues: [this.render.issueType(issueType)] } : {}),
      ...(f.fieldId === 'project' ? { allowedValues: [this.render.project(project)] } : {}),
      ...(f.fieldId === 'components' ? { allowedValues: (project.components ?? []).map((c, i) => this.render.component(project, c, i)) } : {}),
    }));
    return { status: 200, body: { maxResults, startAt, total: fields.length, fields: fields.slice(startAt, startAt + maxResults) } };
  }

  private create(body: unknown, user: FakeJiraUser): FakeJiraIssue {
    if (!isRecord(body) || !isRecord(body.fields)) throw badRequest({}, ['Request body must contain a "fields" object.']);
    const fields = body.fields;
    const projectRef = isRecord(fields.project) ? (fields.project.key ?? fields.project.id) : undefined;
    const project = typeof projectRef === 'string' ? this.state.project(projectRef) : undefined;
    const typeRef = isRecord(fields.issuetype) ? (fields.issuetype.id ?? fields.issuetype.name) : undefined;
    const issueType = project && typeof typeRef === 'string' ? this.state.issueType(project, typeRef) : undefined;
    if (!project || !issueType) {
      const errors: Record<string, string> = {};
      if (!project) errors.project = 'Specify a valid project ID or key';
      if (!issueType) errors.issuetype = typeRef === undefined ? 'Specify an issue type' : 'Specify a valid issue type';
      throw badRequest(errors);
    }
    const stored = validateFields(fields, { state: this.state, project, issueType, mode: 'create' });
    const now = jiraTime();
    const workflow = this.state.workflowOf(project.key);
    const issue: FakeJiraIssue = {
      id: this.state.newIssueId(),
      key: this.state.newKey(project.key),
      projectKey: project.key,
      issueTypeId: issueType.id,
      fields: { labels: [], priority: 'Medium', ...stored },
      status: workflow.initial,
      reporterAccountId: typeof stored.reporter === 'string' ? stored.reporter : user.accountId,
      comments: [],
      transitions: [],
      created: now,
      updated: now,
      resolutiondate: null,
    };
    delete issue.fields.reporter;
    this.state.issues.set(issue.key, issue);
    this.indexIssue(issue);
    return issue;
  }

  private edit(call: Call, issue: FakeJiraIssue): Reply {
    const body = call.body;
    if (!isRecord(body) || (body.fields !== undefined && !isRecord(body.fields)) || (body.update !== undefined && !isRecord(body.update))) {
      throw badRequest({}, ['Request body must contain "fields" and/or "update" objects.']);
    }
    const fields: Record<string, unknown> = { ...((body.fields as Record<string, unknown> | undefined) ?? {}) };
    for (const locked of ['project', 'issuetype']) if (locked in fields) throw badRequest({ [locked]: `Field '${locked}' cannot be set. It is not on the appropriate screen, or unknown.` });
    const update = (body.update as Record<string, unknown> | undefined) ?? {};
    for (const [fieldId, ops] of Object.entries(update)) {
      if (!Array.isArray(ops)) throw badRequest({ [fieldId]: 'Operations must be an array.' });
      if (fieldId === 'labels') {
        let labels = [...(((fields.labels as string[] | undefined) ?? issue.fields.labels) as string[])];
        for (const op of ops) {
          if (!isRecord(op)) throw badRequest({ labels: 'Operations must be objects such as { "add": "x" }.' });
          if (typeof op.add === 'string') labels.push(op.add);
          if (typeof op.remove === 'string') labels = labels.filter((l) => l !== op.remove);
          if (Array.isArray(op.set)) labels = op.set as string[];
        }
        fields.labels = labels;
      } else {
        const set = ops.find((op) => isRecord(op) && 'set' in op) as Record<string, unknown> | undefined;
        if (!set) throw badRequest({ [fieldId]: `The fake supports only "set" operations on ${fieldId}.` });
        fields[fieldId] = set.set;
      }
    }
    const project = this.state.project(issue.projectKey) as FakeJiraProjectSpec;
    const issueType = this.state.issueType(project, issue.issueTypeId);
    if (!issueType) throw new Error(`fake Jira: issue ${issue.key} has an unknown issue type`);
    const stored = validateFields(fields, { state: this.state, project, issueType, mode: 'edit', selfKey: issue.key });
    if ('reporter' in stored) {
      issue.reporterAccountId = stored.reporter as string;
      delete stored.reporter;
    }
    Object.assign(issue.fields, stored);
    issue.updated = jiraTime();
    this.indexIssue(issue);
    return { status: 204 };
  }

  private listComments(call: Call, issue: FakeJiraIssue): Reply {
    const { startAt, maxResults } = page(call.params, 5000, 5000);
    const comments = issue.comments.map((c) => this.render.comment(issue, c));
    return { status: 200, body: { startAt, maxResults, total: comments.length, comments: comments.slice(startAt, startAt + maxResults) } };
  }

  private addComment(call: Call, issue: FakeJiraIssue): Reply {
    const body = isRecord(call.body) ? call.body.body : undefined;
    const comment = this.comment(issue, body, call.user);
    return { status: 201, body: this.render.comment(issue, comment) };
  }

  private comment(issue: FakeJiraIssue, body: unknown, user: FakeJiraUser): FakeJiraIssue['comments'][number] {
    if (body === undefined || body === null || body === '') throw badRequest({}, ['Comment body can not be empty!']);
    if (!isAdfDoc(body)) throw badRequest({ comment: 'Comment body is not valid! Operation value must be an Atlassian Document (see the Atlassian Document Format)' });
    if (!isRecord(body) || !Array.isArray(body.content) || body.content.length === 0) throw badRequest({}, ['Comment body can not be empty!']);
    const now = jiraTime();
    const comment = { id: this.state.newCommentId(), body, authorAccountId: user.accountId, created: now, updated: now };
    issue.comments.push(comment);
    issue.updated = now;
    this.indexIssue(issue);
    return comment;
  }

  private available(issue: FakeJiraIssue): FakeJiraWorkflow['transitions'] {
    return this.state.workflowOf(issue.projectKey).transitions.filter((t) => (t.from === '*' ? t.to !== issue.status : t.from.includes(issue.status)));
  }

  private listTransitions(call: Call, issue: FakeJiraIssue): Reply {
    const only = call.params.get('transitionId');
    const transitions = this.available(issue).filter((t) => !only || t.id === only);
    return { status: 200, body: { expand: 'transitions', transitions: transitions.map((t) => this.render.transition(issue.projectKey, t)) } };
  }

  private transition(call: Call, issue: FakeJiraIssue): Reply {
    const body = call.body;
    const ref = isRecord(body) && isRecord(body.transition) ? body.transition.id : undefined;
    if (ref === undefined) throw badRequest({}, ["Missing 'transition' identifier"]);
    if (!/^\d+$/.test(String(ref))) throw badRequest({}, ["'transition' identifier must be an integer"]);
    const transition = this.available(issue).find((t) => t.id === String(ref));
    if (!transition) throw badRequest({}, [`Transition id '${String(ref)}' is not valid for this issue.`]);
    const fields = isRecord(body) && isRecord(body.fields) ? body.fields : {};
    const screenErrors = Object.fromEntries(Object.keys(fields).map((k) => [k, `Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.`]));
    if (Object.keys(screenErrors).length > 0) throw badRequest(screenErrors);
    const update = isRecord(body) && isRecord(body.update) ? body.update : {};
    const commentOps = Array.isArray(update.comment) ? update.comment : [];
    const commentBodies = commentOps.map((op) => (isRecord(op) && isRecord(op.add) ? op.add.body : undefined));
    for (const commentBody of commentBodies) if (!isAdfDoc(commentBody)) throw badRequest({ comment: 'Comment body is not valid! Operation value must be an Atlassian Document (see the Atlassian Document Format)' });
    for (const commentBody of commentBodies) this.comment(issue, commentBody, call.user);
    this.moveTo(issue, transition.to, transition);
    return { status: 204 };
  }

  private moveTo(issue: FakeJiraIssue, to: string, transition: { id: string; name: string }): void {
    const now = jiraTime();
    const done = this.state.status(issue.projectKey, to).category === 'done';
    const wasDone = this.state.status(issue.projectKey, issue.status).category === 'done';
    issue.transitions.push({ id: transition.id, name: transition.name, from: issue.status, to, at: now });
    issue.status = to;
    if (done && !wasDone) issue.resolutiondate = now;
    if (!done) issue.resolutiondate = null;
    issue.updated = now;
    this.indexIssue(issue);
  }
}

/** startAt / maxResults query parameters with a default and a ceiling. */
function page(params: URLSearchParams, defaultMax: number, ceiling: number): { startAt: number; maxResults: number } {
  const startAt = Number(params.get('startAt') ?? 0);
  const maxResults = Number(params.get('maxResults') ?? defaultMax);
  if (!Number.isInteger(startAt) || startAt < 0 || !Number.isInteger(maxResults) || maxResults < 0) throw badRequest({}, ['startAt and maxResults must be non-negative integers.']);
  return { startAt, maxResults: Math.min(maxResults, ceiling) };
}

/** Starts the fake on 127.0.0.1 (a free port unless options.port is given). */
export async function startFakeJira(options: FakeJiraOptions = {}): Promise<FakeJira> {
  const server = createServer();
  const fake = new FakeJiraServer(server, options);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    fake.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errorMessages: [`fake Jira internal error: ${(error as Error).message}`], errors: {} });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  fake.port = (server.address() as AddressInfo).port;
  fake.url = `http://127.0.0.1:${fake.port}`;
  return fake;
}
