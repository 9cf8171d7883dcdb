/**
 * Does a resource policy refuse requests that do not use TLS? That takes a
 * Deny statement for everyone whose only condition is
 * `Bool aws:SecureTransport "false"`, covering every access the caller names
 * (for S3: reading and writing objects, listing the bucket). Any further
 * condition narrows the Deny (all conditions must hold), so it no longer
 * refuses every plain-HTTP request.
 *
 * A Deny with `NumericLessThan <tlsVersionKey> "1.2"` sets a minimum TLS
 * version; it does not refuse plain HTTP (the key is absent there), so it is
 * reported on its own.
 */
import { coversAction, coversResource, isEveryone, parsePolicy, type ConditionClause, type PolicyStatement } from './document.js';
import { actionsEvidence } from './public-access.js';

export type RequiredAccess = { action: string; resource: string };

export type TransportStatement = { index: number; sid: string | null; actions: string[]; resources: string[] };

export type TransportAnswer = {
  /** True when every required access is refused without TLS. */
  deniesInsecureTransport: boolean;
  /** The Deny statements that refuse requests without TLS. */
  statements: TransportStatement[];
  /** Required accesses that no such statement covers. */
  uncovered: RequiredAccess[];
  /** Statements that mention aws:SecureTransport but do not count, and why. */
  ignored: Array<{ index: number; sid: string | null; reason: string }>;
  /** The lowest TLS version allowed for every required access; null when not enforced. */
  minimumTlsVersion: number | null;
};

const isSecureTransportKey = (clause: ConditionClause): boolean => clause.key.toLowerCase() === 'aws:securetransport';

function refusesPlainHttp(clause: ConditionClause): boolean {
  const operator = clause.operator.toLowerCase();
  return (
    isSecureTransportKey(clause) &&
    (operator === 'bool' || operator === 'boolifexists') &&
    clause.values.length > 0 &&
    clause.values.every((v) => v.toLowerCase() === 'false')
  );
}

/** Why a statement mentioning aws:SecureTransport does not refuse plain HTTP for everyone, or undefined when it does. */
function disqualification(statement: PolicyStatement): string | undefined {
  if (statement.effect !== 'Deny') return 'only a Deny refuses requests; an Allow conditioned on TLS leaves other grants open';
  if (statement.notPrincipal || !isEveryone(statement.principal)) return 'the Deny does not apply to every principal ("*")';
  const others = statement.conditions.filter((c) => !refusesPlainHttp(c));
  if (others.length === statement.conditions.length) return 'the condition is not Bool aws:SecureTransport "false"';
  if (others.length > 0) return `further conditions narrow the Deny: ${others.map((c) => `${c.operator} ${c.key}`).join(', ')}`;
  return undefined;
}

function tlsFloor(statement: PolicyStatement, tlsVersionKey: string): number | undefined {
  if (statement.effect !== 'Deny' || statement.notPrincipal || !isEveryone(statement.principal) || statement.conditions.length === 0) return undefined;
  let floor: number | undefined;
  for (const clause of statement.conditions) {
    const operator = clause.operator.toLowerCase();
    const isTls = clause.key.toLowerCase() === tlsVersionKey.toLowerCase() && (operator === 'numericlessthan' || operator === 'numericlessthanifexists');
    if (!isTls) return undefined;
    const values = clause.values.map(Number).filter((n) => Number.isFinite(n));
    if (values.length === 0) return undefined;
    floor = Math.max(floor ?? 0, ...values);
  }
  return floor;
}

const covers = (statement: PolicyStatement, access: RequiredAccess): boolean =>
  coversAction(statement, access.action) && coversResource(statement, access.resource);

const resourcesEvidence = (statement: PolicyStatement): string[] =>
  statement.resource ?? (statement.notResource ?? []).map((r) => `NotResource ${r}`);

/** Accepts the policy as JSON text or a parsed object; throws PolicyParseError on a malformed policy. */
export function analyseSecureTransport(policy: unknown, required: readonly RequiredAccess[], tlsVersionKey = 's3:TlsVersion'): TransportAnswer {
  const { statements } = parsePolicy(policy);
  const denying: PolicyStatement[] = [];
  const ignored: TransportAnswer['ignored'] = [];
  for (const statement of statements) {
    if (!statement.conditions.some(isSecureTransportKey)) continue;
    const reason = disqualification(statement);
    if (reason === undefined) denying.push(statement);
    else ignored.push({ index: statement.index, sid: statement.sid, reason });
  }
  const uncovered = required.filter((access) => !denying.some((s) => covers(s, access)));
  const used = denying.filter((s) => required.some((access) => covers(s, access)));

  const floors = required.map((access) => {
    const values = statements.filter((s) => covers(s, access)).map((s) => tlsFloor(s, tlsVersionKey)).filter((v): v is number => v !== undefined);
    return values.length > 0 ? Math.max(...values) : undefined;
  });
  const minimumTlsVersion = required.length > 0 && floors.every((f) => f !== undefined) ? Math.min(...(floors as number[])) : null;

  return {
    deniesInsecureTransport: required.length > 0 && uncovered.length === 0,
    statements: used.map((s) => ({ index: s.index, sid: s.sid, actions: actionsEvidence(s), resources: resourcesEvidence(s) })),
    uncovered,
    ignored,
    minimumTlsVersion,
  };
}
