/**
 * Fixes opensearch-domain-policy-not-public precisely: the statements the
 * check flags (the policy analyser, with the check's sourceIp reading) are
 * removed, or with policyStatements: restrict limited to the domain owner's
 * account; every other statement stays byte for byte (src/policy/fix.ts). A
 * policy left with no statement is removed (AccessPolicies set to ""). Rollback
 * puts the original text back.
 */
import { z } from 'zod';
import { defineRemediation, type PlannedCall } from '../../../src/core/remediation.js';
import { planPublicStatementsFix, PUBLIC_STATEMENT_EDITS } from '../../../src/policy/index.js';
import check from '../checks/opensearch-domain-policy-not-public.js';

/** The domain's access policy as DescribeDomain returns it ("" when the domain has none). */
export type DomainPolicySnapshot = {
  DomainName: string;
  ARN: string;
  AccessPolicies: string;
};

const parameters = z
  .object({
    /** remove: take the public statements out; restrict: keep them, limited to the domain owner's account (aws:PrincipalAccount). */
    policyStatements: z.enum(PUBLIC_STATEMENT_EDITS).default('remove'),
  })
  .strict();

const update = (DomainName: string, AccessPolicies: string, description: string): PlannedCall => ({ action: 'es:UpdateDomainConfig', input: { DomainName, AccessPolicies }, description });

/** The account field of the domain ARN (arn:aws:es:<region>:<account>:domain/<name>). */
const ownerOf = (arn: string): string | undefined => arn.split(':')[4] || undefined;

export default defineRemediation<DomainPolicySnapshot, z.infer<typeof parameters>>({
  id: 'opensearch-remove-public-policy-statements',
  checkId: check.meta.id,
  title: 'Remove or restrict the public statements of the domain access policy',
  description:
    'Removes the access policy statements that grant access to everyone (as the check judges them, with its sourceIp reading), or with policyStatements: restrict adds to each a condition limiting it to the domain owner\'s account (aws:PrincipalAccount). A statement that also names other principals loses only "*". Every other statement stays byte for byte; a policy left empty is removed. No other domain setting changes. Rollback puts the original policy text back.',
  permissions: ['es:DescribeDomain', 'es:UpdateDomainConfig'],
  parameters,
  async snapshot(ctx, resource) {
    const { readDomainPolicy } = await import('./apply.js');
    return readDomainPolicy(ctx, resource);
  },
  plan({ snapshot, params, checkParams }) {
    const { sourceIp } = check.parameters?.parse(checkParams ?? {}) ?? { sourceIp: 'aws' as const };
    const owner = ownerOf(snapshot.ARN);
    const plan = planPublicStatementsFix(snapshot.AccessPolicies, { sourceIp, mode: params.policyStatements, ...(owner ? { accountId: owner } : {}), where: `domain ${snapshot.DomainName}` });
    if (plan.kind === 'put') return { calls: [update(snapshot.DomainName, plan.policy, plan.summary)], left: plan.left };
    if (plan.kind === 'delete') return { calls: [update(snapshot.DomainName, '', plan.summary)], left: plan.left };
    return { calls: [], left: plan.left };
  },
  restore({ backup, applied, current }) {
    if (applied.length === 0 || current.AccessPolicies === backup.AccessPolicies) return [];
    const description = backup.AccessPolicies === '' ? `remove the access policy of domain ${backup.DomainName}, which had none` : `put the original access policy of domain ${backup.DomainName} back`;
    return [update(backup.DomainName, backup.AccessPolicies, description)];
  },
  async perform(ctx, call) {
    const { performDomainCall } = await import('./apply.js');
    await performDomainCall(ctx, call);
  },
});
