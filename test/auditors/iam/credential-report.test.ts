import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError } from '../../../src/core/check.js';
import { parseCredentialReport, parseCsv, reportDate, reportFlag } from '../../../auditors/iam/credential-report.js';

describe('the credential report', () => {
  it('parses RFC 4180 CSV: quoted commas, doubled quotes, CRLF and a final newline', () => {
    // act
    const records = parseCsv('user,arn\r\n"ops,oncall","say ""hi"""\r\nbob,x\n');

    // assert
    assert.deepEqual(records, [['user', 'arn'], ['ops,oncall', 'say "hi"'], ['bob', 'x']]);
  });

  it('keys each row by the header, and refuses a corrupt report', () => {
    assert.deepEqual(parseCredentialReport('user,arn,mfa_active\n<root_account>,arn:aws:iam::1:root,true'), [{ user: '<root_account>', arn: 'arn:aws:iam::1:root', mfa_active: 'true' }]);
    assert.throws(() => parseCredentialReport('user,arn\nalice'), /line 2 of the credential report has 1 fields, the header 2/);
    assert.throws(() => parseCredentialReport('name\nalice'), /no header naming user and arn/);
  });

  it('edge: the placeholders mean no use; anything else that is not a date or a flag is unknown, an ERROR', () => {
    // prepare
    const row = { a: 'N/A', b: 'no_information', c: 'not_supported', d: '2025-01-02T03:04:05+00:00', e: 'soon', f: 'true', g: 'yes' };

    // act and assert
    assert.deepEqual(['a', 'b', 'c', 'd'].map((name) => reportDate(row, name, 'alice')), [undefined, undefined, undefined, '2025-01-02T03:04:05+00:00']);
    assert.throws(() => reportDate(row, 'e', 'alice'), /e for alice is soon, not a date/);
    assert.throws(() => reportDate(row, 'missing', 'alice'), MissingInputError);
    assert.equal(reportFlag(row, 'f', 'alice'), true);
    assert.throws(() => reportFlag(row, 'g', 'alice'), /neither true nor false/);
  });
});
