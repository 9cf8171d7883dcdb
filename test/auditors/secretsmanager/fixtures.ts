/** Hand-built Secrets Manager inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { secretsManagerCollector, type SecretItem, type SecretsManagerInventory } from '../../../auditors/secretsmanager/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
/** The scan time of the hand-built inventories. */
export const NOW = '2025-06-30T12:00:00.000Z';

/** A secret created long ago that rotates every 30 days and last rotated 10 days before NOW; override what the test is about. */
export function secret(name: string, overrides: Partial<Omit<SecretItem, 'ref' | 'name'>> = {}): SecretItem {
  return {
    ref: { type: 'AwsSecretsManagerSecret', arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-AbCdEf`, id: name, region: REGION, partition: 'aws', tags: {} },
    name,
    rotationEnabled: true,
    rotationIntervalDays: 30,
    rotationLambdaArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:rotate-${name}`,
    createdAt: '2023-01-01T00:00:00.000Z',
    lastRotatedAt: '2025-06-20T12:00:00.000Z',
    ...overrides,
  };
}

export const inventory = (...secrets: SecretItem[]): SecretsManagerInventory => ({ collectedAt: NOW, secrets });

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: secretsManagerCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
