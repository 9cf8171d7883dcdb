/** Demo seed for the SQS checks: a world-open unencrypted queue and compliant decoys. */
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const policy = (...Statement: Array<Record<string, unknown>>): string => JSON.stringify({ Version: '2012-10-17', Statement });

export async function seedSqs(clients: AwsClients): Promise<SeedResult> {
  const sqs = clients.get(SQSClient);
  const account = clients.accountId;
  const region = clients.region;
  const open = 'demo-orders-public';
  const openArn = `arn:aws:sqs:${region}:${account}:${open}`;
  await sqs.send(new CreateQueueCommand({
    QueueName: open,
    Attributes: {
      SqsManagedSseEnabled: 'false',
      Policy: policy({ Sid: 'AnyoneMaySend', Effect: 'Allow', Principal: '*', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'], Resource: openArn }),
    },
    tags: { owner: 'orders-team' },
  }));

  // SNS fan-out: a service principal, and "*" pinned to one topic of this account, are both private.
  const fanout = 'demo-orders-from-sns';
  const fanoutArn = `arn:aws:sqs:${region}:${account}:${fanout}`;
  const topicArn = `arn:aws:sns:${region}:${account}:demo-orders`;
  await sqs.send(new CreateQueueCommand({
    QueueName: fanout,
    Attributes: {
      KmsMasterKeyId: 'alias/aws/sqs',
      Policy: policy(
        { Sid: 'TopicDelivers', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: fanoutArn, Condition: { ArnEquals: { 'aws:SourceArn': topicArn } } },
        { Sid: 'LegacyTopicGrant', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: fanoutArn, Condition: { ArnLike: { 'aws:SourceArn': topicArn } } },
      ),
    },
  }));
  const plain = 'demo-jobs-private';
  await sqs.send(new CreateQueueCommand({ QueueName: plain, Attributes: { SqsManagedSseEnabled: 'true' } }));
  return { insecure: [open], compliant: [fanout, plain] };
}
