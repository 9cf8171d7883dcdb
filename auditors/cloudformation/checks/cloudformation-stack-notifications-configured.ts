import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { cloudFormationCollector, type CloudFormationInventory, type StackItem } from '../collect.js';

export default defineCheck<CloudFormationInventory, StackItem>({
  meta: {
    id: 'cloudformation-stack-notifications-configured',
    service: 'cloudformation',
    title: 'CloudFormation stacks send their events to an SNS topic',
    description:
      "ElectricEye's stack notification row: flags a stack with no SNS topic (NotificationARNs empty), so nobody hears of its creates, updates, rollbacks and deletions. Security Hub retired the matching control (CloudFormation.1) in April 2024: every stack's status changes also reach Amazon EventBridge. Where an EventBridge rule watches stack events, disable this check in the configuration.",
    severity: 'LOW',
    resourceType: 'AwsCloudFormationStack',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Update the stack with an SNS topic for its events (UpdateStack NotificationARNs, or the console: Stack options, Notification options) with a subscription someone reads, or route CloudFormation events from Amazon EventBridge to your alerting instead and disable this check.',
      url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-console-add-tags.html',
    },
    compliance: { nist: ['SI-4'] },
  },
  collector: cloudFormationCollector,
  select: (inventory) => inventory.stacks,
  evaluate(stack) {
    if (stack.notificationArns.length > 0) return pass(`stack events go to ${stack.notificationArns.join(', ')}`, { NotificationARNs: stack.notificationArns });
    return fail(`stack ${stack.name} sends its events to no SNS topic`, { NotificationARNs: [] });
  },
});
