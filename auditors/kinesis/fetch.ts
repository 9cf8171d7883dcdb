/** Reads the Kinesis Data Streams inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import { DescribeStreamSummaryCommand, ListStreamsCommand, ListTagsForStreamCommand, type StreamDescriptionSummary } from '@aws-sdk/client-kinesis';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import { RampartKinesisClient } from './client.js';
import type { KinesisInventory, KinesisStreamItem, KinesisStreamSettings } from './collect.js';

/** ListStreams returns at most 100 names a page. */
const PAGE_SIZE = 100;
/** A stream has at most 50 tags, and ListTagsForStream returns at most 50 a page. */
const TAG_PAGE_SIZE = 50;
/** A stream deleted between the listing and the detail calls. */
export const GONE_CODES = ['ResourceNotFoundException'];

type JsonObject = { [key: string]: JsonValue };

export function toSettings(summary: Partial<StreamDescriptionSummary> | undefined): KinesisStreamSettings {
  const settings: KinesisStreamSettings = {};
  if (!summary) return settings;
  if (summary.StreamStatus) settings.status = summary.StreamStatus;
  if (summary.EncryptionType) settings.encryptionType = summary.EncryptionType;
  if (summary.KeyId) settings.keyId = summary.KeyId;
  if (summary.EnhancedMonitoring) settings.shardLevelMetrics = summary.EnhancedMonitoring.flatMap((m) => m.ShardLevelMetrics ?? []);
  return settings;
}

/** ASFF AwsKinesisStreamDetails. */
function streamDetails(name: string, arn: string, summary: Partial<StreamDescriptionSummary> | undefined): JsonObject {
  const details: JsonObject = { Name: name, Arn: arn };
  if (summary?.EncryptionType) details.StreamEncryption = summary.KeyId ? { EncryptionType: summary.EncryptionType, KeyId: summary.KeyId } : { EncryptionType: summary.EncryptionType };
  if (summary?.OpenShardCount !== undefined) details.ShardCount = summary.OpenShardCount;
  if (summary?.RetentionPeriodHours !== undefined) details.RetentionPeriodHours = summary.RetentionPeriodHours;
  return details;
}

/** The documented paging of ListStreams: while HasMoreStreams, continue after the last name returned. */
function listStreamNames(kinesis: RampartKinesisClient): Promise<string[]> {
  return collectPages(
    (after) => kinesis.send(new ListStreamsCommand({ Limit: PAGE_SIZE, ...(after ? { ExclusiveStartStreamName: after } : {}) })),
    (page) => (page.HasMoreStreams ? page.StreamNames?.at(-1) : undefined),
    (page) => page.StreamNames,
  );
}

function listTags(kinesis: RampartKinesisClient, StreamName: string): Promise<Record<string, string>> {
  return collectPages(
    (after) => kinesis.send(new ListTagsForStreamCommand({ StreamName, Limit: TAG_PAGE_SIZE, ...(after ? { ExclusiveStartTagKey: after } : {}) })),
    (page) => (page.HasMoreTags ? page.Tags?.at(-1)?.Key : undefined),
    (page) => page.Tags,
  ).then(tagsToRecord);
}

async function readStream(kinesis: RampartKinesisClient, name: string, ctx: CollectContext): Promise<KinesisStreamItem | undefined> {
  // undefined: the stream was deleted since the listing.
  const [summary, tags] = await Promise.all([
    fetchDetail<Partial<StreamDescriptionSummary> | undefined>(
      async () => (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary ?? {},
      GONE_CODES,
      undefined,
    ),
    fetchDetail<Record<string, string> | undefined>(() => listTags(kinesis, name), GONE_CODES, undefined),
  ]);
  if ((summary.ok && summary.value === undefined) || (tags.ok && tags.value === undefined)) return undefined;
  const described = summary.ok ? summary.value : undefined;
  const settings: Fetched<KinesisStreamSettings> = summary.ok ? { ok: true, value: toSettings(described) } : summary;
  const streamTags = tags as Fetched<Record<string, string>>;
  const arn = described?.StreamARN ?? `arn:${ctx.partition}:kinesis:${ctx.region}:${ctx.accountId}:stream/${name}`;
  return {
    ref: {
      type: 'AwsKinesisStream',
      arn,
      id: name,
      region: ctx.region,
      partition: ctx.partition,
      tags: streamTags.ok ? streamTags.value : {},
      ...(streamTags.ok ? {} : { tagsError: streamTags.error }),
      details: { AwsKinesisStream: streamDetails(name, arn, described) },
    },
    name,
    settings,
    tags: streamTags,
  };
}

/** Lists the data streams and reads each one's summary and tags; empty where Kinesis is not offered. */
export async function fetchKinesisInventory(ctx: CollectContext): Promise<KinesisInventory> {
  const kinesis = ctx.clients.get(RampartKinesisClient);
  const names = await unlessNotOffered(
    () => listStreamNames(kinesis),
    () => [],
    (why) => ctx.logger.debug(`kinesis: not offered in ${ctx.region}: ${why}`),
  );
  const streams = (await mapLimited(names, ctx.limit, (name) => readStream(kinesis, name, ctx))).filter((s): s is KinesisStreamItem => s !== undefined);
  const untagged = streams.flatMap((s) => (s.tags.ok ? [] : [`${s.name}: ${s.tags.error}`]));
  // No check reads tags, but owners are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`kinesis: the tags of ${untagged.length} stream(s) could not be read, e.g. ${untagged[0]}`);
  return { streams };
}
