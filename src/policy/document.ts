/**
 * A resource policy document (S3, SQS, SNS, OpenSearch…) parsed into
 * normalised statements: every single-or-list field becomes a list, every
 * condition becomes one (operator, key, values) clause.
 */
import type { JsonValue } from '../core/check.js';

export class PolicyParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyParseError';
  }
}

/** A principal block: `"*"`, or principal type (AWS, Service, Federated, CanonicalUser) → values. */
export type PrincipalBlock = { kind: 'everyone' } | { kind: 'typed'; byType: Record<string, string[]> };

export interface ConditionClause {
  /** As written, e.g. "StringEqualsIfExists" or "ForAnyValue:StringLike". */
  operator: string;
  /** As written, e.g. "aws:SourceVpce". */
  key: string;
  values: string[];
}

export interface PolicyStatement {
  /** Position in the Statement list, for statements without a Sid. */
  index: number;
  sid: string | null;
  effect: string;
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  conditions: ConditionClause[];
  /** The statement as written, for evidence. */
  raw: { [key: string]: JsonValue };
}

export interface PolicyDocument {
  /** The policy language version as written; absent means 2008-10-17. */
  version?: string;
  statements: PolicyStatement[];
}

function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarText(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new PolicyParseError(`${where} must be a string, number or boolean`);
}

function stringList(value: unknown, where: string): string[] {
  if (Array.isArray(value)) return value.map((v) => scalarText(v, where));
  return [scalarText(value, where)];
}

function parsePrincipal(value: unknown, where: string): PrincipalBlock {
  if (value === '*') return { kind: 'everyone' };
  if (!isObject(value)) throw new PolicyParseError(`${where} must be "*" or an object`);
  const byType: Record<string, string[]> = {};
  for (const [type, ids] of Object.entries(value)) byType[type] = stringList(ids, `${where}.${type}`);
  return { kind: 'typed', byType };
}

function parseConditions(value: unknown, where: string): ConditionClause[] {
  if (value === undefined) return [];
  if (!isObject(value)) throw new PolicyParseError(`${where} must be an object`);
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(value)) {
    if (!isObject(block)) throw new PolicyParseError(`${where}.${operator} must be an object of condition keys`);
    for (const [key, values] of Object.entries(block)) {
      clauses.push({ operator, key, values: stringList(values, `${where}.${operator}.${key}`) });
    }
  }
  return clauses;
}

function parseStatement(value: unknown, index: number): PolicyStatement {
  const where = `Statement[${index}]`;
  if (!isObject(value)) throw new PolicyParseError(`${where} must be an object`);
  const optionalList = (field: string): string[] | undefined =>
    value[field] === undefined ? undefined : stringList(value[field], `${where}.${field}`);
  const statement: PolicyStatement = {
    index,
    sid: typeof value.Sid === 'string' ? value.Sid : null,
    effect: scalarText(value.Effect ?? '', `${where}.Effect`),
    action: optionalList('Action'),
    notAction: optionalList('NotAction'),
    resource: optionalList('Resource'),
    notResource: optionalList('NotResource'),
    conditions: parseConditions(value.Condition, `${where}.Condition`),
    raw: value,
  };
  if (value.Principal !== undefined) statement.principal = parsePrincipal(value.Principal, `${where}.Principal`);
  if (value.NotPrincipal !== undefined) statement.notPrincipal = parsePrincipal(value.NotPrincipal, `${where}.NotPrincipal`);
  return statement;
}

/** Parses a policy given as JSON text or as an already parsed object. Throws PolicyParseError. */
export function parsePolicy(policy: unknown): PolicyDocument {
  let document: unknown = policy;
  if (typeof policy === 'string') {
    try {
      document = JSON.parse(policy);
    } catch (error) {
      throw new PolicyParseError(`the policy is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!isObject(document)) throw new PolicyParseError('the policy must be a JSON object');
  const version = typeof document.Version === 'string' ? { version: document.Version } : {};
  const statements = document.Statement;
  if (statements === undefined) return { ...version, statements: [] };
  const list: unknown[] = Array.isArray(statements) ? statements : [statements];
  return { ...version, statements: list.map((s, i) => parseStatement(s, i)) };
}

/** IAM wildcard matching: `*` is any run of characters, `?` any one character. */
export function matchesWildcard(pattern: string, value: string, options: { ignoreCase?: boolean } = {}): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, options.ignoreCase ? 'is' : 's').test(value);
}

export function hasWildcard(text: string): boolean {
  return /[*?]/.test(text);
}

/** Does the statement's Action / NotAction apply to this action? Action names are case-insensitive. */
export function coversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.action) return statement.action.some((p) => matchesWildcard(p, action, { ignoreCase: true }));
  if (statement.notAction) return !statement.notAction.some((p) => matchesWildcard(p, action, { ignoreCase: true }));
  return false;
}

/** Does the statement's Resource / NotResource apply to this resource ARN? */
export function coversResource(statement: PolicyStatement, resource: string): boolean {
  if (statement.resource) return statement.resource.some((p) => matchesWildcard(p, resource));
  if (statement.notResource) return !statement.notResource.some((p) => matchesWildcard(p, resource));
  return false;
}

/** `"*"`, `{"AWS": "*"}` or a list holding `"*"` under any principal type: anyone at all. */
export function isEveryone(block: PrincipalBlock | undefined): boolean {
  if (!block) return false;
  if (block.kind === 'everyone') return true;
  return Object.values(block.byType).some((ids) => ids.includes('*'));
}

/** The principal as evidence: the JSON the policy author wrote. */
export function principalEvidence(statement: PolicyStatement): JsonValue {
  if (statement.raw.NotPrincipal !== undefined) return { NotPrincipal: statement.raw.NotPrincipal };
  return statement.raw.Principal ?? null;
}
