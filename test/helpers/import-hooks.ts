/**
 * Module hooks that append every resolved import to a file, one JSON line each:
 * { specifier, parent, url }. Registered by record-imports.ts. They run on the
 * hooks thread, so the log is written synchronously: nothing is lost when the
 * process exits right after its last import.
 */
import { appendFileSync } from 'node:fs';
import type { InitializeHook, ResolveHook } from 'node:module';

export interface ImportRecord {
  specifier: string;
  parent?: string;
  url: string;
}

let logFile: string | undefined;

export const initialize: InitializeHook<{ logFile?: string }> = (data) => {
  logFile = data.logFile;
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const result = await nextResolve(specifier, context);
  if (logFile) {
    const record: ImportRecord = { specifier, url: result.url, ...(context.parentURL ? { parent: context.parentURL } : {}) };
    appendFileSync(logFile, `${JSON.stringify(record)}\n`);
  }
  return result;
};
