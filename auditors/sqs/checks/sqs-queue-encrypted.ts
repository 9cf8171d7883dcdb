import { z } from 'zod';
import { defineCheck, fail, MissingInputError, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { sqsCollector, type SqsInventory, type SqsQueueItem } from '../collect.js';

const parameters = z
  .object({
    /** When true, only SSE-KMS passes: SSE-SQS keys cannot be governed with a key policy or CloudTrail. */
    requireKms: z.boolean().default(false),
  })
  .strict();

export default defineCheck<SqsInventory, SqsQueueItem, z.infer<typeof parameters>>({
  meta: {
    id: 'sqs-queue-encrypted',
    service: 'sqs',
    title: 'SQS queues are encrypted at rest',
    description:
      'Flags a queue that stores messages unencrypted: neither SSE-SQS (SqsManagedSseEnabled) nor SSE-KMS (KmsMasterKeyId) is on. New queues get SSE-SQS by default since late 2022, so this finds older queues and queues where it was turned off. With requireKms set, only SSE-KMS passes.',
    severity: 'MEDIUM',
    resourceType: 'AwsSqsQueue',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Turn on server-side encryption for the queue: SSE-SQS, or SSE-KMS with a customer managed key whose key policy lets the producers (and services such as SNS or S3 that send to the queue) use it. Messages already in the queue stay unencrypted.',
      url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
    },
    compliance: { fsbp: ['SQS.1'], nist: ['SC-13', 'SC-28'] },
  },
  collector: sqsCollector,
  parameters,
  select: (inventory) => inventory.queues,
  evaluate(queue, params) {
    const { kmsMasterKeyId, sqsManagedSse } = need(queue.attributes, 'the queue attributes');
    if (kmsMasterKeyId) return pass(`messages are encrypted with SSE-KMS (key ${kmsMasterKeyId})`, { encryption: 'SSE-KMS', kmsMasterKeyId });
    if (sqsManagedSse === undefined) throw new MissingInputError('the queue reported neither KmsMasterKeyId nor SqsManagedSseEnabled');
    const evidence = { encryption: sqsManagedSse ? 'SSE-SQS' : 'none', requireKms: params.requireKms };
    if (!sqsManagedSse) return fail(`queue ${queue.name} stores messages unencrypted`, evidence);
    if (params.requireKms) return fail(`queue ${queue.name} uses SSE-SQS, not SSE-KMS`, evidence);
    return pass('messages are encrypted with SSE-SQS', evidence);
  },
});
