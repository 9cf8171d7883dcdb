/** Reading the inputs the account and user checks need, each an ERROR naming it when it is missing or failed. */
import { MissingInputError } from '../../src/core/check.js';
import { need, type Fetched } from '../../src/core/collector.js';
import type { CredentialsRecord } from './collect.js';
import type { CredentialReportRow } from './credential-report.js';

/** A detail the scan reads but a re-read of one resource may not have. */
export function readInput<T>(value: Fetched<T> | undefined, what: string): T {
  if (value === undefined) throw new MissingInputError(`${what} was not read`);
  return need(value, what);
}

/** A user's (or the root user's) credential report row. */
export function credentialRow(credentials: Fetched<CredentialsRecord> | undefined, who: string, kind: 'user' | 'root' = 'user'): CredentialReportRow {
  const record = readInput(credentials, 'the credential report');
  const generated = record.reportGeneratedAt ? ` generated at ${record.reportGeneratedAt}` : '';
  const why = kind === 'user' ? ' (IAM reuses a report for up to 4 hours, so a newer user is not in it yet)' : '';
  if (!record.row) throw new MissingInputError(`the credential report${generated} has no row for ${who}${why}`);
  return record.row;
}
