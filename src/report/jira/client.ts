/**
 * The Jira Cloud client of the reporting step: a thin wrapper over jira.js's
 * Version3Client (REST v3, Basic auth with an email and API token) that
 *
 * - retries every call through one helper: 429 after its Retry-After (bounded), 500/502/503/504
 *   and timeouts or dropped connections with the project's backoff (src/aws/retry.ts), at
 *   most `retry.maxAttempts` attempts; jira.js 5 retries nothing itself. Calls that are not
 *   idempotent (create, comment, transition, link) are retried only after 429/502/503, which
 *   say the request was not processed: a second attempt after a timeout could make a second issue;
 * - turns every failure into a `JiraError` with one line naming the setting and the fix,
 *   never holding the API token (the token is registered with `redact`, and the cause kept
 *   is Jira's answer, not the HTTP library's error with its request headers);
 * - counts every HTTP request it sends (`calls`), for the report's figures.
 *
 * It knows nothing of the record table or the config file: callers pass the route and content.
 */
import { Version3Client, type Version3Parameters } from 'jira.js';
import { DEFAULT_RETRY_POLICY, backoffMs, sleep, type RetryPolicy } from '../../aws/retry.js';
import { redact, registerSecret } from '../../util/redact.js';
import type { AdfDoc, TicketContent } from './content.js';

export type StatusCategory = 'new' | 'indeterminate' | 'done';

export interface JiraStatus {
  name: string;
  category: StatusCategory;
}

export interface JiraTicketsOptions {
  /** The Jira site, e.g. https://acme.atlassian.net (RAMPART_JIRA_URL). */
  siteUrl: string;
  /** RAMPART_JIRA_EMAIL. */
  email: string;
  /** RAMPART_JIRA_API_TOKEN; never logged, never in an error. */
  apiToken: string;
  /** Attempts and backoff; the project's DEFAULT_RETRY_POLICY unless given. */
  retry?: RetryPolicy;
  /** A 429 asking to wait longer than this is not waited for: the call fails (retryable) instead. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** How to wait between attempts (tests observe it). */
  sleep?: (ms: number) => Promise<void>;
}

/** What a failed Jira call left: Jira's own answer, without the request (and its Authorization header). */
export interface JiraFailure {
  status?: number;
  code?: string;
  errorMessages: string[];
  errors: Record<string, string>;
}

export class JiraError extends Error {
  override readonly name = 'JiraError';
  /** The HTTP status Jira answered; undefined for setup problems found by rampart and network failures. */
  readonly status: number | undefined;
  /** The client method that failed, e.g. createIssue. */
  readonly operation: string;
  /** A later run may succeed without a config change (throttling, outage, timeout). */
  readonly retryable: boolean;
  /**
   * A call that is not idempotent (createIssue, comment, transition, link) failed in a way that
   * leaves it unknown whether Jira carried it out (timeout, dropped connection, 500, 504): it was
   * not retried. After a createIssue so failed, adopt the issue by its stable label later.
   */
  readonly ambiguous: boolean;
  declare readonly cause: JiraFailure | undefined;

  constructor(message: string, details: { operation: string; status?: number; retryable?: boolean; ambiguous?: boolean; cause?: JiraFailure }) {
    super(redact(message).replace(/[\r\n]+/g, ' '), details.cause ? { cause: redactFailure(details.cause) } : undefined);
    this.status = details.status;
    this.operation = details.operation;
    this.retryable = details.retryable ?? false;
    this.ambiguous = details.ambiguous ?? false;
  }
}

function redactFailure(failure: JiraFailure): JiraFailure {
  return {
    ...(failure.status !== undefined ? { status: failure.status } : {}),
    ...(failure.code !== undefined ? { code: failure.code } : {}),
    errorMessages: failure.errorMessages.map(redact),
    errors: Object.fromEntries(Object.entries(failure.errors).map(([k, v]) => [k, redact(v)])),
  };
}

/** What the setting behind a call is, for the hint of a 403/404. */
interface CallContext {
  project?: string;
  issueType?: string;
  key?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Network failures worth another attempt (axios codes); a refused connection or unknown host is a setting. */
const RETRYABLE_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'ERR_NETWORK', 'ESOCKETTIMEDOUT']);
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
/**
 * For calls that are not idempotent (create, comment, transition, link) only answers that say the
 * request was not processed are retried; after a timeout, a dropped connection, a 500 or a 504 the
 * issue may exist already, so the error says so (`ambiguous`) instead of risking a second issue.
 */
