/**
 * Plain or JSON log lines on stderr. Every line passes through `redact`, so a
 * credential that slips into a message never reaches the log.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'text' | 'json';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9+/=._-]{8,}/g, '$1 [REDACTED]'],
  [/\b(A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/g, '[REDACTED-ACCESS-KEY]'],
  [/("?(?:secretAccessKey|SecretAccessKey|sessionToken|SessionToken|aws_secret_access_key|aws_session_token|password|token|authorization)"?\s*[:=]\s*)("[^"]*"|[^\s,}]+)/gi, '$1[REDACTED]'],
  [/X-Amz-(Security-Token|Signature|Credential)=[^&\s]+/gi, 'X-Amz-$1=[REDACTED]'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export interface LoggerOptions {
  format: LogFormat;
  level: LogLevel;
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const min = LEVELS[options.level];
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (LEVELS[level] < min) return;
    if (options.format === 'json') {
      write(redact(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })));
      return;
    }
    // Text lines carry the message only; the structured fields are for JSON consumers.
    write(redact(`${level === 'info' ? '' : `${level.toUpperCase()}: `}${message}`));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
