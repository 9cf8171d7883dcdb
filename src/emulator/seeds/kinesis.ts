/**
 * Demo seed for the Kinesis Data Streams checks: a stream without encryption
 * or shard-level metrics, and a decoy encrypted with the AWS managed key that
 * publishes shard-level metrics.
 */
import { AddTagsToStreamCommand, CreateStreamCommand, EnableEnhancedMonitoringCommand, StartStreamEncryptionCommand } from '@aws-sdk/client-kinesis';
import { RampartKinesisClient } from '../../../auditors/kinesis/client.js';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

export async function seedKinesis(clients: AwsClients): Promise<SeedResult> {
  const kinesis = clients.get(RampartKinesisClient);
  const plain = 'demo-clickstream-plain';
  await kinesis.send(new CreateStreamCommand({ StreamName: plain, ShardCount: 1 }));
  await kinesis.send(new AddTagsToStreamCommand({ StreamName: plain, Tags: { owner: 'analytics-team' } }));

  const guarded = 'demo-orders-stream';
  await kinesis.send(new CreateStreamCommand({ StreamName: guarded, ShardCount: 1 }));
  await kinesis.send(new StartStreamEncryptionCommand({ StreamName: guarded, EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
  await kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: guarded, ShardLevelMetrics: ['IncomingBytes', 'WriteProvisionedThroughputExceeded'] }));
  return { insecure: [plain], compliant: [guarded] };
}
