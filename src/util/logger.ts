/**
 * Plain or JSON log lines on stderr. Every message and field passes through
 * `redact`, so a credential that slips into a message never reaches the log.
 */
import { redact, redactReplacer } from './redact.js';

export { redact } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'text' | 'json';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

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
      // Redacted while serialising: a replacement inside JSON text could break its escaping.
      write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }, redactReplacer));
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
