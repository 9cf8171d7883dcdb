import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { cloudTrailCollector, type CloudTrailInventory, type TrailItem } from '../collect.js';

export default defineCheck<CloudTrailInventory, TrailItem>({
  meta: {
    id: 'cloudtrail-trail-encrypted-with-kms',
    service: 'cloudtrail',
    title: 'CloudTrail trails encrypt their log files with a KMS key',
    description:
      'Checks that each trail encrypts its log files with SSE-KMS (a KmsKeyId is set), so reading the logs also needs kms:Decrypt on a key you control. Without it the files get only the bucket\'s SSE-S3 encryption. Each trail is judged in its home region.',
    severity: 'MEDIUM',
    resourceType: 'AwsCloudTrailTrail',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
      'Effects/Data Exposure',
    ],
    remediation: {
      text: 'Create a customer managed KMS key whose policy lets CloudTrail encrypt and your log readers decrypt, then set it on the trail (aws cloudtrail update-trail --name <trail> --kms-key-id <key>).',
      url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
    },
    compliance: { fsbp: ['CloudTrail.2'], cis: ['3.5'], nist: ['AU-9', 'SC-28'] },
  },
  collector: cloudTrailCollector,
  select: (inventory) => inventory.trails.filter((trail) => !trail.shadow),
  evaluate(trail) {
    if (trail.kmsKeyId) return pass(`log files are encrypted with ${trail.kmsKeyId}`, { KmsKeyId: trail.kmsKeyId });
    return fail(`trail ${trail.name} does not encrypt its log files with a KMS key`, { KmsKeyId: null });
  },
});
