/**
 * rampart's Security Hub custom action and the EventBridge rule that sends its events to the
 * remediation queue. The id and name come from src/remediate/event.ts, the ones the worker
 * checks events against; Security Hub refuses an id or a name longer than 20 characters,
 * so synth does first.
 */
import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target/index.js';
import { SecurityhubActionTarget } from '@cdktf/provider-aws/lib/securityhub-action-target/index.js';
import type { ITerraformDependable } from 'cdktf';
import { SynthError } from '../config.js';
import { ACTION_TARGET_DESCRIPTION, ACTION_TARGET_ID, ACTION_TARGET_NAME, CUSTOM_ACTION_DETAIL_TYPE } from '../../src/remediate/event.js';

export const ACTION_TARGET_MAX = 20;

/** Throws, naming the value and the limit, when Security Hub would refuse the action target. */
export function checkActionTarget(id: string, name: string): void {
  if (id.length < 1 || id.length > ACTION_TARGET_MAX || !/^[A-Za-z0-9]+$/.test(id)) {
    throw new SynthError(`Security Hub custom action id "${id}" is ${id.length} characters: it must be 1-${ACTION_TARGET_MAX} letters and digits (src/remediate/event.ts ACTION_TARGET_ID)`);
  }
  if (name.length < 1 || name.length > ACTION_TARGET_MAX) {
    throw new SynthError(`Security Hub custom action name "${name}" is ${name.length} characters: it must be 1-${ACTION_TARGET_MAX} (src/remediate/event.ts ACTION_TARGET_NAME)`);
  }
}

export interface CustomActionProps {
  ruleName: string;
  actionTargetArn: string;
  queueArn: string;
  /** Security Hub enabled by this stack, when it is. */
  dependsOn?: ITerraformDependable[];
  id?: string;
  name?: string;
}

export class CustomAction extends Construct {
  readonly actionTarget: SecurityhubActionTarget;
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: CustomActionProps) {
    super(scope, id);
    const identifier = props.id ?? ACTION_TARGET_ID;
    const name = props.name ?? ACTION_TARGET_NAME;
    checkActionTarget(identifier, name);
    this.actionTarget = new SecurityhubActionTarget(this, 'action-target', { identifier, name, description: ACTION_TARGET_DESCRIPTION, ...(props.dependsOn ? { dependsOn: props.dependsOn } : {}) });
    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: props.ruleName,
      description: `Security Hub custom action ${identifier} to the rampart remediation queue`,
      eventPattern: JSON.stringify({ source: ['aws.securityhub'], 'detail-type': [CUSTOM_ACTION_DETAIL_TYPE], resources: [props.actionTargetArn] }),
    });
    new CloudwatchEventTarget(this, 'to-queue', { rule: this.rule.name, targetId: 'remediation-queue', arn: props.queueArn });
  }
}
