/**
 * The remediation worker: drains the SQS queue EventBridge fills with
 * custom-action events. A message is deleted once every finding in it has a
 * final outcome; one with a transient failure is left to come back (its claim
 * is released, so the redelivery converges). A message that keeps failing
 * goes to the dead-letter queue after maxReceives deliveries (the queue's
 * redrive policy), and the record says so.
 */
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../aws/clients.js';
import { describeAwsError } from '../aws/errors.js';
import type { RemediationReport } from '../remediate/engine.js';
import { EventError } from '../remediate/event.js';
import type { RemediationLog } from '../state/remediations.js';
import type { Logger } from '../util/logger.js';
import type { RemediationSession } from './remediate.js';

export const DEFAULT_MAX_RECEIVES = 5;

export interface WorkerOptions {
  queueUrl: string;
  /** Stop when the queue is empty (else run until stopped). */
  once: boolean;
  maxReceives?: number;
  waitSeconds?: number;
  /** Checked between batches: the worker finishes the message in hand and stops. */
  stopped?: () => boolean;
}

export interface WorkerSummary {
  messages: number;
  deleted: number;
  retried: number;
  deadLettered: number;
  reports: RemediationReport[];
  problems: string[];
}

/** The queue's maxReceiveCount, when it has a redrive policy. */
async function redriveMaxReceives(sqs: SQSClient, queueUrl: string): Promise<number | undefined> {
  try {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }));
    const policy = Attributes?.RedrivePolicy ? (JSON.parse(Attributes.RedrivePolicy) as { maxReceiveCount?: number | string }) : undefined;
    const max = Number(policy?.maxReceiveCount);
    return Number.isFinite(max) && max > 0 ? max : undefined;
  } catch {
    return undefined;
  }
}

export async function runWorker(session: RemediationSession, log: RemediationLog, clients: AwsClients, options: WorkerOptions, logger: Logger): Promise<WorkerSummary> {
  const sqs = clients.get(SQSClient);
  const maxReceives = options.maxReceives ?? (await redriveMaxReceives(sqs, options.queueUrl)) ?? DEFAULT_MAX_RECEIVES;
  const summary: WorkerSummary = { messages: 0, deleted: 0, retried: 0, deadLettered: 0, reports: [], problems: [] };
  for (;;) {
    if (options.stopped?.()) break;
    let messages: Message[];
    try {
      ({ Messages: messages = [] } = await sqs.send(new ReceiveMessageCommand({
        QueueUrl: options.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: options.waitSeconds ?? (options.once ? 1 : 20),
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      })));
    } catch (error) {
      summary.problems.push(`the queue ${options.queueUrl} cannot be read: ${describeAwsError(error).message}`);
      break;
    }
    if (messages.length === 0) {
      if (options.once) break;
      continue;
    }
    for (const message of messages) {
      summary.messages += 1;
      const receives = Number(message.Attributes?.ApproximateReceiveCount ?? '1');
      const last = receives >= maxReceives;
      let settled: boolean;
      try {
        const reports = await session.handleEvent(message.Body ?? '', { receives });
        summary.reports.push(...reports);
        const again = reports.filter((r) => r.retryable);
        settled = again.length === 0;
        if (!settled && last) {
          summary.deadLettered += 1;
          for (const report of again) await markDeadLettered(log, report.findingId, report.remediationId, receives, report.reason);
        }
      } catch (error) {
        settled = false;
        const reason = error instanceof EventError ? error.message : `the message could not be handled: ${describeAwsError(error).message}`;
        logger.warn(`message ${message.MessageId ?? '?'} (receive ${receives} of ${maxReceives}): ${reason}`);
        // Not a finding of rampart's: recorded under the message, and left for the dead-letter queue.
        await log.put({
          pk: `MESSAGE#${message.MessageId ?? 'unknown'}`, sk: 'REMEDIATION#intake', remediationId: `message-${message.MessageId ?? 'unknown'}`, findingId: '',
          trigger: 'custom-action', requestedBy: 'queue', phase: last ? 'DONE' : 'CLAIMED', outcome: 'REFUSED',
          reason: `${reason}${last ? ` — left for the dead-letter queue after ${receives} receives` : ''}`, calls: [], attempts: receives, receives,
          ...(last ? { deadLettered: true } : {}), claimedAt: new Date().toISOString(), leaseUntil: new Date().toISOString(), updatedAt: new Date().toISOString(),
          state: 'REMEDIATION', lastSeenAt: new Date().toISOString(),
        }).catch((recordError: unknown) => summary.problems.push(`message ${message.MessageId ?? '?'} could not be recorded: ${describeAwsError(recordError).message}`));
        if (last) summary.deadLettered += 1;
      }
      if (settled) {
        try {
          await sqs.send(new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.ReceiptHandle }));
          summary.deleted += 1;
        } catch (error) {
          // Redelivered later: the claim makes the second delivery a no-op.
          summary.problems.push(`message ${message.MessageId ?? '?'} could not be deleted: ${describeAwsError(error).message}`);
        }
      } else {
        summary.retried += 1;
      }
    }
  }
  return summary;
}

async function markDeadLettered(log: RemediationLog, findingId: string, remediationId: string, receives: number, reason: string): Promise<void> {
  const item = await log.get(findingId, remediationId).catch(() => undefined);
  if (!item) return;
  await log.put({ ...item, deadLettered: true, receives, reason: `${reason} — left for the dead-letter queue after ${receives} receives`, updatedAt: new Date().toISOString() });
}
