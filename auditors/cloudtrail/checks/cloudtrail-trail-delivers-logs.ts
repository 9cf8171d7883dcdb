import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { cloudTrailCollector, type CloudTrailInventory, type TrailItem } from '../collect.js';

export default defineCheck<CloudTrailInventory, TrailItem>({
  meta: {
    id: 'cloudtrail-trail-delivers-logs',
    service: 'cloudtrail',
    title: 'CloudTrail trails deliver their log files to S3 without errors',
    description:
      'Hammer cloudtrails "delivery errors": a trail whose latest delivery to its S3 bucket failed (GetTrailStatus LatestDeliveryError, e.g. a bucket policy that no longer lets CloudTrail write, a deleted bucket or a KMS key it cannot use) fails, because its events are being lost. Notification, CloudWatch Logs and digest delivery errors are reported in the evidence without failing the check. Each trail is judged in its home region.',
    severity: 'MEDIUM',
    resourceType: 'AwsCloudTrailTrail',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Fix what the error names: restore the bucket, give the bucket policy the CloudTrail write statements for this trail (aws:SourceArn), or let CloudTrail use the KMS key. Delivery resumes by itself once CloudTrail can write.',
      url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
    },
    compliance: { nist: ['AU-5'] },
  },
  collector: cloudTrailCollector,
  select: (inventory) => inventory.trails.filter((trail) => !trail.shadow),
  evaluate(trail) {
    const status = need(trail.status, `the status of trail ${trail.name}`);
    const otherErrors = {
      ...(status.latestNotificationError ? { LatestNotificationError: status.latestNotificationError } : {}),
      ...(status.latestCloudWatchLogsDeliveryError ? { LatestCloudWatchLogsDeliveryError: status.latestCloudWatchLogsDeliveryError } : {}),
      ...(status.latestDigestDeliveryError ? { LatestDigestDeliveryError: status.latestDigestDeliveryError } : {}),
    };
    const evidence = {
      S3BucketName: trail.s3BucketName ?? null,
      IsLogging: status.isLogging ?? null,
      LatestDeliveryError: status.latestDeliveryError ?? null,
      LatestDeliveryAttemptTime: status.latestDeliveryAttemptTime ?? null,
      LatestDeliveryTime: status.latestDeliveryTime ?? null,
      ...otherErrors,
    };
    if (status.latestDeliveryError) {
      return fail(`trail ${trail.name} cannot deliver its logs to S3 bucket ${trail.s3BucketName ?? '(unknown)'}: ${status.latestDeliveryError}`, evidence);
    }
    const others = Object.keys(otherErrors);
    return pass(others.length > 0 ? `no S3 delivery error; also reported: ${others.join(', ')}` : 'no S3 delivery error', evidence);
  },
});
