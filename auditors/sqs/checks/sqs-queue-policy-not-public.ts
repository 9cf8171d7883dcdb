import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { analysePublicAccess } from '../../../src/policy/index.js';
import { sqsCollector, type SqsInventory, type SqsQueueItem } from '../collect.js';

export default defineCheck<SqsInventory, SqsQueueItem>({
  meta: {
    id: 'sqs-queue-policy-not-public',
    service: 'sqs',
    title: 'SQS queue policies do not grant access to everyone',
    description:
      'Flags a queue whose access policy has an Allow statement for Principal "*" (or {"AWS": "*"}, or a NotPrincipal) that no condition restricts to a fixed account, organization, source ARN, VPC, VPC endpoint or private IP range, as Hammer sqs_public_access did. IfExists and ForAllValues conditions, wildcard values and public IP ranges do not restrict. Service principals (sns.amazonaws.com, s3.amazonaws.com…) are not public.',
    severity: 'HIGH',
    resourceType: 'AwsSqsQueue',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Back up the queue policy, then replace Principal "*" in the listed statements with the accounts, roles or service principals that need the queue, or add a condition that fixes the caller (aws:SourceArn of the sending topic or bucket, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce).',
      url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html',
    },
    compliance: { fsbp: ['SQS.3'], nist: ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7'] },
  },
  collector: sqsCollector,
  select: (inventory) => inventory.queues,
  evaluate(queue) {
    const { policy } = need(queue.attributes, 'the queue attributes');
    if (policy === undefined) return pass('the queue has no access policy');
    const answer = analysePublicAccess(policy);
    if (!answer.public) return pass('no statement of the queue policy grants access to everyone');
    const names = answer.statements.map((s) => s.sid ?? `#${s.index}`).join(', ');
    return fail(`the policy of queue ${queue.name} grants access to everyone through statement(s) ${names}`, { statements: answer.statements });
  },
});
