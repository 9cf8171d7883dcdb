/** The SQS fix's AWS calls (loaded when the fix runs, like the collector's fetch.ts). */
import { GetQueueAttributesCommand, GetQueueUrlCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describeAwsError } from '../../../src/aws/errors.js';
import { ResourceGoneError, type PlannedCall, type RemediationContext } from '../../../src/core/remediation.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { GONE_CODES } from '../fetch.js';
import type { QueuePolicySnapshot } from './sqs-remove-public-policy-statements.js';

async function onQueue<T>(name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (GONE_CODES.includes(describeAwsError(error).code)) throw new ResourceGoneError(`queue ${name} no longer exists`, { cause: error });
    throw error;
  }
}

export async function readQueuePolicy(ctx: RemediationContext, resource: ResourceRef): Promise<QueuePolicySnapshot> {
  const sqs = ctx.clients.get(SQSClient);
  const owner = resource.arn.split(':')[4];
  const { QueueUrl } = await onQueue(resource.id, () => sqs.send(new GetQueueUrlCommand({ QueueName: resource.id, ...(owner ? { QueueOwnerAWSAccountId: owner } : {}) })));
  if (!QueueUrl) throw new ResourceGoneError(`queue ${resource.id} no longer exists`);
  const { Attributes } = await onQueue(resource.id, () => sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Policy'] })));
  return { QueueUrl, Attributes: Attributes?.Policy ? { Policy: Attributes.Policy } : {} };
}

/** Sets the Policy attribute (idempotent: the same value set twice is the same queue). */
export async function performQueueCall(ctx: RemediationContext, call: PlannedCall): Promise<void> {
  if (call.action !== 'sqs:SetQueueAttributes') throw new Error(`the SQS fix does not make ${call.action}`);
  const QueueUrl = String(call.input.QueueUrl);
  const { Policy } = call.input.Attributes as { Policy: string };
  await onQueue(QueueUrl, () => ctx.clients.get(SQSClient).send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy } })));
}
