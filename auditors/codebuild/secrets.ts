/**
 * What makes a plaintext CodeBuild environment variable a credential: a value
 * with the shape of one (AWS access keys, private keys, vendor tokens with a
 * documented prefix, a password inside a URL), or a name that says it holds
 * one with a value that is not obviously something else. Pure; the values
 * never leave this module except as the redacted form `shown`.
 */
import { redact, REDACTED } from '../../src/util/redact.js';
import type { EnvironmentVariable } from './collect.js';

interface Shape {
  what: string;
  pattern: RegExp;
  /** How the matched text appears in evidence; REDACTED unless the shape has a safe partial form. */
  show?: (match: string) => string;
}

const SHAPES: readonly Shape[] = [
  // An access key id keeps its type prefix and last four characters, as everywhere in rampart.
  { what: 'an AWS access key id', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/, show: (match) => redact(match) },
  // The whole value: 40 base64 characters of both cases and a digit, as a secret access key is.
  { what: 'an AWS secret access key', pattern: /^(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[0-9])[A-Za-z0-9+/]{40}$/ },
  { what: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { what: 'a Slack token', pattern: /\bxox[abeposr]-[A-Za-z0-9-]{10,}/ },
  { what: 'an Atlassian API token', pattern: /\bATATT3[A-Za-z0-9_=-]{16,}/ },
  { what: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { what: 'a URL with a password', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i },
];

/** Words of a variable name that say it holds a secret. PWD (the working directory) is not one. */
const SECRET_NAME = /(?:^|[^A-Z])(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH_?KEY)(?:$|[^A-Z])/;
/** Names that point at a secret rather than hold one (DB_PASSWORD_SECRET_ARN, TOKEN_URL, SECRET_NAME). */
const REFERENCE_SUFFIX = /_(?:ARN|NAME|PATH|FILE|URL|URI|ENDPOINT|REGION|HEADER|TYPE|LENGTH|TTL)$/;
/** Values that are no secret whatever the name: empty, a flag, a number, an ARN. */
const HARMLESS_VALUE = /^(?:|true|false|yes|no|on|off|\d+(?:\.\d+)?|arn:[a-z-]+:.*)$/i;

export interface PlaintextSecret {
  name: string;
  type: string;
  /** Why the variable is judged a credential. */
  reason: string;
  /** True when the value itself has the shape of a credential (not only the name). */
  byValue: boolean;
  /** The value as evidence may show it: redacted. */
  shown: string;
}

/** The variable as a plaintext credential, or undefined when it is a reference or looks like none. */
export function plaintextSecret(variable: EnvironmentVariable): PlaintextSecret | undefined {
  if (variable.type !== 'PLAINTEXT') return undefined;
  const value = variable.value.trim();
  for (const shape of SHAPES) {
    const match = shape.pattern.exec(value);
    if (match) return { name: variable.name, type: variable.type, reason: `the value has the shape of ${shape.what}`, byValue: true, shown: shape.show?.(match[0]) ?? REDACTED };
  }
  const name = variable.name.toUpperCase().replace(/[-.]/g, '_');
  if (!SECRET_NAME.test(name) || REFERENCE_SUFFIX.test(name) || HARMLESS_VALUE.test(value)) return undefined;
  return { name: variable.name, type: variable.type, reason: 'the name says it holds a secret', byValue: false, shown: REDACTED };
}
