/**
 * The IAM credential report: its CSV, and the meaning of its values. Pure:
 * fetch.ts reads the report, the checks read the rows.
 *
 * Every user has one row, and the root user the row `<root_account>`. Values
 * are kept as IAM writes them: dates in ISO 8601, `true` / `false`, and the
 * placeholders `N/A` (no such credential), `no_information` (never used, or
 * not since IAM began tracking) and `not_supported` (the root user's
 * password_enabled).
 */
import { MissingInputError } from '../../src/core/check.js';

export type CredentialReportRow = Record<string, string>;

export const ROOT_USER = '<root_account>';

export interface CredentialReport {
  /** When IAM generated the report (it reuses a report for up to 4 hours). */
  generatedAt?: string;
  rows: CredentialReportRow[];
}

/** RFC 4180 CSV: quoted fields may hold commas (IAM user names may) and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** The report's rows keyed by its header; a row with another number of fields is a corrupt report. */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const [header, ...records] = parseCsv(csv);
  if (!header || !header.includes('user') || !header.includes('arn')) throw new Error('the credential report has no header naming user and arn');
  return records.map((record, i) => {
    if (record.length !== header.length) throw new Error(`line ${i + 2} of the credential report has ${record.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((name, j) => [name, record[j] as string]));
  });
}

/** A field of a row; a field the report lacks is unknown, an ERROR for the check that needs it. */
export function field(row: CredentialReportRow, name: string, who: string): string {
  const value = row[name];
  if (value === undefined) throw new MissingInputError(`the credential report has no ${name} for ${who}, so it cannot be judged`);
  return value;
}

/** A date field: its time, or undefined for N/A, no_information and not_supported (no such use). */
export function reportDate(row: CredentialReportRow, name: string, who: string): string | undefined {
  const value = field(row, name, who);
  if (['N/A', 'no_information', 'not_supported', ''].includes(value)) return undefined;
  if (Number.isNaN(Date.parse(value))) throw new MissingInputError(`the credential report's ${name} for ${who} is ${value}, not a date`);
  return value;
}

/** A true/false field; anything else is unknown. */
export function reportFlag(row: CredentialReportRow, name: string, who: string): boolean {
  const value = field(row, name, who);
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new MissingInputError(`the credential report's ${name} for ${who} is ${value}, neither true nor false`);
}
