/**
 * The grace period (Hammer's remediation_retention_period): a FAILED finding
 * of a check with autoRemediate enabled is fixed once it has been open
 * afterDays since its first sighting, and warned about once, warnDays before.
 * Pure: which records are due, and which are to be warned about.
 */
import type { AutoRemediateSettings } from '../config/schema.js';
import type { FindingRecord } from '../state/record.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DueDecision {
  record: FindingRecord;
  action: 'fix' | 'warn';
  /** When the fix is (or was) due. */
  dueAt: string;
  dryRun: boolean;
}

export function dueDecisions(records: readonly FindingRecord[], settings: AutoRemediateSettings, allowedAccounts: readonly string[], now: Date): DueDecision[] {
  if (!settings.enabled) return [];
  const accounts = new Set((settings.accounts ?? allowedAccounts).filter((a) => allowedAccounts.includes(a)));
  const out: DueDecision[] = [];
  for (const record of records) {
    if (record.status !== 'FAILED' || record.recordState !== 'ACTIVE' || record.exemption || !accounts.has(record.accountId)) continue;
    const due = Date.parse(record.firstSeenAt) + settings.afterDays * DAY_MS;
    const warnFrom = due - settings.warnDays * DAY_MS;
    const dueAt = new Date(due).toISOString();
    if (now.getTime() >= due) out.push({ record, action: 'fix', dueAt, dryRun: settings.dryRun });
    else if (settings.warnDays > 0 && now.getTime() >= warnFrom) out.push({ record, action: 'warn', dueAt, dryRun: settings.dryRun });
  }
  return out;
}
