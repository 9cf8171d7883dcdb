/** Check results as a compact table for assertions: one row per resource, one column per check ('PASS', 'FAIL', 'ERRO', '-'). */
import type { CheckResult } from '../../src/core/result.js';

export interface StatusTableOptions {
  /** The row name of a result (default: its resource id). */
  rowKey?: (result: CheckResult) => string;
  /** Results to leave out (default: none). */
  include?: (result: CheckResult) => boolean;
}

export function statusTable(results: readonly CheckResult[], checks: readonly string[], options: StatusTableOptions = {}): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const result of results) {
    const column = checks.indexOf(result.checkId);
    if (column < 0 || (options.include && !options.include(result))) continue;
    const key = options.rowKey ? options.rowKey(result) : result.resource.id;
    const row = (table[key] ??= checks.map(() => '-'));
    row[column] = result.status.slice(0, 4);
  }
  return table;
}
