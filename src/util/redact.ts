/**
 * Removes credentials from any text rampart writes: log lines, error messages,
 * check summaries and evidence, finding text, files, the record table.
 *
 * AWS error messages may quote the caller's access key id, a signature or a
 * token, and account-controlled values (tags, policies) may hold anything, so
 * every text that leaves rampart passes through here. One regular expression
 * finds every shaped secret in a single pass; the literal values of the secret
 * environment variables are removed before it, and a second pass looks for a
 * bare secret access key only in a text that names an access key id.
 *
 * Identifiers survive: ARNs, account ids, resource ids (sg-…, vol-…), hex
 * digests and the unique ids of users and roles (AIDA…, AROA…), which AWS
 * documents as identifiers, not credentials. An access key id (AKIA… long
 * term, ASIA… temporary, ABIA… bearer token, ACCA… context-specific
 * credential) is half of a credential and names its account
 * (sts:GetAccessKeyInfo): it keeps its type prefix and last four characters,
 * as `aws configure list` shows a key, so a finding about a key still says
 * which one.
 */

export const REDACTED = '[REDACTED]';

/** Environment variables whose values are secrets wherever they appear. */
export const SECRET_ENV_VARS = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'RAMPART_JIRA_API_TOKEN', 'RAMPART_SLACK_TOKEN'] as const;

/** Shorter literal values are not redacted: a short word would be removed from every text. */
const MIN_LITERAL_LENGTH = 12;

/** `word` in any letter case (JavaScript has no inline case-insensitive group before ES2025). */
function anyCase(word: string): string {
  return word.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

const SEP = '[_-]?';
const words = (...parts: string[]): string => parts.map(anyCase).join(SEP);

/** Names whose value is a secret whatever it looks like. */
const STRICT_LABELS = [
  words('secret', 'access', 'key'),
  words('session', 'token'),
  words('security', 'token'),
  words('client', 'secret'),
  anyCase('x-amz-signature'),
  anyCase('x-amz-credential'),
];

/**
 * Names whose bare value is redacted only when it looks like a credential, so
 * that an error code such as "ExpiredToken: The security token …" survives.
 */
const LOOSE_LABELS = [words('secret', 'key'), words('token'), words('secret'), words('password'), words('passwd'), words('signature'), words('credential')];

/** Not a plain word: holds a digit or symbol, or a capital after a small letter ("dXNlcjpw", not "Authentication"). */
const CREDENTIAL_LIKE = '(?=[A-Za-z]*[0-9._~+/=-]|[A-Z]?[a-z]+[A-Z])';

/** A value already replaced stays as it is, so redacting twice changes nothing. */
const NOT_REDACTED = '(?!"?\\[REDACTED\\])';

/** One character of an unquoted value: it ends at a space, a separator, a quote or a closing bracket. */
const BARE = `[^\\s,;&"'\\\\})\\]]`;

/**
 * `name=value`, `name: value`, `"name": "value"`. The name may end a longer
 * one (RAMPART_JIRA_API_TOKEN, X-Amz-Security-Token): only the value is replaced.
 */
function labelled(group: string, labels: readonly string[], bareValue: string): string {
  return `(?<${group}>(?:${labels.join('|')})"?\\s*[:=]\\s*${NOT_REDACTED}(?:"(?<${group}Quoted>[^"\\\\\\r\\n]*)"|(?<${group}Bare>${bareValue})))`;
}

/** Schemes whose credentials are one token; the value of any other scheme runs to the end of the header. */
const AUTH_SCHEMES = ['bearer', 'basic', 'token', 'negotiate'].map(anyCase).join('|');

// Group names are unique across the alternatives; the replacer tells them apart by name.
const RULES: readonly string[] = [
  // Authorization: a one-token scheme keeps its name; any other value is redacted up to the end of the line or the closing quote.
  `(?<auth>\\b(?<authName>(?:${anyCase('proxy-')})?${anyCase('authorization')})(?<authSep>"?\\s*[:=]\\s*"?)(?!(?:${AUTH_SCHEMES}\\s+)?\\[REDACTED\\])(?:(?<authScheme>${AUTH_SCHEMES})\\s+[^\\s"\\\\]+|[^\\s"\\\\][^\\r\\n"\\\\]*))`,
  `(?<bearer>\\b(?<bearerWord>${anyCase('bearer')})\\s+${CREDENTIAL_LIKE}[A-Za-z0-9._~+/=-]{8,})`,
  `(?<basic>\\b(?<basicWord>${anyCase('basic')})\\s+${CREDENTIAL_LIKE}[A-Za-z0-9+/]{8,}={0,2})`,
  labelled('strict', STRICT_LABELS, `${BARE}+`),
  labelled('loose', LOOSE_LABELS, `(?=${BARE}*[0-9+/=_.%-])${BARE}+|${BARE}{16,}`),
  `(?<key>(?<![A-Za-z0-9])(?<keyPrefix>AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12}(?<keySuffix>[A-Z0-9]{4})(?![A-Za-z0-9]))`,
  // STS session tokens begin with the base64 of a fixed header.
  `(?<sts>(?<![A-Za-z0-9+/])(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz|FQoGZXIvYXdz|AQoDYXdz)[A-Za-z0-9+/=%]{16,})`,
  `(?<slack>\\b(?:xox[a-z](?:\\.xox[a-z])?|xapp)-[A-Za-z0-9-]{6,})`,
  `(?<slackHook>(?<slackHookBase>https://hooks\\.slack\\.com/(?:services|workflows|triggers)/)[A-Za-z0-9/_-]+)`,
  `(?<jira>\\bATATT3[A-Za-z0-9_=-]{16,})`,
  // Any other long base64 run (a token of unknown shape); checked for mixed characters below.
  `(?<blob>(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{100,}={0,2}(?![A-Za-z0-9+/=_-]))`,
];

const SHAPED = new RegExp(RULES.join('|'), 'g');

/** A secret access key: 40 base64 characters of both cases, redacted when the text holds an access key id. */
const SECRET_KEY = /(?<![A-Za-z0-9+/=])(?=[A-Za-z0-9+/]{0,39}[A-Z])(?=[A-Za-z0-9+/]{0,39}[a-z])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g;

const MIXED = /^(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9])/s;

