/**
 * The enhanced JQL search (GET/POST /rest/api/3/search/jql) over a search index that may lag
 * behind writes, as Jira Cloud's does: a write becomes visible at once, after N searches, or
 * when the test says so. `reconcileIssues` (issue ids) reads those issues fresh, as Jira's does.
 */
import { JiraHttpError, badRequest, isRecord } from './http.js';
import { compileJql } from './jql.js';
import type { FakeJiraIssue } from './model.js';
import type { Renderer } from './render.js';
import type { JiraState } from './state.js';

export type SearchLag = boolean | { searches: number };

export class SearchIndex {
  private readonly visible = new Map<string, FakeJiraIssue>();
  private pending: { snapshot: FakeJiraIssue; remaining: number }[] = [];
  private lag: false | number = false;

  constructor(private readonly initialLag: SearchLag) {
    this.setLag(initialLag);
  }

  setLag(mode: SearchLag): void {
    this.lag = mode === false ? false : mode === true ? Number.POSITIVE_INFINITY : Math.max(0, mode.searches);
    if (this.lag === false) this.makeCurrent();
  }

  /** Records a write: visible now, or once the lag has run out. */
  record(issue: FakeJiraIssue): void {
    const snapshot = structuredClone(issue);
    if (this.lag === false) this.visible.set(issue.key, snapshot);
    else this.pending.push({ snapshot, remaining: this.lag });
  }

  makeCurrent(): void {
    for (const p of this.pending) this.visible.set(p.snapshot.key, p.snapshot);
    this.pending = [];
  }

  reset(): void {
    this.visible.clear();
    this.pending = [];
    this.setLag(this.initialLag);
  }

  /** What one search sees; every write still pending waits one search less. */
  view(live: Iterable<FakeJiraIssue>, reconcile: Set<string>): FakeJiraIssue[] {
    for (const p of this.pending) if (p.remaining <= 0) this.visible.set(p.snapshot.key, p.snapshot);
    this.pending = this.pending.filter((p) => p.remaining > 0);
    for (const p of this.pending) p.remaining--;
    const view = new Map(this.visible);
    for (const issue of live) if (reconcile.has(issue.id)) view.set(issue.key, issue);
    return [...view.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }
}

export interface SearchRequest {
  method: string;
  params: URLSearchParams;
  body: unknown;
  accountId: string;
}

/** Answers a search: { issues, nextPageToken? (absent on the last page), isLast }. */
export function searchJql(request: SearchRequest, state: JiraState, index: SearchIndex, render: Renderer): unknown {
  const post = request.method === 'POST';
  if (post && !isRecord(request.body)) throw badRequest({}, ['Request body must be a JSON object.']);
  const input = isRecord(request.body) ? request.body : {};
  const listParam = (name: string): string[] => request.params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const jql = post ? input.jql : request.params.get('jql');
  if (typeof jql !== 'string' || jql.trim() === '') throw new JiraHttpError(400, ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
  const fields = post ? input.fields : listParam('fields');
  if (fields !== undefined && !(Array.isArray(fields) && fields.every((f) => typeof f === 'string'))) throw badRequest({}, ['fields must be an array of field names.']);
  const fieldList = ((fields as string[] | undefined) ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f !== '');
  const onlyIds = fieldList.every((f) => f === 'id' || f === 'key');
  const maxRaw = post ? input.maxResults : (request.params.get('maxResults') ?? undefined);
  const maxNumber = maxRaw === undefined ? 50 : Number(maxRaw);
  if (!Number.isInteger(maxNumber) || maxNumber < 1) throw badRequest({}, ['maxResults must be a positive integer.']);
  // Jira Cloud returns up to 5000 issues a page when only ids/keys are asked for, 100 otherwise.
  const maxResults = Math.min(maxNumber, onlyIds ? 5000 : 100);
  const token = post ? input.nextPageToken : (request.params.get('nextPageToken') ?? undefined);
  const reconcileRaw = post ? input.reconcileIssues : listParam('reconcileIssues');
  const reconcile = new Set((Array.isArray(reconcileRaw) ? reconcileRaw : []).map((v) => String(v)));

  const predicate = compileJql(jql, { state, currentAccountId: request.accountId });
  const matches = index.view(state.issues.values(), reconcile).filter(predicate);
  const fingerprint = Buffer.from(jql).toString('base64url').slice(0, 32);
  let offset = 0;
  if (token !== undefined && token !== null) {
    const decoded = typeof token === 'string' ? /^(\d+):(.*)$/.exec(Buffer.from(token, 'base64url').toString('utf8')) : null;
    if (!decoded || decoded[2] !== fingerprint) throw badRequest({}, ['The provided next page token is invalid or expired.']);
    offset = Number(decoded[1]);
  }
  const next = offset + maxResults;
  const isLast = next >= matches.length;
  // With no fields asked for, the enhanced search returns issue ids only.
  const issues = matches.slice(offset, next).map((issue) => (fieldList.length === 0 ? { id: issue.id } : render.issue(issue, fieldList)));
  return { issues, ...(isLast ? {} : { nextPageToken: Buffer.from(`${next}:${fingerprint}`).toString('base64url') }), isLast };
}
