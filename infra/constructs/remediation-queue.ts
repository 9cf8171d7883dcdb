/**
 * The remediation queue (EventBridge → SQS → rampart worker) and its dead-letter queue.
 * Only the custom-action rule may send; a message delivered maxReceives times moves to the
 * dead-letter queue, which accepts messages from this queue only.
 */
import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy/index.js';
import { denyInsecureTransport, policy } from '../policies.js';

export interface RemediationQueueProps {
  name: string;
  arn: string;
  deadLetterName: string;
  deadLetterArn: string;
  /** The EventBridge rule allowed to send. */
  ruleArn: string;
  maxReceives: number;
  visibilityTimeoutSeconds: number;
}

const FOUR_DAYS = 4 * 24 * 3600;
const FOURTEEN_DAYS = 14 * 24 * 3600;

export class RemediationQueue extends Construct {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: SqsQueue;

  constructor(scope: Construct, id: string, props: RemediationQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new SqsQueue(this, 'dead-letter', {
      name: props.deadLetterName,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: FOURTEEN_DAYS,
      redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [props.arn] }),
    });
    // SSE-SQS, not SSE-KMS: EventBridge sends to it without a key policy granting events.amazonaws.com.
    this.queue = new SqsQueue(this, 'queue', {
      name: props.name,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: FOUR_DAYS,
      visibilityTimeoutSeconds: props.visibilityTimeoutSeconds,
      receiveWaitTimeSeconds: 20,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: props.deadLetterArn, maxReceiveCount: props.maxReceives }),
      dependsOn: [this.deadLetterQueue],
    });
    new SqsQueuePolicy(this, 'policy', {
      queueUrl: this.queue.url,
      policy: policy(
        {
          Sid: 'OnlyTheCustomActionRule',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: props.arn,
          Condition: { ArnEquals: { 'aws:SourceArn': props.ruleArn } },
        },
        denyInsecureTransport('sqs:*', [props.arn]),
      ),
    });
    new SqsQueuePolicy(this, 'dead-letter-policy', { queueUrl: this.deadLetterQueue.url, policy: policy(denyInsecureTransport('sqs:*', [props.deadLetterArn])) });
  }
}