type Groups = Record<string, string | undefined>;

function replaceShaped(state: { sawKey: boolean }, match: string, groups: Groups): string {
  if (groups.auth !== undefined) return `${groups.authName}${groups.authSep}${groups.authScheme ? `${groups.authScheme} ` : ''}${REDACTED}`;
  if (groups.bearer !== undefined) return `${groups.bearerWord} ${REDACTED}`;
  if (groups.basic !== undefined) return `${groups.basicWord} ${REDACTED}`;
  for (const group of ['strict', 'loose']) {
    if (groups[group] === undefined) continue;
    const quoted = groups[`${group}Quoted`];
    const value = quoted !== undefined ? `"${quoted}"` : (groups[`${group}Bare`] ?? '');
    const name = match.slice(0, match.length - value.length);
    return quoted !== undefined ? `${name}"${REDACTED}"` : `${name}${REDACTED}`;
  }
  if (groups.key !== undefined) {
    state.sawKey = true;
    return `${groups.keyPrefix}${REDACTED}${groups.keySuffix}`;
  }
  if (groups.slackHook !== undefined) return `${groups.slackHookBase}${REDACTED}`;
  if (groups.blob !== undefined) return MIXED.test(match) ? REDACTED : match;
  return REDACTED;
}

// ---------------------------------------------------------------------------
// Literal secret values (environment variables, registered at runtime)

const literals = new Set<string>();
let literalPattern: RegExp | undefined;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Redacts this exact value (and its URL-encoded form) from every text from now on. */
export function registerSecret(value: string | undefined): void {
  if (value === undefined || value.length < MIN_LITERAL_LENGTH) return;
  const forms = [value, encodeURIComponent(value)];
  let added = false;
  for (const form of forms) {
    if (!literals.has(form)) {
      literals.add(form);
      added = true;
    }
  }
  if (!added) return;
  // Longest first, so a value that contains another is removed whole.
  const sorted = [...literals].sort((a, b) => b.length - a.length);
  literalPattern = new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
}

/** Registers the values of the known secret variables of this environment. */
export function registerSecretsFromEnv(env: Readonly<Record<string, string | undefined>>): void {
  for (const name of SECRET_ENV_VARS) registerSecret(env[name]);
}

registerSecretsFromEnv(process.env);

// ---------------------------------------------------------------------------

/** The text with every secret replaced by a marker. */
export function redact(text: string): string {
  let out = literalPattern ? text.replace(literalPattern, REDACTED) : text;
  const state = { sawKey: false };
  out = out.replace(SHAPED, (match: string, ...rest: unknown[]) => replaceShaped(state, match, rest[rest.length - 1] as Groups));
  if (state.sawKey) out = out.replace(SECRET_KEY, REDACTED);
  return out;
}

/** Object keys whose values are secrets whatever they look like. */
const SECRET_KEY_NAME = new RegExp(
  `^(?:${anyCase('aws')}${SEP})?(?:${[
    words('secret', 'access', 'key'), words('session', 'token'), words('security', 'token'), words('client', 'secret'),
    words('api', 'token'), words('access', 'token'), words('refresh', 'token'), words('token'), words('secret'),
    words('password'), words('passwd'), words('authorization'),
  ].join('|')})$`,
);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item: unknown) => {
      const next = redactDeep(item);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  if (isPlainObject(value)) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const next = typeof item === 'string' && item.length > 0 && SECRET_KEY_NAME.test(key) ? REDACTED : redactDeep(item);
      if (next !== item) changed = true;
      out[key] = next;
    }
    return changed ? out : value;
  }
  return value;
}

/**
 * Every string inside a JSON-like value redacted, and the string values of
 * keys named like secrets (password, sessionToken…) replaced. Returns the same
 * object when nothing changed.
 */
export function redactJson<T>(value: T): T {
  return redactDeep(value) as T;
}

/**
 * A `JSON.stringify` replacer that redacts every string it serialises (also
 * those a `toJSON` produces) and the values of keys named like secrets.
 */
export function redactReplacer(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.length > 0 && SECRET_KEY_NAME.test(key) ? REDACTED : redact(value);
}
