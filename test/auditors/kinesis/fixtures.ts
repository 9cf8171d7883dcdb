/** Hand-built Kinesis inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { kinesisCollector, type KinesisInventory, type KinesisStreamItem, type KinesisStreamSettings } from '../../../auditors/kinesis/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const failed = <T>(error = 'AccessDeniedException: not authorized to perform kinesis:DescribeStreamSummary'): Fetched<T> => ({ ok: false, error });

/** An active stream encrypted with a customer managed key that publishes one shard-level metric; override what the test is about. */
export function stream(name: string, settings: Fetched<KinesisStreamSettings> = fetched({})): KinesisStreamItem {
  const base: KinesisStreamSettings = { status: 'ACTIVE', encryptionType: 'KMS', keyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k1`, shardLevelMetrics: ['IncomingBytes'] };
  return {
    ref: { type: 'AwsKinesisStream', arn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`, id: name, region: REGION, partition: 'aws', tags: {} },
    name,
    settings: settings.ok ? fetched({ ...base, ...settings.value }) : settings,
    tags: fetched({}),
  };
}

export const inventory = (...streams: KinesisStreamItem[]): KinesisInventory => ({ streams });

/** A plan task running the given checks with their default parameters. */
export function task(checks: readonly AnyCheck[]): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: kinesisCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse({}) : {}, severity: check.meta.severity })),
  };
}
