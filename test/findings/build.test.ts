import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { buildFinding } from '../../src/findings/build.js';
import { findingId } from '../../src/findings/ids.js';
import { byteLength, LIMITS } from '../../src/findings/limits.js';
import { META, result } from '../helpers/fixtures.js';
import { assertNoSecrets, FAKE_KEY_ID, FAKE_SECRET, LEAKY_MESSAGE } from '../helpers/secrets.js';

const times = { firstSeenAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z', lastSeenAt: '2026-01-02T00:00:00.000Z' };

describe('ASFF builder', () => {
  it('fills every required field, and Severity/Types in FindingProviderFields too', () => {
    const f = buildFinding({ meta: META, result: result(), times, recordState: 'ACTIVE', version: '1.2.3' });
    assert.equal(f.SchemaVersion, '2018-10-08');
    assert.equal(f.ProductArn, 'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default');
    assert.equal(f.GeneratorId, META.id);
    assert.equal(f.AwsAccountId, '123456789012');
    assert.equal(f.CreatedAt, times.firstSeenAt);
    assert.equal(f.FirstObservedAt, times.firstSeenAt);
    assert.equal(f.UpdatedAt, times.updatedAt);
    assert.deepEqual(f.FindingProviderFields, { Severity: { Label: 'HIGH', Original: 'HIGH' }, Types: META.findingTypes });
    assert.equal(f.Compliance.Status, 'FAILED');
    assert.deepEqual(f.Compliance.RelatedRequirements, ['AWS Foundational Security Best Practices EC2.19', 'CIS AWS Foundations Benchmark v3.0.0 5.2']);
    assert.equal(f.ProductFields['rampart/toolVersion'], '1.2.3');
    assert.equal(f.Resources[0]?.Type, 'AwsEc2SecurityGroup');
    assert.ok(Object.keys(f.ProductFields).every((k) => !k.startsWith('aws/')));
  });

  it('ERROR results are NOT_AVAILABLE and informational', () => {
    const f = buildFinding({ meta: META, result: result({ status: 'ERROR' }), times, recordState: 'ACTIVE', version: '1' });
    assert.equal(f.Compliance.Status, 'NOT_AVAILABLE');
    assert.equal(f.Severity.Label, 'INFORMATIONAL');
  });

  it('ids are deterministic, unique per account/region/check/resource and at most 512 characters', () => {
    const a = findingId('123456789012', 'us-east-1', 'c', 'arn:x');
    assert.equal(a, findingId('123456789012', 'us-east-1', 'c', 'arn:x'));
    assert.notEqual(a, findingId('123456789012', 'us-west-2', 'c', 'arn:x'));
    assert.notEqual(a, findingId('210987654321', 'us-east-1', 'c', 'arn:x'));
    const long = findingId('123456789012', 'us-east-1', 'c', `arn:${'x'.repeat(600)}`);
    assert.ok(long.length <= 512);
    assert.notEqual(long, findingId('123456789012', 'us-east-1', 'c', `arn:${'x'.repeat(599)}y`));
  });

  it('shrinks an oversize finding instead of dropping it: evidence trimmed and noted, details dropped', () => {
    const perms = Array.from({ length: 5000 }, (_, i) => ({ cidr: `203.0.${i % 255}.0/24`, port: i }));
    const details = { AwsEc2SecurityGroup: { IpPermissions: Array.from({ length: 4000 }, (_, i) => ({ IpProtocol: 'tcp', FromPort: i, ToPort: i, IpRanges: [{ CidrIp: '0.0.0.0/0' }] })) } };
    const r = result({ evidence: { perms }, summary: 's'.repeat(5000) });
    r.resource.details = details;
    const f = buildFinding({ meta: { ...META, title: 't'.repeat(400) }, result: r, times, recordState: 'ACTIVE', version: '1' });
    assert.ok(byteLength(f) <= LIMITS.bytesPerFinding);
    assert.ok(f.Title.length <= LIMITS.title);
    assert.ok(f.Description.length <= LIMITS.description);
    assert.ok((f.ProductFields['rampart/evidence'] ?? '').length <= LIMITS.productFieldValue);
    assert.match(f.ProductFields['rampart/evidenceTruncated'] ?? '', /^true/);
    assert.equal(f.ProductFields['rampart/detailsTrimmed'], 'true');
    assert.equal(f.Resources.length, 1);
  });

  it('redacts the summary and evidence in Description and ProductFields, and keeps the resource and ids', () => {
    // prepare: a result that did not go through the runner (an old record, say)
    const r = result({ status: 'ERROR', id: 'sg-0123456789abcdef0', summary: `the rules could not be read: ${LEAKY_MESSAGE}`, evidence: { error: LEAKY_MESSAGE, password: 'plain', rules: [{ port: 22 }] } });
    // act
    const f = buildFinding({ meta: META, result: r, times, recordState: 'ACTIVE', version: '1' });
    // assert
    assertNoSecrets(JSON.stringify(f), 'the finding');
    assert.match(f.Description, /^Could not be evaluated: the rules could not be read: User with access key ASIA\[REDACTED\]7KEY and secret \[REDACTED\] is not authorized/);
    assert.deepEqual(JSON.parse(f.ProductFields['rampart/evidence'] ?? ''), {
      error: 'User with access key ASIA[REDACTED]7KEY and secret [REDACTED] is not authorized; X-Amz-Security-Token=[REDACTED]',
      password: '[REDACTED]',
      rules: [{ port: 22 }],
    });
    assert.equal(f.Id, findingId('123456789012', 'us-east-1', META.id, 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0'));
    assert.equal(f.Resources[0]?.Id, 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0');
    assert.equal(f.AwsAccountId, '123456789012');
  });

  it('redacts before the Description limit cuts the text', () => {
    // prepare: the secret access key straddles the 1024-character limit
    const summary = `${'x'.repeat(965)} ${FAKE_KEY_ID} ${FAKE_SECRET} tail`; // the secret starts at character 995
    // act
    const f = buildFinding({ meta: META, result: result({ summary }), times, recordState: 'ACTIVE', version: '1' });
    // assert
    assert.ok(f.Description.length <= LIMITS.description);
    assert.ok(!f.Description.includes(FAKE_SECRET.slice(0, 12)), f.Description.slice(-120));
  });
});
