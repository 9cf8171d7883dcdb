/**
 * Does a condition clause genuinely limit who can use a statement that
 * grants to everyone? A statement applies only when every clause holds, so
 * one restricting clause is enough to make the grant non-public.
 */
import { isPublicCidr } from '../util/cidr.js';
import type { ConditionClause } from './document.js';
import { hasWildcard } from './document.js';

/**
 * How a key's value names its caller:
 * - id: an account, organization, VPC or endpoint id; any wildcard opens it to others;
 * - arn: fixed when the ARN's account is concrete (or, without an account field, when it has no wildcard);
 * - prefixed: the part before the separator (unique id, organization) must be concrete.
 */
type ValueKind = { kind: 'id' } | { kind: 'arn' } | { kind: 'prefixed'; separator: string };

const ID: ValueKind = { kind: 'id' };
const ARN: ValueKind = { kind: 'arn' };

/** Keys whose fixed value ties the request to a known account, organization, network or principal. Lower case. */
const IDENTITY_KEYS: ReadonlyMap<string, ValueKind> = new Map<string, ValueKind>([
  ['aws:sourcevpc', ID],
  ['aws:sourcevpce', ID],
  ['aws:vpceaccount', ID],
  ['aws:vpceorgid', ID],
  ['aws:sourceaccount', ID],
  ['aws:sourceowner', ID],
  ['aws:sourceorgid', ID],
  ['aws:principalaccount', ID],
  ['aws:principalorgid', ID],
  ['aws:principalarn', ARN],
  ['aws:sourcearn', ARN],
  ['aws:sourcevpcarn', ARN],
  ['aws:userid', { kind: 'prefixed', separator: ':' }],
  ['aws:principalorgpaths', { kind: 'prefixed', separator: '/' }],
  ['aws:sourceorgpaths', { kind: 'prefixed', separator: '/' }],
  // S3 access point delegation: the bucket grants only through access points of one account.
  ['s3:dataaccesspointaccount', ID],
  ['s3:dataaccesspointarn', ARN],
]);

const MATCHING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);

export type ClauseAssessment = { restricts: boolean; why: string };

function isConcrete(value: string, kind: ValueKind): boolean {
  if (value.length === 0) return false;
  switch (kind.kind) {
    case 'id':
      return !hasWildcard(value);
    case 'prefixed': {
      const head = value.split(kind.separator)[0] ?? '';
      return head.length > 0 && !hasWildcard(head);
    }
    case 'arn': {
      const parts = value.split(':');
      if (parts[0] !== 'arn' || parts.length < 6) return !hasWildcard(value);
      const account = parts[4] ?? '';
      // Account-less ARNs (S3 buckets, …) name globally unique resources only when fully spelled out.
      if (account === '') return !hasWildcard(value);
      return !hasWildcard(account);
    }
  }
}

function describeClause(clause: ConditionClause): string {
  return `${clause.operator} ${clause.key} ${JSON.stringify(clause.values.length === 1 ? clause.values[0] : clause.values)}`;
}

export function assessClause(clause: ConditionClause): ClauseAssessment {
  const text = describeClause(clause);
  let operator = clause.operator.toLowerCase();
  if (operator.startsWith('forallvalues:')) return { restricts: false, why: `${text}: ForAllValues holds when the key is absent` };
  if (operator.startsWith('foranyvalue:')) operator = operator.slice('foranyvalue:'.length);
  if (operator.endsWith('ifexists')) return { restricts: false, why: `${text}: an IfExists condition holds when the key is absent` };
  if (clause.values.length === 0) return { restricts: false, why: `${text}: no value` };
  const key = clause.key.toLowerCase();

  if (key === 'aws:sourceip') {
    if (operator !== 'ipaddress') return { restricts: false, why: `${text}: only IpAddress with private ranges restricts the source` };
    const publicRanges = clause.values.filter((cidr) => isPublicCidr(cidr));
    if (publicRanges.length > 0) return { restricts: false, why: `${text}: includes public range(s) ${publicRanges.join(', ')}` };
    return { restricts: true, why: `${text}: private ranges only` };
  }

  const kind = IDENTITY_KEYS.get(key);
  if (!kind) return { restricts: false, why: `${text}: ${clause.key} does not limit who the caller is` };
  if (!MATCHING_OPERATORS.has(operator)) return { restricts: false, why: `${text}: ${clause.operator} does not require a fixed value` };
  const open = clause.values.filter((value) => !isConcrete(value, kind));
  if (open.length > 0) return { restricts: false, why: `${text}: ${open.map((v) => JSON.stringify(v)).join(', ')} matches callers of any account` };
  return { restricts: true, why: `${text}: fixed value(s)` };
}
