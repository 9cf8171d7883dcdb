/** The top failing findings as the terminal shows them: aligned, fitted to the width, pointing to the full list. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { Severity } from '../../src/core/check.js';
import type { FailingEntry } from '../../src/pipeline/top-failing.js';
import { createStyle, stripAnsi } from '../../src/cli/style.js';
import { renderTopFindings, shortResource } from '../../src/cli/top-findings.js';
import { assertNoSecrets, LEAKY_MESSAGE } from '../helpers/secrets.js';

const entry = (severity: Severity, checkId: string, resourceId: string, summary: string): FailingEntry => ({ severity, checkId, resourceId, resourceArn: `arn:aws:ec2:us-east-1:123456789012:thing/${resourceId}`, accountId: '123456789012', region: 'us-east-1', summary });

const ENTRIES = [
  entry('CRITICAL', 'ami-not-public', 'ami-0123456789abcdef0', 'image ami-0123456789abcdef0 is public: any AWS account can launch it'),
  entry('HIGH', 'ec2-security-group-no-public-restricted-ports', 'sg-1', 'security group sg-1 allows tcp/22 from 0.0.0.0/0 and tcp/3389 from ::/0, which the config restricts'),
  entry('LOW', 's3-bucket-versioning-enabled', 'a-bucket-with-a-very-long-name-that-goes-on-and-on', 'versioning is off'),
];

describe('renderTopFindings', () => {
  it('prints one aligned line per finding within the width, and how many more are in the report', () => {
    // act
    const text = renderTopFindings({ top: ENTRIES, total: 12 }, { width: 120, moreIn: 'out/report.html' });
    // assert
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], 'top failing findings (12 unexempted FAILED, worst first):');
    const rows = lines.slice(1, 4);
    for (const line of rows) assert.ok(line.length <= 120, `${line.length}: ${line}`);
    assert.match(rows[0] ?? '', /^ {2}CRITICAL {2}ami-not-public {2,}ami-0123456789abcdef0 {2,}image ami-0123456789abcdef0 is ?…$/);
    assert.equal(rows[0]?.length, 120, 'a cut summary fills the width');
    assert.match(rows[1] ?? '', /^ {2}HIGH {6}ec2-security-group-no-public-restricted-ports {2}sg-1 {2,}security group sg-1 allows tcp/);
    assert.match(rows[2] ?? '', /^ {2}LOW {7}s3-bucket-versioning-enabled {2,}a-bucket-with-a-very-long-n… {2}versioning is off$/);
    // the resource and summary columns start at the same place on every line
    assert.equal(rows[0]?.indexOf('ami-0123'), rows[1]?.indexOf('sg-1'));
    assert.equal(rows[0]?.indexOf('image'), rows[2]?.indexOf('versioning is off'));
    assert.equal(lines[4], '  9 more in out/report.html');
  });

  it('gives the summary room on a narrow terminal and never passes the width', () => {
    // act
    const text = renderTopFindings({ top: ENTRIES, total: 3 }, { width: 72 });
    // assert
    const rows = text.trimEnd().split('\n').slice(1);
    assert.equal(rows.length, 3, 'no "more" line when all are shown');
    for (const line of rows) assert.ok(line.length <= 72, `${line.length}: ${line}`);
    assert.match(rows[1] ?? '', /ec2-security-group-no-p… /);
  });

  it('keeps alignment with colours on (the codes take no width)', () => {
    // act
    const coloured = renderTopFindings({ top: ENTRIES, total: 3 }, { width: 100, style: createStyle(true) });
    // assert
    assert.ok(coloured.includes('\u001b[31mHIGH\u001b[0m'));
    assert.equal(stripAnsi(coloured), renderTopFindings({ top: ENTRIES, total: 3 }, { width: 100 }));
  });

  it('prints nothing when nothing fails (or the list is turned off)', () => {
    // act / assert
    assert.equal(renderTopFindings({ top: [], total: 0 }, { width: 100 }), '');
    assert.equal(renderTopFindings({ top: [], total: 5 }, { width: 100 }), '');
  });

  it('never prints a secret a summary quotes', () => {
    // act
    const text = renderTopFindings({ top: [entry('HIGH', 'codebuild-x', 'p', LEAKY_MESSAGE)], total: 1 }, { width: 400 });
    // assert
    assertNoSecrets(text, 'the top findings');
  });
});

describe('shortResource', () => {
  it('names a resource by its id, or by the end of its ARN when the id is an ARN', () => {
    // act / assert
    assert.equal(shortResource({ resourceId: 'sg-1', resourceArn: 'arn:aws:ec2:us-east-1:1:security-group/sg-1' }), 'sg-1');
    assert.equal(shortResource({ resourceId: 'arn:aws:rds:us-east-1:1:db:demo-db', resourceArn: '' }), 'demo-db');
    assert.equal(shortResource({ resourceId: '', resourceArn: 'arn:aws:ecs:us-east-1:1:task-definition/web:3' }), 'web:3');
    assert.equal(shortResource({ resourceId: '', resourceArn: 'arn:aws:s3:::demo-bucket' }), 'demo-bucket');
  });
});
