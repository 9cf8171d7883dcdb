/**
 * A small JQL: clauses `field op value` joined by AND / OR / NOT and parentheses, ORDER BY
 * parsed and ignored. Fields: project, key, issuetype, status, statusCategory, labels,
 * summary (~), resolution, assignee, reporter, priority, component, customfield_N / cf[N].
 * Operators: = != IN, NOT IN, ~ !~, IS EMPTY, IS NOT EMPTY. Values: words, "quoted" or
 * 'quoted' strings, EMPTY/NULL, currentUser().
 */
import { JiraHttpError } from './http.js';
import { STATUS_CATEGORIES, type FakeJiraIssue } from './model.js';
import type { JiraState } from './state.js';

type Token = { kind: 'word' | 'string' | 'op' | 'punct'; text: string };

function jqlError(message: string): JiraHttpError {
  return new JiraHttpError(400, [message]);
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let text = '';
      i++;
      while (i < jql.length && jql[i] !== c) {
        if (jql[i] === '\\' && i + 1 < jql.length) i++;
        text += jql[i];
        i++;
      }
      if (i >= jql.length) throw jqlError(`Error in the JQL Query: The quoted string '${text}' has not been completed. (line 1, character ${i})`);
      i++;
      tokens.push({ kind: 'string', text });
    } else if ('(),'.includes(c)) {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else if ('!=~<>'.includes(c)) {
      const two = jql.slice(i, i + 2);
      const op = ['!=', '!~', '>=', '<='].includes(two) ? two : c;
      if (op === '!') throw jqlError(`Error in the JQL Query: The character '!' is a reserved JQL character. (line 1, character ${i + 1})`);
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    } else {
      const match = /^[^\s(),!=~<>"']+/.exec(jql.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

type Values = string[];
type Predicate = (issue: FakeJiraIssue) => boolean;

const FIELD_ALIASES: Record<string, string> = { issuekey: 'key', id: 'key', type: 'issuetype', text: 'summary', component: 'components' };
const KNOWN = new Set(['project', 'key', 'issuetype', 'status', 'statuscategory', 'labels', 'summary', 'resolution', 'assignee', 'reporter', 'priority', 'components']);

export interface JqlContext {
  state: JiraState;
  /** The account id of the caller, for currentUser(). */
  currentAccountId: string;
}

/** Compiles a JQL query to a predicate; throws Jira's 400 for what it cannot parse or does not know. */
export function compileJql(jql: string, ctx: JqlContext): Predicate {
  const allTokens = tokenize(jql);
  const orderAt = allTokens.findIndex((t, i) => t.kind === 'word' && t.text.toLowerCase() === 'order' && allTokens[i + 1]?.text.toLowerCase() === 'by');
  const tokens = orderAt < 0 ? allTokens : allTokens.slice(0, orderAt);
  if (tokens.length === 0) throw jqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (t: Token | undefined, word: string): boolean => t?.kind === 'word' && t.text.toLowerCase() === word;
  const expect = (what: string): Token => {
    const t = tokens[pos++];
    if (!t) throw jqlError(`Error in the JQL Query: Expecting ${what} but reached the end of the query.`);
    return t;
  };

  const fieldOf = (raw: string): string => {
    const lower = raw.toLowerCase();
    const cf = /^cf\[(\d+)\]$/.exec(lower);
    if (cf) return `customfield_${cf[1]}`;
    if (/^customfield_\d+$/.test(lower)) return lower;
    const name = FIELD_ALIASES[lower] ?? lower;
    if (!KNOWN.has(name)) throw jqlError(`Field '${raw}' does not exist or you do not have permission to view it.`);
    return name;
  };

  const value = (): string | null => {
    const t = expect('a value');
    if (t.kind === 'string') return t.text;
    if (t.kind !== 'word') throw jqlError(`Error in the JQL Query: Expecting either a value, list or function but got '${t.text}'.`);
    if (['empty', 'null'].includes(t.text.toLowerCase())) return null;
    if (peek()?.text === '(') {
      expect('(');
      if (expect(')').text !== ')') throw jqlError(`Error in the JQL Query: function ${t.text} takes no arguments here.`);
      if (t.text.toLowerCase() === 'currentuser') return ctx.currentAccountId;
      throw jqlError(`Unable to find JQL function '${t.text}()'.`);
    }
    return t.text;
  };

  const list = (): (string | null)[] => {
    if (expect("'('").text !== '(') throw jqlError("Error in the JQL Query: Expecting '(' after IN.");
    const out = [value()];
    while (peek()?.text === ',') {
      pos++;
      out.push(value());
    }
    if (expect("')'").text !== ')') throw jqlError("Error in the JQL Query: Expecting ')' or ',' in the list.");
    return out;
  };

  const clause = (): Predicate => {
    const fieldToken = expect('a field name');
    if (fieldToken.kind !== 'word' && fieldToken.kind !== 'string') throw jqlError(`Error in the JQL Query: Expecting a field name but got '${fieldToken.text}'.`);
    const field = fieldOf(fieldToken.text);
    const opToken = expect('an operator');
    let op = opToken.text.toLowerCase();
    if (op === 'not' && isWord(peek(), 'in')) {
      pos++;
      op = 'not in';
    } else if (op === 'is' && isWord(peek(), 'not')) {
      pos++;
      op = 'is not';
    }
    if (op === 'in' || op === 'not in') {
      const wanted = list().map((v) => normalise(field, v, ctx));
      const hit = (vals: Values): boolean => wanted.some((w) => holds(vals, w));
      return op === 'in' ? (i) => hit(valuesOf(field, i, ctx)) : (i) => valuesOf(field, i, ctx).length > 0 && !hit(valuesOf(field, i, ctx));
    }
    if (op === 'is' || op === 'is not') {
      if (value() !== null) throw jqlError(`Error in the JQL Query: The operator '${op.toUpperCase()}' only supports EMPTY or NULL.`);
      return op === 'is' ? (i) => valuesOf(field, i, ctx).length === 0 : (i) => valuesOf(field, i, ctx).length > 0;
    }
    const raw = value();
    if (op === '~' || op === '!~') {
      if (raw === null) throw jqlError(`Error in the JQL Query: The operator '${op}' does not support EMPTY.`);
      const needle = raw.toLowerCase().replace(/\*/g, '');
      const contains = (i: FakeJiraIssue): boolean => valuesOf(field, i, ctx).some((v) => v.includes(needle));
      return op === '~' ? contains : (i) => !contains(i);
    }
    if (op === '=' || op === '!=') {
      const wanted = normalise(field, raw, ctx);
      const hit = (i: FakeJiraIssue): boolean => holds(valuesOf(field, i, ctx), wanted);
      if (wanted === EMPTY) return op === '=' ? hit : (i) => !hit(i);
      return op === '=' ? hit : (i) => valuesOf(field, i, ctx).length > 0 && !hit(i);
    }
    throw jqlError(`Error in the JQL Query: The operator '${opToken.text}' is not supported by this fake for field '${fieldToken.text}'.`);
  };

  const primary = (): Predicate => {
    if (peek()?.text === '(' && peek()?.kind === 'punct') {
      pos++;
      const inner = or();
      if (expect("')'").text !== ')') throw jqlError("Error in the JQL Query: Expecting ')'.");
      return inner;
    }
    if (isWord(peek(), 'not')) {
      pos++;
      const inner = primary();
      return (i) => !inner(i);
    }
    return clause();
  };
  const and = (): Predicate => {
    const parts = [primary()];
    while (isWord(peek(), 'and')) {
      pos++;
      parts.push(primary());
    }
    return (i) => parts.every((p) => p(i));
  };
  const or = (): Predicate => {
    const parts = [and()];
    while (isWord(peek(), 'or')) {
      pos++;
      parts.push(and());
    }
    return (i) => parts.some((p) => p(i));
  };

  const predicate = or();
  if (pos < tokens.length) throw jqlError(`Error in the JQL Query: Expecting AND, OR or ORDER BY but got '${(tokens[pos] as Token).text}'.`);
  return predicate;
}

const EMPTY = '\u0000empty';

/** Whether a field's values match one wanted value (EMPTY matches an empty field). */
function holds(values: Values, wanted: string): boolean {
  return wanted === EMPTY ? values.length === 0 : values.includes(wanted);
}

/** A JQL value in the form valuesOf() gives, checking that project and status values exist. */
function normalise(field: string, value: string | null, ctx: JqlContext): string {
  if (value === null) return EMPTY;
  const lower = value.toLowerCase();
  if (field === 'resolution' && lower === 'unresolved') return EMPTY;
  if (field === 'project') {
    const project = ctx.state.project(value);
    if (!project) throw jqlError(`The value '${value}' does not exist for the field 'project'.`);
    return project.key.toLowerCase();
  }
  if (field === 'status' && !ctx.state.allStatuses().some((s) => s.name.toLowerCase() === lower || s.id === value)) {
    throw jqlError(`The value '${value}' does not exist for the field 'status'.`);
  }
  if (field === 'status') return (ctx.state.allStatuses().find((s) => s.id === value)?.name ?? value).toLowerCase();
  if (field === 'statuscategory') {
    const category = Object.values(STATUS_CATEGORIES).find((c) => c.key === lower || c.name.toLowerCase() === lower || String(c.id) === value);
    if (!category) throw jqlError(`The value '${value}' does not exist for the field 'statusCategory'.`);
    return category.key;
  }
  if (field === 'assignee' || field === 'reporter') return (ctx.state.userByEmail(value)?.accountId ?? value).toLowerCase();
  return lower;
}

/** The values a field holds on an issue, lower-cased; [] when it is empty. */
function valuesOf(field: string, issue: FakeJiraIssue, ctx: JqlContext): Values {
  const f = issue.fields;
  const lowerAll = (v: unknown): Values => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]).map((x) => String(x).toLowerCase());
  switch (field) {
    case 'project':
      return [issue.projectKey.toLowerCase()];
    case 'key':
      return [issue.key.toLowerCase(), issue.id];
    case 'issuetype': {
      const project = ctx.state.project(issue.projectKey);
      const type = project ? ctx.state.issueType(project, issue.issueTypeId) : undefined;
      return type ? [type.name.toLowerCase(), type.id] : [];
    }
    case 'status':
      return [issue.status.toLowerCase()];
    case 'statuscategory':
      return [ctx.state.status(issue.projectKey, issue.status).category];
    case 'resolution':
      return ctx.state.status(issue.projectKey, issue.status).category === 'done' ? ['done'] : [];
    case 'assignee':
      return lowerAll(f.assignee);
    case 'reporter':
      return lowerAll(issue.reporterAccountId);
    default:
      return lowerAll(field.startsWith('customfield_') && f[field] !== null && typeof f[field] === 'object' && !Array.isArray(f[field]) ? (f[field] as Record<string, unknown>).value : f[field]);
  }
}