const UNPROCESSED_STATUSES = new Set([429, 502, 503]);

interface Classified {
  failure: JiraFailure;
  retryAfterMs?: number;
  retryable: boolean;
  network: boolean;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!isObject(headers)) return undefined;
  const getter = headers.get;
  if (typeof getter === 'function') {
    const value: unknown = getter.call(headers, name);
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name && (typeof value === 'string' || typeof value === 'number')) return String(value);
  return undefined;
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Reads what jira.js threw: an HttpException (status, response.data, cause = the AxiosError) or a bare AxiosError. */
function classify(error: unknown): Classified {
  const e = isObject(error) ? error : {};
  const status = typeof e.status === 'number' && e.status > 0 ? e.status : undefined;
  const response = isObject(e.response) ? e.response : undefined;
  const cause = isObject(e.cause) ? e.cause : undefined;
  const causeResponse = cause && isObject(cause.response) ? cause.response : undefined;
  // jira.js wraps an HTTP answer as { code, message, data, status, statusText } with the AxiosError as cause.
  const hasHttpAnswer = status !== undefined && (causeResponse !== undefined || (response !== undefined && 'data' in response && typeof response.status === 'number'));
  const data = response && 'data' in response ? response.data : causeResponse?.data;
  const body = isObject(data) ? data : {};
  const errorMessages = Array.isArray(body.errorMessages) ? body.errorMessages.filter((m): m is string => typeof m === 'string') : typeof data === 'string' && data.length < 500 ? [data] : [];
  const errors = isObject(body.errors) ? Object.fromEntries(Object.entries(body.errors).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {};
  const code = typeof e.code === 'string' && e.code !== 'INTERNAL_SERVER_ERROR' ? e.code : typeof cause?.code === 'string' ? cause.code : undefined;
  if (hasHttpAnswer) {
    const retryAfterMs = parseRetryAfter(headerValue(causeResponse?.headers ?? response?.headers, 'retry-after'));
    return { failure: { status, ...(code ? { code } : {}), errorMessages, errors }, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), retryable: RETRYABLE_STATUSES.has(status as number), network: false };
  }
  const message = typeof e.message === 'string' ? e.message : String(error);
  return { failure: { ...(code ? { code } : {}), errorMessages: [message], errors: {} }, retryable: code !== undefined && RETRYABLE_CODES.has(code), network: true };
}

function jiraSays(failure: JiraFailure): string {
  const parts = [...failure.errorMessages, ...Object.entries(failure.errors).map(([field, message]) => `${field}: ${message}`)];
  return parts.length > 0 ? parts.join('; ') : 'no details';
}

/** The one line a user reads: what failed, what Jira said, which setting to fix and how. */
function failureMessage(operation: string, classified: Classified, context: CallContext, attempts: number): string {
  const { failure } = classified;
  const status = failure.status;
  const said = jiraSays(failure);
  const project = context.project ? `project ${context.project}` : 'the project';
  if (classified.network) {
    const hint = classified.retryable ? 'Jira did not answer in time; the next run retries' : 'check RAMPART_JIRA_URL (the site, e.g. https://acme.atlassian.net) and the network path to it';
    return `Jira ${operation} failed${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${said}. ${hint}.`;
  }
  switch (status) {
    case 401:
      return `Jira rejected the credentials (401) on ${operation}: set RAMPART_JIRA_EMAIL to the Atlassian account's email and RAMPART_JIRA_API_TOKEN to an API token of that account (id.atlassian.com → Security → API tokens), and RAMPART_JIRA_URL to its site.`;
    case 403:
      return `Jira refused ${operation} (403): ${said}. Give the RAMPART_JIRA_EMAIL user Browse, Create, Edit, Transition, Link and Add Comments permissions in ${project} (reporting.jira.project).`;
    case 404:
      if (context.key) return `Jira ${operation} failed (404): issue ${context.key} does not exist or the RAMPART_JIRA_EMAIL user cannot see it: ${said}.`;
      if (context.issueType) return `Jira ${operation} failed (404): issue type ${context.issueType} is not available in ${project}: ${said}. Set reporting.jira.issueType to one of the project's issue types.`;
      return `Jira ${operation} failed (404): ${said}. Set reporting.jira.project to an existing project key the RAMPART_JIRA_EMAIL user can browse, and RAMPART_JIRA_URL to the right site.`;
    case 400:
      return `Jira rejected ${operation} (400): ${said}. Check reporting.jira (project ${context.project ?? '?'}, issue type ${context.issueType ?? '?'}, priority, components, parent) against the project's create screen.`;
    case 429:
      return `Jira rate-limited ${operation} (429) after ${attempts} attempt${attempts === 1 ? '' : 's'}${classified.retryAfterMs !== undefined ? ` (Retry-After ${Math.ceil(classified.retryAfterMs / 1000)} s)` : ''}: the next run retries.`;
    default:
      return `Jira ${operation} failed (${status ?? 'no status'})${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${said}.${classified.retryable ? ' The next run retries.' : ''}`;
  }
}

