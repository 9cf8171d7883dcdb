/** The tool's version, read from package.json next to the build. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function readVersion(): string {
  for (const relative of ['../../package.json', '../package.json']) {
    try {
      const text = readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');
      const parsed = JSON.parse(text) as { name?: string; version?: string };
      if (parsed.name === 'rampart' && parsed.version) return parsed.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
