/** Reads and validates the config file. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { configSchema, formatZodIssues, type RampartConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

export function parseConfigText(text: string, source: string): RampartConfig {
  let raw: unknown;
  try {
    raw = extname(source).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`config ${source} is not valid ${extname(source).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  if (raw === null || raw === undefined) return {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`config ${source} is invalid:\n  ${formatZodIssues(parsed.error, '', raw).join('\n  ')}`);
  }
  return parsed.data;
}

export async function loadConfig(path: string): Promise<RampartConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable (permission denied)' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? 'unknown error'})`;
    throw new ConfigError(`--config ${path} ${why}: pass the path of a JSON or YAML config file`, { cause: error });
  }
  return parseConfigText(text, path);
}
