/**
 * Does a condition clause genuinely limit who can use a statement that
 * grants to everyone? A statement applies only when every clause holds, so
 * one restricting clause is enough to make the grant non-public.
 *
 * The rules are AWS's "meaning of public" for bucket policies, which S3 Block
 * Public Access and IAM Access Analyzer apply: a grant is public unless it is
 * limited to fixed values (no wildcard, no policy variable) of the keys listed
 * there.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 */
import type { ConditionClause } from './document.js';
import { assessSourceIpRanges, type SourceIpReading } from './source-ip.js';
import { splitValue, whyNotFixed, type ValueSyntax } from './values.js';

/**
 * How a key's value names its caller:
 * - id: an account, organization, VPC, endpoint or key id; the whole value must be fixed;
 * - arn: the ARN's account field must be fixed (the whole value when the ARN has no account field);
 * - prefixed: the part before the separator (unique id, organization) must be fixed.
 */
type ValueKind = { kind: 'id' } | { kind: 'arn' } | { kind: 'prefixed'; separator: string };

const ID: ValueKind = { kind: 'id' };
const ARN: ValueKind = { kind: 'arn' };

/** Keys whose fixed value ties the request to a known account, organization, network or principal. Lower case. */
const IDENTITY_KEYS: ReadonlyMap<string, ValueKind> = new Map<string, ValueKind>([
  // Listed by AWS (link above).
  ['aws:sourcevpc', ID],
  ['aws:sourcevpce', ID],
  ['aws:sourceaccount', ID],
  ['aws:sourceowner', ID],
  ['aws:sourcearn', ARN],
  ['s3:x-amz-server-side-encryption-aws-kms-key-id', ARN],
  // AWS lists "aws:userid, outside the pattern AROLEID:*". rampart reads it as: a fixed unique
  // id restricts, and so does `<fixed role id>:*` (every session of one role, the usual way to
  // name a role in aws:userid), so only the part before the colon must be fixed.
  ['aws:userid', { kind: 'prefixed', separator: ':' }],
  // "When used in a bucket policy, this value can contain a wildcard for the access point
  // name without rendering the policy public, as long as the account id is fixed."
  ['s3:dataaccesspointarn', ARN],
  ['s3:dataaccesspointaccount', ID],
  // "An AWS principal, user, role, or service principal (e.g. aws:PrincipalOrgID)".
  ['aws:principalorgid', ID],
  ['aws:principalaccount', ID],
  ['aws:principalarn', ARN],
  ['aws:principalorgpaths', { kind: 'prefixed', separator: '/' }],
  // Not on AWS's list: rampart credits them because they fix the caller's network or
  // organization exactly as aws:SourceVpce and aws:PrincipalOrgID do.
  ['aws:vpceaccount', ID],
  ['aws:vpceorgid', ID],
  ['aws:sourceorgid', ID],
  ['aws:sourceorgpaths', { kind: 'prefixed', separator: '/' }],
  ['aws:sourcevpcarn', ARN],
]);

const MATCHING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);

export type ClauseAssessment = { restricts: boolean; why: string };

export type ClauseOptions = {
  /** Which aws:SourceIp ranges restrict (see source-ip.ts). Default `aws`. */
  sourceIp?: SourceIpReading;
  /** Whether `${…}` is a policy variable: true in a 2012-10-17 policy (see values.ts). Default true. */
  policyVariables?: boolean;
};

/** Why the value does not fix the caller, or undefined when it does. */
function whyOpen(value: string, kind: ValueKind, syntax: ValueSyntax): string | undefined {
  switch (kind.kind) {
    case 'id':
      return whyNotFixed(value, syntax);
    case 'prefixed': {
      const [head = ''] = splitValue(value, kind.separator, syntax);
      const why = whyNotFixed(head, syntax);
      return why && head !== value ? `its part before "${kind.separator}" ("${head}") ${why}` : why;
    }
    case 'arn': {
      const parts = splitValue(value, ':', syntax);
      const account = parts[4] ?? '';
      // rampart's reading: AWS documents a wildcard after a fixed account only for
      // s3:DataAccessPointArn; it is accepted for every ARN key because a fixed account
      // bounds the callers as aws:SourceAccount does. Account-less ARNs (S3 buckets)
      // name globally unique resources only when fully spelled out.
      if (parts[0] !== 'arn' || parts.length < 6 || account === '') return whyNotFixed(value, syntax);
      const why = whyNotFixed(account, syntax);
      return why && `its account field ("${account}") ${why}`;
    }
  }
}

function describeClause(clause: ConditionClause): string {
  return `${clause.operator} ${clause.key} ${JSON.stringify(clause.values.length === 1 ? clause.values[0] : clause.values)}`;
}

function assessIdentityClause(clause: ConditionClause, operator: string, kind: ValueKind, syntax: ValueSyntax): ClauseAssessment {
  const text = describeClause(clause);
  if (!MATCHING_OPERATORS.has(operator)) return { restricts: false, why: `${text}: ${clause.operator} does not require a fixed value` };
  const open = clause.values.flatMap((value) => {
    const why = whyOpen(value, kind, syntax);
    return why ? [`${JSON.stringify(value)} ${why}`] : [];
  });
  if (open.length > 0) return { restricts: false, why: `${text}: ${open.join('; ')}, so it is not a fixed value (AWS counts only values without a wildcard or policy variable)` };
  return { restricts: true, why: `${text}: fixed value(s)` };
}

function assessSourceIp(clause: ConditionClause, operator: string, reading: SourceIpReading): ClauseAssessment {
  const text = describeClause(clause);
  if (operator !== 'ipaddress') return { restricts: false, why: `${text}: only IpAddress limits the source to the listed ranges (NotIpAddress admits every other address)` };
  const { restricts, why } = assessSourceIpRanges(clause.values, reading);
  return { restricts, why: `${text}: ${why}` };
}

export function assessClause(clause: ConditionClause, options: ClauseOptions = {}): ClauseAssessment {
  const text = describeClause(clause);
  let operator = clause.operator.toLowerCase();
  if (operator.startsWith('forallvalues:')) return { restricts: false, why: `${text}: ForAllValues holds when the key is absent` };
  if (operator.startsWith('foranyvalue:')) operator = operator.slice('foranyvalue:'.length);
  if (operator.endsWith('ifexists')) return { restricts: false, why: `${text}: an IfExists condition holds when the key is absent` };
  if (clause.values.length === 0) return { restricts: false, why: `${text}: no value` };
  const key = clause.key.toLowerCase();
  if (key === 'aws:sourceip') return assessSourceIp(clause, operator, options.sourceIp ?? 'aws');
  const kind = IDENTITY_KEYS.get(key);
  if (!kind) return { restricts: false, why: `${text}: ${clause.key} does not limit who the caller is` };
  return assessIdentityClause(clause, operator, kind, { variables: options.policyVariables ?? true });
}
