/**
 * Is a condition value fixed? AWS counts a condition as limiting the caller
 * only when it grants access to fixed values: "values that don't contain a
 * wildcard or an AWS Identity and Access Management policy variable".
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 */

/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}` …)
 * exist only in policies of language version 2012-10-17; in older policies,
 * and in policies without a Version (which default to 2008-10-17), `${…}` is
 * literal text.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-intro
 */
export const VARIABLES_VERSION = '2012-10-17';

const VARIABLE = /\$\{[^}]*\}/g;

/**
 * `${*}`, `${?}` and `${$}` are predefined variables "that have fixed values":
 * a literal asterisk, question mark and dollar sign. They are neither
 * wildcards nor open values, so a value whose only `${…}` are these is fixed.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-specialchars
 */
const ESCAPES = new Set(['${*}', '${?}', '${$}']);

export type ValueSyntax = { variables: boolean };

export function valueSyntax(version: string | undefined): ValueSyntax {
  return { variables: version === VARIABLES_VERSION };
}

/** Why the text is not a fixed value, or undefined when it is. */
export function whyNotFixed(text: string, syntax: ValueSyntax): string | undefined {
  if (text.length === 0) return 'is empty';
  let literal = text;
  if (syntax.variables) {
    const open = (text.match(VARIABLE) ?? []).filter((v) => !ESCAPES.has(v));
    if (open.length > 0) return `holds the policy variable${open.length > 1 ? 's' : ''} ${open.join(', ')}`;
    literal = text.replace(VARIABLE, '');
  }
  const wildcard = /[*?]/.exec(literal);
  return wildcard ? `holds the wildcard "${wildcard[0]}"` : undefined;
}

/** Splits at each separator that is not inside a policy variable (`${aws:userid}` holds a colon). */
export function splitValue(text: string, separator: string, syntax: ValueSyntax): string[] {
  const masked = syntax.variables ? text.replace(VARIABLE, (v) => '\u0000'.repeat(v.length)) : text;
  const parts: string[] = [];
  let start = 0;
  for (let at = masked.indexOf(separator); at !== -1; at = masked.indexOf(separator, at + separator.length)) {
    parts.push(text.slice(start, at));
    start = at + separator.length;
  }
  parts.push(text.slice(start));
  return parts;
}
