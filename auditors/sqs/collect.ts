/**
 * SQS inventory: the queues of one account and region, each with its
 * attributes (policy, encryption) and tags, read once per queue.
 *
 * The pattern every auditor follows, so that `rampart checks`, `permissions`
 * and `--help` never load an AWS SDK client (the EC2 client alone weighs ~85 MiB):
 * - collect.ts (this file) declares the collector (id, service, global,
 *   permissions) and the inventory the checks read; it and the checks use
 *   only `import type` from SDK packages.
 * - fetch.ts calls AWS: it imports the SDK client and commands statically and
 *   is itself loaded by a dynamic import() on the first collect(), so the
 *   client loads only when a scan runs this auditor.
 * test/cli/startup-imports.test.ts fails when a collector imports the SDK at startup.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface SqsQueueAttributes {
  /** The access policy text; undefined when the queue has none. */
  policy?: string;
  /** SSE-KMS key id, alias or ARN; undefined when the queue does not use SSE-KMS. */
  kmsMasterKeyId?: string;
  kmsDataKeyReusePeriodSeconds?: number;
  /** SSE-SQS; undefined when the service did not report the attribute. */
  sqsManagedSse?: boolean;
  deadLetterTargetArn?: string;
}

export interface SqsQueueItem {
  ref: ResourceRef;
  url: string;
  name: string;
  attributes: Fetched<SqsQueueAttributes>;
  tags: Fetched<Record<string, string>>;
}

export interface SqsInventory {
  queues: SqsQueueItem[];
}

export const sqsCollector: Collector<SqsInventory> = {
  id: 'sqs',
  service: 'sqs',
  global: false,
  permissions: ['sqs:ListQueues', 'sqs:GetQueueAttributes', 'sqs:ListQueueTags'],
  async collect(ctx) {
    const { fetchSqsInventory } = await import('./fetch.js');
    return fetchSqsInventory(ctx);
  },
  async collectOne(ctx, resource) {
    const { fetchOneSqsQueue } = await import('./fetch.js');
    return fetchOneSqsQueue(ctx, resource.id);
  },
};
