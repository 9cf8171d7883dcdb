/** Reads the SQS inventory. Loaded by collect.ts on the first collect(): see the comment there. */
import { GetQueueAttributesCommand, ListQueueTagsCommand, ListQueuesCommand, SQSClient, type QueueAttributeName } from '@aws-sdk/client-sqs';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import type { SqsInventory, SqsQueueAttributes, SqsQueueItem } from './collect.js';

const PAGE_SIZE = 1000;
const ATTRIBUTES: QueueAttributeName[] = ['Policy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled', 'RedrivePolicy'];
/** A queue deleted between ListQueues and the detail calls (JSON and query protocol codes). */
export const GONE_CODES = ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'];

/** The account and name are the last two path segments of a queue URL. */
export function parseQueueUrl(url: string): { accountId: string; name: string } | undefined {
  const segments = new URL(url).pathname.split('/').filter((s) => s.length > 0);
  const [accountId, name] = segments.slice(-2);
  return accountId && name && segments.length >= 2 ? { accountId, name } : undefined;
}

function deadLetterTarget(redrivePolicy: string | undefined): string | undefined {
  if (!redrivePolicy) return undefined;
  try {
    const parsed = JSON.parse(redrivePolicy) as { deadLetterTargetArn?: unknown };
    return typeof parsed.deadLetterTargetArn === 'string' ? parsed.deadLetterTargetArn : undefined;
  } catch {
    return undefined;
  }
}

export function toAttributes(attributes: Partial<Record<string, string>> | undefined): SqsQueueAttributes {
  const values = attributes ?? {};
  const out: SqsQueueAttributes = {};
  if (values.Policy) out.policy = values.Policy;
  if (values.KmsMasterKeyId) out.kmsMasterKeyId = values.KmsMasterKeyId;
  const reuse = Number(values.KmsDataKeyReusePeriodSeconds);
  if (values.KmsDataKeyReusePeriodSeconds !== undefined && Number.isFinite(reuse)) out.kmsDataKeyReusePeriodSeconds = reuse;
  if (values.SqsManagedSseEnabled !== undefined) out.sqsManagedSse = values.SqsManagedSseEnabled.toLowerCase() === 'true';
  const deadLetter = deadLetterTarget(values.RedrivePolicy);
  if (deadLetter) out.deadLetterTargetArn = deadLetter;
  return out;
}

function queueDetails(name: string, attributes: Fetched<SqsQueueAttributes>): { [key: string]: JsonValue } {
  const details: { [key: string]: JsonValue } = { QueueName: name };
  if (!attributes.ok) return details;
  const { kmsMasterKeyId, kmsDataKeyReusePeriodSeconds, deadLetterTargetArn } = attributes.value;
  if (kmsMasterKeyId) details.KmsMasterKeyId = kmsMasterKeyId;
  if (kmsMasterKeyId && kmsDataKeyReusePeriodSeconds !== undefined) details.KmsDataKeyReusePeriodSeconds = kmsDataKeyReusePeriodSeconds;
  if (deadLetterTargetArn) details.DeadLetterTargetArn = deadLetterTargetArn;
  return details;
}

async function readQueue(sqs: SQSClient, url: string, ctx: CollectContext): Promise<SqsQueueItem | undefined> {
  const parsed = parseQueueUrl(url);
  if (!parsed) {
    ctx.logger.warn(`sqs: skipping a queue URL that names no account and queue: ${url}`);
    return undefined;
  }
  const [attributes, tags] = await Promise.all([
    ctx.limit(() =>
      fetchDetail<SqsQueueAttributes | undefined>(
        async () => toAttributes((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ATTRIBUTES }))).Attributes),
        GONE_CODES,
        undefined,
      ),
    ),
    ctx.limit(() => fetchDetail<Record<string, string> | undefined>(async () => (await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags ?? {}, GONE_CODES, undefined)),
  ]);
  if ((attributes.ok && attributes.value === undefined) || (tags.ok && tags.value === undefined)) return undefined;
  const queueAttributes = attributes as Fetched<SqsQueueAttributes>;
  const queueTags = tags as Fetched<Record<string, string>>;
  return {
    ref: {
      type: 'AwsSqsQueue',
      arn: `arn:${ctx.partition}:sqs:${ctx.region}:${parsed.accountId}:${parsed.name}`,
      id: parsed.name,
      region: ctx.region,
      partition: ctx.partition,
      tags: queueTags.ok ? queueTags.value : {},
      ...(queueTags.ok ? {} : { tagsError: queueTags.error }),
      details: { AwsSqsQueue: queueDetails(parsed.name, queueAttributes) },
    },
    url,
    name: parsed.name,
    attributes: queueAttributes,
    tags: queueTags,
  };
}

function listQueues(sqs: SQSClient, prefix?: string): Promise<string[]> {
  return collectPages(
    (NextToken) => sqs.send(new ListQueuesCommand({ MaxResults: PAGE_SIZE, NextToken, ...(prefix ? { QueueNamePrefix: prefix } : {}) })),
    (page) => page.NextToken,
    (page) => page.QueueUrls,
  );
}

/** Lists the queues and reads each one's attributes and tags. */
export async function fetchSqsInventory(ctx: CollectContext): Promise<SqsInventory> {
  const sqs = ctx.clients.get(SQSClient);
  const urls = await listQueues(sqs);
  const queues = (await Promise.all(urls.map((url) => readQueue(sqs, url, ctx)))).filter((q): q is SqsQueueItem => q !== undefined);
  const untagged = queues.flatMap((q) => (q.tags.ok ? [] : [`${q.name}: ${q.tags.error}`]));
  // No check reads tags, but owners are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`sqs: the tags of ${untagged.length} queue(s) could not be read, e.g. ${untagged[0]}`);
  return { queues };
}

/** One queue, found as a scan finds it (ListQueues, by name prefix); none when it no longer exists. */
export async function fetchOneSqsQueue(ctx: CollectContext, name: string): Promise<SqsInventory> {
  const sqs = ctx.clients.get(SQSClient);
  const url = (await listQueues(sqs, name)).find((candidate) => parseQueueUrl(candidate)?.name === name);
  const queue = url ? await readQueue(sqs, url, ctx) : undefined;
  return { queues: queue ? [queue] : [] };
}
