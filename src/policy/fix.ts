/**
 * Takes the public statements out of a resource policy (S3, SQS, OpenSearch),
 * editing the policy as text: every statement the edit does not touch, and
 * everything around the Statement list, stays byte for byte as written.
 *
 * Two edits, chosen per fix with its `policyStatements` parameter:
 * - remove: a statement public through its principal alone loses only the
 *   `"*"` entries when it also names other principals (they keep their grant),
 *   else the whole statement goes;
 * - restrict: the statement stays and gains a condition fixing the caller to
 *   the owner's account (`aws:PrincipalAccount` = <account>), which the
 *   analyser (conditions.ts) counts as restricting under either sourceIp reading.
 *
 * Which statements are public is always the analyser's answer (public-access.ts),
 * with the check's own options, so a fix changes exactly what its check flags.
 */
import type { JsonValue } from '../core/check.js';
import { parsePolicy, PolicyParseError } from './document.js';
import { analysePublicAccess, type StatementEvidence } from './public-access.js';
import type { SourceIpReading } from './source-ip.js';

export const PUBLIC_STATEMENT_EDITS = ['remove', 'restrict'] as const;
export type PublicStatementEdit = (typeof PUBLIC_STATEMENT_EDITS)[number];

export type StatementsEdit = { mode: 'remove' } | { mode: 'restrict'; accountId: string };

export type StatementChange = {
  /** Position in the original Statement list. */
  index: number;
  sid: string | null;
  /** removed: the statement is gone; narrowed: only its `"*"` principals are; restricted: a condition was added; kept: unchanged (see why). */
  change: 'removed' | 'narrowed' | 'restricted' | 'kept';
  why?: string;
};

export type PolicyEdit = {
  /** The new policy text; null when no statement would remain (delete the policy instead). */
  policy: string | null;
  changes: StatementChange[];
};

export type PublicStatementsFix = PolicyEdit & {
  /** The analyser's evidence for the statements that were public. */
  statements: StatementEvidence[];
};

/** The condition added by `restrict`; the first operator that does not already hold the key is used (a key may appear once per operator). */
const RESTRICT_KEY = 'aws:PrincipalAccount';
const RESTRICT_OPERATORS = ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike'] as const;

type JsonObject = { [key: string]: JsonValue };
type Span = { start: number; end: number };

const isObject = (value: JsonValue | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

// A minimal JSON scanner: the text has already been parsed once, so it is valid JSON; the
// scanner only finds where each value starts and ends.
const SPACE = ' \t\n\r';

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && SPACE.includes(text.charAt(i))) i += 1;
  return i;
}

function endOfString(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (c === '\\') i += 1;
    else if (c === '"') return i + 1;
  }
  throw new PolicyParseError('the policy has an unterminated string');
}

function endOfValue(text: string, at: number): number {
  const first = text.charAt(at);
  if (first === '"') return endOfString(text, at);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = at; i < text.length; i += 1) {
      const c = text.charAt(i);
      if (c === '"') i = endOfString(text, i) - 1;
      else if (c === '{' || c === '[') depth += 1;
      else if (c === '}' || c === ']') {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
    }
    throw new PolicyParseError('the policy has an unclosed object or list');
  }
  let i = at;
  while (i < text.length && !`,]}${SPACE}`.includes(text.charAt(i))) i += 1;
  return i;
}

/** The members of the object starting at `at`, with their value spans. */
function objectMembers(text: string, at: number): { key: string; value: Span }[] {
  const members: { key: string; value: Span }[] = [];
  let i = skipSpace(text, at + 1);
  if (text.charAt(i) === '}') return members;
  for (;;) {
    const keyEnd = endOfString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const start = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const end = endOfValue(text, start);
    members.push({ key, value: { start, end } });
    i = skipSpace(text, end);
    if (text.charAt(i) === '}') return members;
    i = skipSpace(text, i + 1);
  }
}

/** The element spans of the list starting at `at`. */
function listElements(text: string, at: number): Span[] {
  const elements: Span[] = [];
  let i = skipSpace(text, at + 1);
  if (text.charAt(i) === ']') return elements;
  for (;;) {
    const end = endOfValue(text, i);
    elements.push({ start: i, end });
    i = skipSpace(text, end);
    if (text.charAt(i) === ']') return elements;
    i = skipSpace(text, i + 1);
  }
}

