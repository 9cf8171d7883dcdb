import { MissingInputError, defineCheck, fail, pass } from '../../../src/core/check.js';
import { cloudTrailCollector, type CloudTrailInventory, type TrailItem } from '../collect.js';

export default defineCheck<CloudTrailInventory, TrailItem>({
  meta: {
    id: 'cloudtrail-trail-log-file-validation-enabled',
    service: 'cloudtrail',
    title: 'CloudTrail trails have log file validation enabled',
    description:
      'Checks that each trail writes signed digest files (log file validation), so a log file changed or deleted after delivery can be detected. Each trail is judged in its home region.',
    severity: 'LOW',
    resourceType: 'AwsCloudTrailTrail',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Turn on log file validation for the trail (aws cloudtrail update-trail --name <trail> --enable-log-file-validation), and validate logs with aws cloudtrail validate-logs when you investigate.',
      url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-enabling.html',
    },
    compliance: { fsbp: ['CloudTrail.4'], cis: ['3.2'], nist: ['AU-9', 'SI-7(1)'] },
  },
  collector: cloudTrailCollector,
  select: (inventory) => inventory.trails.filter((trail) => !trail.shadow),
  evaluate(trail) {
    if (trail.logFileValidationEnabled === undefined) throw new MissingInputError(`DescribeTrails did not say whether trail ${trail.name} validates its log files`);
    const evidence = { LogFileValidationEnabled: trail.logFileValidationEnabled };
    if (trail.logFileValidationEnabled) return pass('log file validation is enabled', evidence);
    return fail(`trail ${trail.name} does not write digest files: log file validation is disabled`, evidence);
  },
});
