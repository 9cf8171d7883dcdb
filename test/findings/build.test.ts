import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildFinding } from '../../src/findings/build.js';
import { findingId } from '../../src/findings/ids.js';
import { byteLength, LIMITS } from '../../src/findings/limits.js';
import { META, result } from '../helpers/fixtures.js';

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
});
