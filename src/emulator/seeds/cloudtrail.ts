/**
 * Demo seed for the CloudTrail checks, all in us-east-1: a regional trail
 * whose logging was stopped (no log file validation, no KMS), and a
 * well-configured decoy that records only S3 data events. The decoy passes
 * every per-trail check but does not count as recording the region's
 * management events, so the region still fails cloudtrail-enabled-in-region.
 *
 * The emulator never reports delivery errors: cloudtrail-trail-delivers-logs
 * cannot fail in the demo.
 */
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const LOG_BUCKET = 'demo-cloudtrail-logs';
/** The emulator does not check that the key exists. */
const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

export async function seedCloudTrail(clients: AwsClients): Promise<SeedResult> {
  const cloudtrail = clients.get(CloudTrailClient);
  await clients.get(S3Client).send(new CreateBucketCommand({ Bucket: LOG_BUCKET }));

  const stopped = 'demo-trail-stopped';
  await cloudtrail.send(new CreateTrailCommand({ Name: stopped, S3BucketName: LOG_BUCKET, S3KeyPrefix: 'stopped' }));
  await cloudtrail.send(new StartLoggingCommand({ Name: stopped }));
  await cloudtrail.send(new StopLoggingCommand({ Name: stopped }));

  const dataEvents = 'demo-trail-data-events';
  await cloudtrail.send(
    new CreateTrailCommand({ Name: dataEvents, S3BucketName: LOG_BUCKET, S3KeyPrefix: 'data-events', EnableLogFileValidation: true, KmsKeyId: KMS_KEY }),
  );
  await cloudtrail.send(
    new PutEventSelectorsCommand({
      TrailName: dataEvents,
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }],
    }),
  );
  await cloudtrail.send(new StartLoggingCommand({ Name: dataEvents }));
  return { insecure: [stopped], compliant: [dataEvents] };
}
