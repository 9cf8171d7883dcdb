/**
 * Fixes sqs-queue-policy-not-public precisely: the statements the check flags
 * (the policy analyser, with the check's sourceIp reading) are removed, or
 * with policyStatements: restrict limited to the queue owner's account; every
 * other statement stays byte for byte (src/policy/fix.ts). A policy left with
 * no statement is removed (Policy set to ""). Rollback puts the original text back.
 */
import { z } from 'zod';
import { defineRemediation, type PlannedCall } from '../../../src/core/remediation.js';
import { planPublicStatementsFix, PUBLIC_STATEMENT_EDITS } from '../../../src/policy/index.js';
import check from '../checks/sqs-queue-policy-not-public.js';

/** The queue's Policy attribute as GetQueueAttributes returns it (absent when the queue has none). */
export type QueuePolicySnapshot = {
  QueueUrl: string;
  Attributes: { Policy?: string };
};

const parameters = z
  .object({
    /** remove: take the public statements out; restrict: keep them, limited to the queue owner's account (aws:PrincipalAccount). */
    policyStatements: z.enum(PUBLIC_STATEMENT_EDITS).default('remove'),
  })
  .strict();

const setPolicy = (QueueUrl: string, Policy: string, description: string): PlannedCall => ({ action: 'sqs:SetQueueAttributes', input: { QueueUrl, Attributes: { Policy } }, description });

/** The account field of the queue ARN (arn:aws:sqs:<region>:<account>:<name>). */
const ownerOf = (arn: string): string | undefined => arn.split(':')[4] || undefined;

export default defineRemediation<QueuePolicySnapshot, z.infer<typeof parameters>>({
  id: 'sqs-remove-public-policy-statements',
  checkId: check.meta.id,
  title: 'Remove or restrict the public statements of the queue policy',
  description:
    'Removes the queue policy statements that grant access to everyone (as the check judges them, with its sourceIp reading), or with policyStatements: restrict adds to each a condition limiting it to the queue owner\'s account (aws:PrincipalAccount). A statement that also names other principals loses only "*". Every other statement stays byte for byte; a policy left empty is removed. No other queue attribute changes. Rollback puts the original policy text back.',
  permissions: ['sqs:GetQueueUrl', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes'],
  parameters,
  async snapshot(ctx, resource) {
    const { readQueuePolicy } = await import('./apply.js');
    return readQueuePolicy(ctx, resource);
  },
  plan({ resource, snapshot, params, checkParams }) {
    const { sourceIp } = check.parameters?.parse(checkParams ?? {}) ?? { sourceIp: 'aws' as const };
    const owner = ownerOf(resource.arn);
    const plan = planPublicStatementsFix(snapshot.Attributes.Policy, { sourceIp, mode: params.policyStatements, ...(owner ? { accountId: owner } : {}), where: `queue ${resource.id}` });
    if (plan.kind === 'put') return { calls: [setPolicy(snapshot.QueueUrl, plan.policy, plan.summary)], left: plan.left };
    if (plan.kind === 'delete') return { calls: [setPolicy(snapshot.QueueUrl, '', plan.summary)], left: plan.left };
    return { calls: [], left: plan.left };
  },
  restore({ resource, backup, applied, current }) {
    if (applied.length === 0 || current.Attributes.Policy === backup.Attributes.Policy) return [];
    if (backup.Attributes.Policy === undefined) return [setPolicy(backup.QueueUrl, '', `remove the policy of queue ${resource.id}, which had none`)];
    return [setPolicy(backup.QueueUrl, backup.Attributes.Policy, `put the original policy of queue ${resource.id} back`)];
  },
  async perform(ctx, call) {
    const { performQueueCall } = await import('./apply.js');
    await performQueueCall(ctx, call);
  },
});
