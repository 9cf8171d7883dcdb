/** Hand-built CloudFormation inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { cloudFormationCollector, type CloudFormationInventory, type StackItem } from '../../../auditors/cloudformation/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const NOW = '2026-06-30T12:00:00.000Z';
export const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:stack-events`;

/** A notifying stack found in sync a day before NOW unless the fields say otherwise. */
export function stack(name: string, fields: Partial<Omit<StackItem, 'ref' | 'name'>> = {}): StackItem {
  return {
    ref: { type: 'AwsCloudFormationStack', arn: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${name}/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab`, id: name, region: REGION, partition: 'aws', tags: {} },
    name,
    status: 'CREATE_COMPLETE',
    notificationArns: [TOPIC],
    drift: { status: 'IN_SYNC', lastCheck: '2026-06-29T12:00:00.000Z' },
    ...fields,
  };
}

export const inventory = (...stacks: StackItem[]): CloudFormationInventory => ({ collectedAt: NOW, stacks });

/** A plan task running the given checks with their default parameters. */
export function task(checks: readonly AnyCheck[]): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: cloudFormationCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse({}) : {}, severity: check.meta.severity })),
  };
}
