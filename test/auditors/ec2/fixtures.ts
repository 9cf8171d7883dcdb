/** Hand-built EC2 network inventory items for the check unit tests, and a plan task for evaluateChecks. */
import type { AnyCheck } from '../../../src/core/check.js';
import type { PlanTask } from '../../../src/core/planner.js';
import type { Fetched } from '../../../src/core/collector.js';
import { ec2NetworkCollector, type Ec2NetworkInventory, type PrefixListRecord, type SecurityGroupItem, type SecurityGroupRule } from '../../../auditors/ec2/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export function rule(partial: Partial<SecurityGroupRule>): SecurityGroupRule {
  return { protocol: 'tcp', ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], groupIds: [], ...partial };
}

export function group(ingress: SecurityGroupRule[], partial: Partial<SecurityGroupItem> = {}): SecurityGroupItem {
  const id = partial.groupId ?? 'sg-1';
  return {
    ref: { type: 'AwsEc2SecurityGroup', arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${id}`, id, region: REGION, partition: 'aws', tags: {} },
    groupId: id,
    groupName: 'web',
    vpcId: 'vpc-1',
    ownerId: ACCOUNT,
    ingress,
    egress: [],
    ...partial,
  };
}

export function inventory(securityGroups: SecurityGroupItem[] = [], partial: Partial<Ec2NetworkInventory> = {}): Ec2NetworkInventory {
  return { securityGroups, prefixLists: {}, ...partial };
}

/** A prefix list that was read, keyed by its id, for `inventory(…, { prefixLists })`. */
export function prefixList(prefixListId: string, cidrs: string[], partial: Partial<PrefixListRecord> = {}): Record<string, Fetched<PrefixListRecord>> {
  return { [prefixListId]: { ok: true, value: { prefixListId, cidrs, ...partial } } };
}

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: ec2NetworkCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
