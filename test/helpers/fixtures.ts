/** Small builders of check results and metadata for unit tests. */
import type { CheckMetadata } from '../../src/core/check.js';
import type { CheckResult } from '../../src/core/result.js';

export const META: CheckMetadata = {
  id: 'ec2-test-check',
  service: 'ec2',
  title: 'Test check',
  description: 'A check for tests.',
  severity: 'HIGH',
  resourceType: 'AwsEc2SecurityGroup',
  findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
  remediation: { text: 'Fix it.', url: 'https://docs.aws.amazon.com/' },
  compliance: { fsbp: ['EC2.19'], cis: ['5.2'] },
};

export function result(partial: Partial<CheckResult> & { id?: string } = {}): CheckResult {
  const id = partial.id ?? 'sg-1';
  return {
    checkId: META.id,
    accountId: '123456789012',
    region: 'us-east-1',
    partition: 'aws',
    resource: { type: 'AwsEc2SecurityGroup', arn: `arn:aws:ec2:us-east-1:123456789012:security-group/${id}`, id, region: 'us-east-1', partition: 'aws', tags: {} },
    status: 'FAILED',
    severity: 'HIGH',
    summary: 'open',
    evidence: { status: 'open_completely' },
    ...partial,
  };
}
