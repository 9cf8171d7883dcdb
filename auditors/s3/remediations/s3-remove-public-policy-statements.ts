/**
 * Fixes s3-bucket-policy-not-public precisely: the statements the check flags
 * (the policy analyser, with the check's sourceIp reading) are removed, or
 * with policyStatements: restrict limited to the bucket owner's account; every
 * other statement stays byte for byte (src/policy/fix.ts). A policy left with
 * no statement is deleted. Rollback puts the original policy text back.
 */
import { z } from 'zod';
import { defineRemediation, type PlannedCall } from '../../../src/core/remediation.js';
import { planPublicStatementsFix, PUBLIC_STATEMENT_EDITS } from '../../../src/policy/index.js';
import check from '../checks/s3-bucket-policy-not-public.js';

/** The policy as GetBucketPolicy returns it; Policy is absent when the bucket has none. */
export type BucketPolicySnapshot = {
  Bucket: string;
  /** The scanned account: the owner a restricted statement is limited to, and every call is refused if another account owns the bucket. */
  ExpectedBucketOwner: string;
  Policy?: string;
};

const parameters = z
  .object({
    /** remove: take the public statements out; restrict: keep them, limited to the bucket owner's account (aws:PrincipalAccount). */
    policyStatements: z.enum(PUBLIC_STATEMENT_EDITS).default('remove'),
  })
  .strict();

const put = (snapshot: BucketPolicySnapshot, Policy: string, description: string): PlannedCall => ({
  action: 's3:PutBucketPolicy',
  input: { Bucket: snapshot.Bucket, ExpectedBucketOwner: snapshot.ExpectedBucketOwner, Policy },
  description,
});

const remove = (snapshot: BucketPolicySnapshot, description: string): PlannedCall => ({
  action: 's3:DeleteBucketPolicy',
  input: { Bucket: snapshot.Bucket, ExpectedBucketOwner: snapshot.ExpectedBucketOwner },
  description,
});

export default defineRemediation<BucketPolicySnapshot, z.infer<typeof parameters>>({
  id: 's3-remove-public-policy-statements',
  checkId: check.meta.id,
  title: 'Remove or restrict the public statements of the bucket policy',
  description:
    'Removes the bucket policy statements that grant access to everyone (as the check judges them, with its sourceIp reading), or with policyStatements: restrict adds to each a condition limiting it to the bucket owner\'s account (aws:PrincipalAccount). A statement that also names other principals loses only "*". Every other statement stays byte for byte; a policy left empty is deleted. The ACL and Block Public Access never change. Rollback puts the original policy text back (S3 refuses it while BlockPublicPolicy is on).',
  permissions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  parameters,
  async snapshot(ctx, resource) {
    const { readBucketPolicy } = await import('./apply.js');
    return readBucketPolicy(ctx, resource);
  },
  plan({ snapshot, params, checkParams }) {
    const { sourceIp } = check.parameters?.parse(checkParams ?? {}) ?? { sourceIp: 'aws' as const };
    const plan = planPublicStatementsFix(snapshot.Policy, { sourceIp, mode: params.policyStatements, accountId: snapshot.ExpectedBucketOwner, where: `bucket ${snapshot.Bucket}` });
    if (plan.kind === 'put') return { calls: [put(snapshot, plan.policy, plan.summary)], left: plan.left };
    if (plan.kind === 'delete') return { calls: [remove(snapshot, plan.summary)], left: plan.left };
    return { calls: [], left: plan.left };
  },
  restore({ backup, applied, current }) {
    if (applied.length === 0 || current.Policy === backup.Policy) return [];
    if (backup.Policy === undefined) return [remove(backup, `delete the policy of bucket ${backup.Bucket}, which had none`)];
    return [put(backup, backup.Policy, `put the original policy of bucket ${backup.Bucket} back`)];
  },
  async perform(ctx, call) {
    const { performBucketCall } = await import('./apply.js');
    await performBucketCall(ctx, call);
  },
});
