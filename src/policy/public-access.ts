/**
 * Does a resource policy grant access to the public? An Allow statement is
 * public when its principal is everyone (`"*"`, `{"AWS": "*"}`, a list holding
 * `"*"`) or it uses NotPrincipal, and none of its conditions restricts the
 * caller to fixed values of an account, organization, network, principal or
 * source address range (AWS's definition, see conditions.ts; the aws:SourceIp
 * reading is an option, see source-ip.ts).
 *
 * Service principals (`{"Service": "cloudtrail.amazonaws.com"}`) are not
 * public: only that AWS service can act on them, which is also how S3 judges
 * "public". Whether such a grant should carry aws:SourceAccount (confused
 * deputy) is a different question. Deny statements are not credited with
 * taking a public grant back.
 */
import type { JsonValue } from '../core/check.js';
import { assessClause, type ClauseOptions } from './conditions.js';
import { isEveryone, parsePolicy, principalEvidence, type PolicyStatement } from './document.js';
import type { SourceIpReading } from './source-ip.js';
import { valueSyntax } from './values.js';

export type StatementEvidence = {
  /** Position in the Statement list, for statements without a Sid. */
  index: number;
  sid: string | null;
  effect: string;
  principal: JsonValue;
  actions: string[];
  reason: string;
};

export type PublicAccessOptions = {
  /** Which aws:SourceIp ranges restrict: AWS's definition (default) or Hammer's private-only reading. */
  sourceIp?: SourceIpReading;
};

export type PublicAccessAnswer = {
  public: boolean;
  /** The statements that make the policy public. */
  statements: StatementEvidence[];
};

export function actionsEvidence(statement: PolicyStatement): string[] {
  if (statement.action) return statement.action;
  if (statement.notAction) return statement.notAction.map((a) => `NotAction ${a}`);
  return [];
}

function grantee(statement: PolicyStatement): string | undefined {
  if (statement.notPrincipal) return 'NotPrincipal in an Allow statement grants every principal not listed';
  if (isEveryone(statement.principal)) return 'the principal is everyone ("*")';
  return undefined;
}

/** The reason a statement is public, or undefined when it is not. */
export function publicStatementReason(statement: PolicyStatement, options: ClauseOptions = {}): string | undefined {
  if (statement.effect !== 'Allow') return undefined;
  const who = grantee(statement);
  if (!who) return undefined;
  const assessments = statement.conditions.map((clause) => assessClause(clause, options));
  if (assessments.some((a) => a.restricts)) return undefined;
  if (assessments.length === 0) return `${who} and there is no condition`;
  return `${who} and no condition restricts the caller (${assessments.map((a) => a.why).join('; ')})`;
}

/** Accepts the policy as JSON text or a parsed object; throws PolicyParseError on a malformed policy. */
export function analysePublicAccess(policy: unknown, options: PublicAccessOptions = {}): PublicAccessAnswer {
  const document = parsePolicy(policy);
  const clauseOptions: ClauseOptions = { sourceIp: options.sourceIp ?? 'aws', policyVariables: valueSyntax(document.version).variables };
  const statements: StatementEvidence[] = [];
  for (const statement of document.statements) {
    const reason = publicStatementReason(statement, clauseOptions);
    if (reason === undefined) continue;
    statements.push({
      index: statement.index,
      sid: statement.sid,
      effect: statement.effect,
      principal: principalEvidence(statement),
      actions: actionsEvidence(statement),
      reason,
    });
  }
  return { public: statements.length > 0, statements };
}
