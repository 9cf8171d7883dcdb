/** Hand-built SQS inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { sqsCollector, type SqsInventory, type SqsQueueAttributes, type SqsQueueItem } from '../../../auditors/sqs/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const failed = <T>(error = 'AccessDenied: not authorized'): Fetched<T> => ({ ok: false, error });

/** A private, SSE-SQS queue unless the attributes say otherwise. */
export function queue(name: string, attributes: Fetched<SqsQueueAttributes> = fetched({ sqsManagedSse: true })): SqsQueueItem {
  return {
    ref: { type: 'AwsSqsQueue', arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`, id: name, region: REGION, partition: 'aws', tags: {} },
    url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`,
    name,
    attributes,
    tags: fetched({}),
  };
}

export const inventory = (...queues: SqsQueueItem[]): SqsInventory => ({ queues });

export function policyOf(...statements: Array<Record<string, unknown>>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: sqsCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
