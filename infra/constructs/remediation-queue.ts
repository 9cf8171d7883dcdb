/**
 * The remediation queue (EventBridge → SQS → rampart worker) and its dead-letter queue.
 * Only the custom-action rule may send; a message delivered maxReceives times moves to the
 * dead-letter queue, which accepts messages from this queue only.
 */
import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
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
  /** The emulator apply sets this: no redrive allow policy (moto does not store it, so terraform would wait for it in vain). */
  emulated?: boolean;
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
      policy: policy(denyInsecureTransport('sqs:*', [props.deadLetterArn])),
      ...(props.emulated ? {} : { redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [props.arn] }) }),
    });
    // SSE-SQS, not SSE-KMS: EventBridge sends to it without a key policy granting events.amazonaws.com.
    this.queue = new SqsQueue(this, 'queue', {
      name: props.name,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: FOUR_DAYS,
      visibilityTimeoutSeconds: props.visibilityTimeoutSeconds,
      receiveWaitTimeSeconds: 20,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: props.deadLetterArn, maxReceiveCount: props.maxReceives }),
      // Inline, not an aws_sqs_queue_policy: terraform waits for each of them to propagate (~25 s).
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
      // SQS refuses a redrive policy naming a queue that does not exist yet.
      dependsOn: [this.deadLetterQueue],
    });
  }
}
