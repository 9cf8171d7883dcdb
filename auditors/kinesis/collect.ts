/**
 * Kinesis Data Streams inventory: every data stream of one account and region,
 * with its encryption and enhanced (shard-level) monitoring settings
 * (DescribeStreamSummary) and its tags, read once per stream.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface KinesisStreamSettings {
  status?: string;
  /** KMS or NONE; undefined when the service did not report it. */
  encryptionType?: string;
  /** The KMS key (id, ARN or alias) of a stream with server-side encryption. */
  keyId?: string;
  /** The shard-level metrics enhanced monitoring publishes (empty: none); undefined when not reported. */
  shardLevelMetrics?: string[];
}

export interface KinesisStreamItem {
  ref: ResourceRef;
  name: string;
  settings: Fetched<KinesisStreamSettings>;
  tags: Fetched<Record<string, string>>;
}

export interface KinesisInventory {
  streams: KinesisStreamItem[];
}

export const kinesisCollector: Collector<KinesisInventory> = {
  id: 'kinesis',
  service: 'kinesis',
  global: false,
  permissions: ['kinesis:ListStreams', 'kinesis:DescribeStreamSummary', 'kinesis:ListTagsForStream'],
  async collect(ctx) {
    const { fetchKinesisInventory } = await import('./fetch.js');
    return fetchKinesisInventory(ctx);
  },
};
