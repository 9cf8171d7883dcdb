import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { analysePublicAccess, SOURCE_IP_READINGS } from '../../../src/policy/index.js';
import { sqsCollector, type SqsInventory, type SqsQueueItem } from '../collect.js';

const parameters = z
  .object({
    /** Which aws:SourceIp ranges restrict: 'aws' (no wider than /8 IPv4, /32 IPv6, as IAM Access Analyzer judges) or 'private-only' (Hammer: only non-public ranges). */
    sourceIp: z.enum(SOURCE_IP_READINGS).default('aws'),
  })
  .strict();

export default defineCheck<SqsInventory, SqsQueueItem, z.infer<typeof parameters>>({
  meta: {
    id: 'sqs-queue-policy-not-public',
    service: 'sqs',
    title: 'SQS queue policies do not grant access to everyone',
    description:
      'Flags a queue whose access policy has an Allow statement for Principal "*" (or {"AWS": "*"}, or a NotPrincipal) that no condition limits, by AWS\'s meaning of public: fixed values (no wildcard, no policy variable) of an account, organization, source ARN, VPC, VPC endpoint or principal, or aws:SourceIp ranges no wider than /8 (IPv4) or /32 (IPv6); sourceIp: private-only keeps the reading of Hammer sqs_public_access (only non-public ranges). IfExists and ForAllValues conditions do not limit. Service principals (sns.amazonaws.com, s3.amazonaws.com…) are not public.',
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
  parameters,
  select: (inventory) => inventory.queues,
  evaluate(queue, params) {
    const { policy } = need(queue.attributes, 'the queue attributes');
    if (policy === undefined) return pass('the queue has no access policy');
    const answer = analysePublicAccess(policy, { sourceIp: params.sourceIp });
    const sourceIpReading = params.sourceIp;
    if (!answer.public) return pass('no statement of the queue policy grants access to everyone', { sourceIpReading });
    const names = answer.statements.map((s) => s.sid ?? `#${s.index}`).join(', ');
    return fail(`the policy of queue ${queue.name} grants access to everyone through statement(s) ${names}`, { statements: answer.statements, sourceIpReading });
  },
});