/** JQL string literal. */
function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

interface TransitionInfo {
  id: string;
  name: string;
  to: JiraStatus;
}

function category(key: unknown): StatusCategory {
  return key === 'done' || key === 'new' ? key : 'indeterminate';
}

/** Fields rampart always sets on create (everything else required must have a default or be set by the route). */
const ALWAYS_FILLED = new Set(['project', 'issuetype', 'summary', 'description', 'reporter', 'labels']);

interface SetupFacts {
  issueTypeId: string;
  /** Required fields without a default value: id and name. */
  required: { id: string; name: string }[];
}

/** The most pages a label search follows (a label names one finding: more means something is wrong). */
const MAX_SEARCH_PAGES = 20;
/** The most transitions close() walks. */
const MAX_TRANSITION_STEPS = 3;

export class JiraTickets {
  /** HTTP requests sent, retries included. */
  calls = 0;
  /** Requests answered 429. */
  throttled = 0;
  readonly siteUrl: string;
  private readonly client: Version3Client;
  private readonly policy: RetryPolicy;
  private readonly maxRetryAfterMs: number;
  private readonly wait: (ms: number) => Promise<void>;
  private readonly setup = new Map<string, Promise<SetupFacts>>();

  constructor(options: JiraTicketsOptions) {
    registerSecret(options.apiToken);
    this.siteUrl = options.siteUrl.replace(/\/+$/, '');
    this.policy = options.retry ?? DEFAULT_RETRY_POLICY;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.wait = options.sleep ?? sleep;
    this.client = new Version3Client({
      host: this.siteUrl,
      authentication: { basic: { email: options.email, apiToken: options.apiToken } },
      baseRequestConfig: { timeout: options.timeoutMs ?? 30_000 },
    });
  }

  /** The browse URL of an issue. */
  issueUrl(key: string): string {
    return `${this.siteUrl}/browse/${encodeURIComponent(key)}`;
  }