/** The span of the Statement value (JSON.parse keeps the last of duplicate keys, and so does this). */
function statementSpan(text: string): Span | undefined {
  const root = skipSpace(text, 0);
  if (text.charAt(root) !== '{') throw new PolicyParseError('the policy must be a JSON object');
  return objectMembers(text, root).filter((m) => m.key === 'Statement').at(-1)?.value;
}

/** The principal without its `"*"` entries, or undefined when nothing else is named. */
function withoutEveryone(principal: JsonValue | undefined): JsonObject | undefined {
  if (!isObject(principal)) return undefined;
  const kept: JsonObject = {};
  for (const [type, ids] of Object.entries(principal)) {
    if (Array.isArray(ids)) {
      const named = ids.filter((id) => id !== '*');
      if (named.length > 0) kept[type] = named;
    } else if (ids !== '*') {
      kept[type] = ids;
    }
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function restricted(statement: JsonObject, accountId: string): JsonObject | undefined {
  const condition: JsonObject = isObject(statement.Condition) ? { ...statement.Condition } : {};
  for (const operator of RESTRICT_OPERATORS) {
    const existing = Object.keys(condition).find((key) => key.toLowerCase() === operator.toLowerCase());
    const block = existing === undefined ? undefined : condition[existing];
    if (existing === undefined) {
      condition[operator] = { [RESTRICT_KEY]: accountId };
      return { ...statement, Condition: condition };
    }
    if (isObject(block) && !Object.keys(block).some((key) => key.toLowerCase() === RESTRICT_KEY.toLowerCase())) {
      condition[existing] = { ...block, [RESTRICT_KEY]: accountId };
      return { ...statement, Condition: condition };
    }
  }
  return undefined;
}

type Edited = { change: StatementChange['change']; text?: string; why?: string };

function editStatement(statement: JsonObject, edit: StatementsEdit): Edited {
  if (edit.mode === 'restrict') {
    const changed = restricted(statement, edit.accountId);
    if (!changed) return { change: 'kept', why: `${RESTRICT_OPERATORS.join(', ')} each already hold ${RESTRICT_KEY}, so no condition could be added` };
    return { change: 'restricted', text: JSON.stringify(changed) };
  }
  if (statement.NotPrincipal !== undefined) return { change: 'removed' };
  const named = withoutEveryone(statement.Principal);
  if (!named) return { change: 'removed' };
  return { change: 'narrowed', text: JSON.stringify({ ...statement, Principal: named }) };
}

/**
 * Edits the listed statements (positions in the Statement list) and returns
 * the new policy text; every other byte of the text is kept. The text is null
 * when no statement would remain (the caller deletes the policy instead).
 * Throws PolicyParseError on a malformed policy.
 */
export function editPolicyStatements(policy: string, indexes: readonly number[], edit: StatementsEdit): PolicyEdit {
  const document = parsePolicy(policy);
  const targets = new Set(indexes);
  const edits = new Map<number, Edited>();
  const changes: StatementChange[] = [];
  for (const statement of document.statements) {
    if (!targets.has(statement.index)) continue;
    const edited = editStatement(statement.raw, edit);
    edits.set(statement.index, edited);
    changes.push({ index: statement.index, sid: statement.sid, change: edited.change, ...(edited.why ? { why: edited.why } : {}) });
  }
  const span = statementSpan(policy);
  if (!span || edits.size === 0) return { policy, changes };
  const isList = policy.charAt(span.start) === '[';
  const elements = isList ? listElements(policy, span.start) : [span];
  const kept = elements.flatMap((element, index) => {
    const edited = edits.get(index);
    if (edited?.change === 'removed') return [];
    return [{ index, text: edited?.text ?? policy.slice(element.start, element.end) }];
  });
  if (kept.length === 0) return { policy: null, changes };
  let statements: string;
  if (!isList) {
    statements = kept[0]?.text ?? '';
  } else {
    const first = elements[0] as Span;
    const last = elements[elements.length - 1] as Span;
    // Each kept statement keeps the separator that preceded it, so the layout survives.
    const body = kept.map(({ index, text }, position) => (position === 0 ? text : policy.slice((elements[index - 1] as Span).end, (elements[index] as Span).start) + text)).join('');
    statements = policy.slice(span.start, first.start) + body + policy.slice(last.end, span.end);
  }
  return { policy: policy.slice(0, span.start) + statements + policy.slice(span.end), changes };
}

/**
 * The analyser's public statements (with the check's sourceIp reading), edited
 * out; undefined when no statement is public. The result is checked with the
 * analyser again: only statements reported `kept` may still be public.
 */
export function fixPublicStatements(policy: string, options: { sourceIp?: SourceIpReading; edit: StatementsEdit }): PublicStatementsFix | undefined {
  const analysis = { sourceIp: options.sourceIp ?? 'aws' } as const;
  const answer = analysePublicAccess(policy, analysis);
  if (!answer.public) return undefined;
  const edited = editPolicyStatements(policy, answer.statements.map((s) => s.index), options.edit);
  const kept = edited.changes.filter((c) => c.change === 'kept').length;
  const stillPublic = edited.policy === null ? 0 : analysePublicAccess(edited.policy, analysis).statements.length;
  if (stillPublic !== kept) throw new Error(`the edited policy still has ${stillPublic} public statement(s), ${kept} expected`);
  return { ...edited, statements: answer.statements };
}

/** "PublicRead, #2": the statements' Sids, or their positions. */
export function statementNames(changes: readonly Pick<StatementChange, 'index' | 'sid'>[]): string {
  return changes.map((c) => c.sid ?? `#${c.index}`).join(', ');
}

export type PolicyFixPlan =
  | { kind: 'none'; left: string[] }
  | { kind: 'put'; policy: string; summary: string; left: string[] }
  | { kind: 'delete'; summary: string; left: string[] };

/**
 * What a policy fix does, in words too: put the edited text, delete the
 * policy, or nothing (with what stays public and why in `left`). `where`
 * names the policy's resource ("bucket b"); `accountId` is the owner a
 * restricted statement is limited to.
 */
export function planPublicStatementsFix(policy: string | undefined, options: { sourceIp?: SourceIpReading; mode: PublicStatementEdit; accountId?: string; where: string }): PolicyFixPlan {
  const { mode, accountId, where } = options;
  if (policy === undefined || policy.trim() === '') return { kind: 'none', left: [] };
  if (mode === 'restrict' && !accountId) {
    return analysePublicAccess(policy, { sourceIp: options.sourceIp ?? 'aws' }).public ? { kind: 'none', left: [`the owner account of ${where} is unknown, so its public statements cannot be restricted to it`] } : { kind: 'none', left: [] };
  }
  const edit: StatementsEdit = mode === 'restrict' ? { mode, accountId: accountId ?? '' } : { mode };
  const fixed = fixPublicStatements(policy, { ...(options.sourceIp ? { sourceIp: options.sourceIp } : {}), edit });
  if (!fixed) return { kind: 'none', left: [] };
  const left = fixed.changes.filter((c) => c.change === 'kept').map((c) => `statement ${statementNames([c])} of the policy of ${where} is still public: ${c.why ?? 'not changed'}`);
  const of = (change: StatementChange['change']): StatementChange[] => fixed.changes.filter((c) => c.change === change);
  if (fixed.policy === null) return { kind: 'delete', summary: `delete the policy of ${where}: every statement (${statementNames(of('removed'))}) grants access to everyone`, left };
  const parts = [
    of('removed').length > 0 ? `remove the public statement(s) ${statementNames(of('removed'))}` : '',
    of('narrowed').length > 0 ? `drop the "*" principal from statement(s) ${statementNames(of('narrowed'))}` : '',
    of('restricted').length > 0 ? `restrict statement(s) ${statementNames(of('restricted'))} to account ${accountId ?? ''} (aws:PrincipalAccount)` : '',
  ].filter((part) => part.length > 0);
  if (parts.length === 0) return { kind: 'none', left };
  return { kind: 'put', policy: fixed.policy, summary: `${parts.join(', ')} in the policy of ${where}`, left };
}
