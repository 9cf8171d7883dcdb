import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { renderHubFindings } from '../../src/cli/hub-findings.js';

function finding(productName: string, id: string, status: 'FAILED' | 'PASSED', label: 'HIGH' | 'LOW'): AwsSecurityFinding {
  return {
    Id: id, ProductName: productName, GeneratorId: id, AwsAccountId: '123456789012', Region: 'us-east-1', RecordState: 'ACTIVE',
    Compliance: { Status: status }, Severity: { Label: label }, Resources: [{ Type: 'AwsEc2SecurityGroup', Id: `arn:aws:ec2:us-east-1:123456789012:security-group/${id}` }],
    Description: `Failed: ${id} is open`,
  } as AwsSecurityFinding;
}

describe('the demo\'s Security Hub listing', () => {
  it('counts rampart\'s own findings only, not another product\'s', () => {
    // prepare
    const findings = [
      finding('rampart', 'sg-1', 'FAILED', 'HIGH'),
      finding('rampart', 'sg-2', 'PASSED', 'LOW'),
      finding('demo-scanner', 'image-scan', 'FAILED', 'HIGH'),
    ];
    // act
    const text = renderHubFindings(findings, { width: 120, top: 3 });
    // assert
    assert.match(text, /^2 active rampart findings/);
    assert.match(text, /^\s*FAILED\s+0\s+1\s+0\s+0\s+0\s+1$/m);
    assert.doesNotMatch(text, /image-scan/);
  });
});