  /**
   * Runs one Jira call with the retry policy; every attempt counts in `calls`. A call that is not
   * idempotent is retried only after answers that say it was not processed (429, 502, 503).
   */
  private async call<T>(operation: string, context: CallContext, task: (client: Version3Client) => Promise<T>, idempotent = true): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      this.calls += 1;
      try {
        return await task(this.client);
      } catch (error) {
        const classified = classify(error);
        if (classified.failure.status === 429) this.throttled += 1;
        const unprocessed = classified.failure.status !== undefined && UNPROCESSED_STATUSES.has(classified.failure.status);
        const ambiguous = !idempotent && classified.retryable && !unprocessed;
        const tooLong = classified.retryAfterMs !== undefined && classified.retryAfterMs > this.maxRetryAfterMs;
        if (!classified.retryable || ambiguous || attempt >= this.policy.maxAttempts || tooLong) {
          const message = failureMessage(operation, classified, context, attempt) + (ambiguous ? ' Jira may have carried it out: it was not repeated.' : '');
          throw new JiraError(message, { operation, ...(classified.failure.status !== undefined ? { status: classified.failure.status } : {}), retryable: classified.retryable, ambiguous, cause: classified.failure });
        }
        const delay = classified.failure.status === 429 && classified.retryAfterMs !== undefined ? classified.retryAfterMs : backoffMs(attempt, this.policy);
        await this.wait(delay);
      }
    }
  }

  /**
   * Credentials, project, issue type, and the create screen's required fields that rampart
   * does not fill. Cached per (project, issue type) for the client's life. `route` may name
   * the optional fields it sets (priority, components, parent, assignee, due days), which
   * then count as filled. Throws a JiraError naming the setting otherwise.
   */
  async checkSetup(route: { project: string; issueType: string; priority?: string; components?: readonly string[]; parentKey?: string; assigneeAccountId?: string; dueDays?: number }): Promise<{ requiredFields: string[] }> {
    const facts = await this.setupFacts(route.project, route.issueType);
    const filled = new Set(ALWAYS_FILLED);
    if (route.priority) filled.add('priority');
    if (route.components && route.components.length > 0) filled.add('components');
    if (route.parentKey) filled.add('parent');
    if (route.assigneeAccountId) filled.add('assignee');
    if (route.dueDays !== undefined) filled.add('duedate');
    const missing = facts.required.filter((f) => !filled.has(f.id));
    if (missing.length > 0) {
      const names = missing.map((f) => (f.name && f.name !== f.id ? `${f.name} (${f.id})` : f.id)).join(', ');
      throw new JiraError(
        `Jira issue type ${route.issueType} in project ${route.project} requires fields rampart does not fill: ${names}. Make them optional or give them a default in the project's field configuration, or set reporting.jira.issueType / reporting.jira.project to one without them.`,
        { operation: 'checkSetup' },
      );
    }
    return { requiredFields: facts.required.map((f) => f.id) };
  }

  private setupFacts(project: string, issueType: string): Promise<SetupFacts> {
    const cacheKey = `${project}\u0000${issueType.toLowerCase()}`;
    let facts = this.setup.get(cacheKey);
    if (!facts) {
      facts = this.loadSetup(project, issueType);
      this.setup.set(cacheKey, facts);
      // A failure is not cached: the next call asks again.
      facts.catch(() => this.setup.delete(cacheKey));
    }
    return facts;
  }

  private async loadSetup(project: string, issueType: string): Promise<SetupFacts> {
    await this.call('checkSetup (credentials)', {}, (c) => c.myself.getCurrentUser());
    await this.call('checkSetup (project)', { project }, (c) => c.projects.getProject({ projectIdOrKey: project }));
    const types: { id: string; name: string }[] = [];
    for (let startAt = 0; ; ) {
      const page = await this.call('checkSetup (issue types)', { project }, (c) => c.issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: project, startAt, maxResults: 50 }));
      const got = (page.issueTypes ?? page.createMetaIssueType ?? []) as { id?: string; name?: string }[];
      for (const t of got) if (t.id && t.name) types.push({ id: t.id, name: t.name });
      startAt += got.length;
      if (got.length === 0 || page.total === undefined || startAt >= page.total) break;
    }
    const wanted = types.find((t) => t.name.toLowerCase() === issueType.toLowerCase() || t.id === issueType);
    if (!wanted) {
      throw new JiraError(
        `Jira project ${project} has no issue type ${issueType} the RAMPART_JIRA_EMAIL user can create (available: ${types.map((t) => t.name).join(', ') || 'none'}): set reporting.jira.issueType to one of them.`,
        { operation: 'checkSetup', status: 404 },
      );
    }
    const required: { id: string; name: string }[] = [];
    for (let startAt = 0; ; ) {
      const page = await this.call('checkSetup (create metadata)', { project, issueType }, (c) => c.issues.getCreateIssueMetaIssueTypeId({ projectIdOrKey: project, issueTypeId: wanted.id, startAt, maxResults: 50 }));
      const fields = (page.fields ?? page.results ?? []) as { fieldId?: string; key?: string; name?: string; required?: boolean; hasDefaultValue?: boolean }[];
      for (const f of fields) {
        const id = f.fieldId ?? f.key;
        if (id && f.required === true && f.hasDefaultValue !== true) required.push({ id, name: f.name ?? id });
      }
      startAt += fields.length;
      if (fields.length === 0 || page.total === undefined || startAt >= page.total) break;
    }
    return { issueTypeId: wanted.id, required };
  }

  private fields(content: Partial<TicketContent>, issueTypeId?: string): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    if (content.project !== undefined) fields.project = { key: content.project };
    if (content.issueType !== undefined) fields.issuetype = issueTypeId ? { id: issueTypeId } : { name: content.issueType };
    if (content.summary !== undefined) fields.summary = content.summary;
    if (content.description !== undefined) fields.description = content.description;
    if (content.labels !== undefined) fields.labels = content.labels;
    if (content.priority !== undefined) fields.priority = { name: content.priority };
    if (content.components !== undefined) fields.components = content.components.map((name) => ({ name }));
    if (content.parentKey !== undefined) fields.parent = { key: content.parentKey };
    if (content.assigneeAccountId !== undefined) fields.assignee = { accountId: content.assigneeAccountId };
    if (content.duedate !== undefined) fields.duedate = content.duedate;
    return fields;
  }

  /** Creates one issue; the issue type's id is used when checkSetup already resolved it. */
  async createIssue(content: TicketContent): Promise<{ key: string; url: string }> {
    const cached = this.setup.get(`${content.project}\u0000${content.issueType.toLowerCase()}`);
    const issueTypeId = cached ? await cached.then((f) => f.issueTypeId, () => undefined) : undefined;
    const fields = this.fields(content, issueTypeId) as Version3Parameters.CreateIssue['fields'];
    const created = await this.call('createIssue', { project: content.project, issueType: content.issueType }, (c) => c.issues.createIssue({ fields }), false);
    if (!created.key) throw new JiraError('Jira createIssue answered without an issue key.', { operation: 'createIssue' });
    return { key: created.key, url: this.issueUrl(created.key) };
  }

  /**
   * Keys of the project's issues carrying `label` (the enhanced JQL search, every page).
   * Jira's search is eventually consistent: use it only to adopt an orphan of a crashed run.
   */
  async findByLabel(label: string, project: string): Promise<string[]> {
    const jql = `project = ${jqlString(project)} AND labels = ${jqlString(label)} ORDER BY created ASC`;
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    for (let page = 0; page < MAX_SEARCH_PAGES; page += 1) {
      const token = nextPageToken;
      const result = await this.call('findByLabel', { project }, (c) => c.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql, fields: ['status'], maxResults: 100, ...(token ? { nextPageToken: token } : {}) }));
      for (const issue of result.issues ?? []) if (issue.key) keys.push(issue.key);
      nextPageToken = result.nextPageToken ?? undefined;
      if (!nextPageToken) break;
    }
    return [...new Set(keys)];
  }

  async comment(key: string, body: AdfDoc): Promise<void> {
    await this.call('comment', { key }, (c) => c.issueComments.addComment({ issueIdOrKey: key, comment: body }), false);
  }

  /**
   * Updates the given fields. Labels are added (never removed: people label issues too, and
   * the stable label must stay); project and issue type cannot change and are ignored.
   */
  async edit(key: string, fields: Partial<TicketContent>): Promise<void> {
    const { project: _project, issueType: _issueType, labels, ...rest } = fields;
    const body = this.fields(rest);
    const update = labels && labels.length > 0 ? { labels: labels.map((label) => ({ add: label })) } : undefined;
    if (Object.keys(body).length === 0 && !update) return;
    await this.call('edit', { key }, (c) => c.issues.editIssue({ issueIdOrKey: key, ...(Object.keys(body).length > 0 ? { fields: body } : {}), ...(update ? { update } : {}) }));
  }

  async status(key: string): Promise<JiraStatus> {
    const issue = await this.call('status', { key }, (c) => c.issues.getIssue({ issueIdOrKey: key, fields: ['status'] }));
    const status = (issue.fields as { status?: { name?: string; statusCategory?: { key?: string } } } | undefined)?.status;
    return { name: status?.name ?? 'unknown', category: category(status?.statusCategory?.key) };
  }

  private async transitions(key: string): Promise<TransitionInfo[]> {
    const answer = await this.call('transitions', { key }, (c) => c.issues.getTransitions({ issueIdOrKey: key }));
    return (answer.transitions ?? [])
      .filter((t) => t.id !== undefined && t.isAvailable !== false)
      .map((t) => ({ id: t.id as string, name: t.name ?? '', to: { name: t.to?.name ?? '', category: category(t.to?.statusCategory?.key) } }));
  }

  private async transition(key: string, id: string): Promise<void> {
    await this.call('transition', { key }, (c) => c.issues.doTransition({ issueIdOrKey: key, transition: { id } }), false);
  }

  /**
   * Moves the issue to a status in the Done category: the configured transition when the
   * issue offers it, else one leading to a done status, else one intermediate step (to an
   * "in progress" status not visited yet) and again, at most three transitions.
   */
  async close(key: string, preferredTransition?: string): Promise<'closed' | 'already'> {
    const start = await this.status(key);
    if (start.category === 'done') return 'already';
    const visited = new Set([start.name.toLowerCase()]);
    let current = start.name;
    const tried: string[] = [];
    for (let step = 0; step < MAX_TRANSITION_STEPS; step += 1) {
      const available = await this.transitions(key);
      const chosen =
        available.find((t) => preferredTransition !== undefined && t.name.toLowerCase() === preferredTransition.toLowerCase() && !visited.has(t.to.name.toLowerCase())) ??
        available.find((t) => t.to.category === 'done') ??
        available.find((t) => t.to.category === 'indeterminate' && !visited.has(t.to.name.toLowerCase())) ??
        available.find((t) => t.to.category === 'new' && !visited.has(t.to.name.toLowerCase()));
      if (!chosen) {
        const offered = available.map((t) => `${t.name} → ${t.to.name}`).join(', ') || 'none';
        throw new JiraError(
          `Jira issue ${key} cannot reach a Done status from ${current} (transitions offered: ${offered}${tried.length > 0 ? `; taken: ${tried.join(', ')}` : ''}): set reporting.jira.doneTransition to the transition that closes it, or give the workflow one.`,
          { operation: 'close' },
        );
      }
      await this.transition(key, chosen.id);
      tried.push(`${chosen.name} → ${chosen.to.name}`);
      if (chosen.to.category === 'done') return 'closed';
      visited.add(chosen.to.name.toLowerCase());
      current = chosen.to.name;
    }
    throw new JiraError(`Jira issue ${key} did not reach a Done status in ${MAX_TRANSITION_STEPS} transitions (${tried.join(', ')}): set reporting.jira.doneTransition to the transition that closes it.`, { operation: 'close' });
  }

  /**
   * Moves a Done issue out of Done: the configured transition when offered, else one to a
   * "to do" status, else one to an "in progress" status. 'cannot' when the workflow offers
   * none (the caller then creates a new issue and links it); 'already' when it is not Done.
   */
  async reopen(key: string, preferredTransition?: string): Promise<'reopened' | 'already' | 'cannot'> {
    const start = await this.status(key);
    if (start.category !== 'done') return 'already';
    const available = (await this.transitions(key)).filter((t) => t.to.category !== 'done');
    const chosen =
      available.find((t) => preferredTransition !== undefined && t.name.toLowerCase() === preferredTransition.toLowerCase()) ??
      available.find((t) => t.to.category === 'new') ??
      available.find((t) => t.to.category === 'indeterminate');
    if (!chosen) return 'cannot';
    await this.transition(key, chosen.id);
    return 'reopened';
  }

  /** Links two issues with the "Relates" link type (fromKey relates to toKey). */
  async link(fromKey: string, toKey: string): Promise<void> {
    await this.call('link', { key: fromKey }, (c) => c.issueLinks.linkIssues({ type: { name: 'Relates' }, inwardIssue: { key: fromKey }, outwardIssue: { key: toKey } }), false);
  }

  /**
   * The accountId of the active user whose email is exactly `email` (case-insensitive), or
   * undefined. Users who hide their email from the API cannot be matched.
   */
  async userByEmail(email: string): Promise<string | undefined> {
    const wanted = email.trim().toLowerCase();
    if (wanted === '') return undefined;
    const users = await this.call('userByEmail', {}, (c) => c.userSearch.findUsers({ query: wanted, maxResults: 50 }));
    const match = users.find((u) => u.active !== false && u.accountType !== 'app' && typeof u.emailAddress === 'string' && u.emailAddress.toLowerCase() === wanted && typeof u.accountId === 'string');
    return match?.accountId;
  }
}
