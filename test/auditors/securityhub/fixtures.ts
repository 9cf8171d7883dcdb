/** Hand-built Security Hub inventory items for the check unit tests, and a plan task for evaluateChecks. */
import type { AnyCheck } from '../../../src/core/check.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { accountRef } from '../../../src/core/resource.js';
import { securityHubCollector, type HubFindingRecord, type SecurityHubAccountItem, type SecurityHubInventory } from '../../../auditors/securityhub/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const NOW = '2025-06-30T12:00:00.000Z';

export const daysBefore = (days: number): string => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();

export const hubFinding = (id: string, daysOld: number, overrides: Partial<HubFindingRecord> = {}): HubFindingRecord => ({
  id,
  productName: 'Inspector',
  title: `finding ${id}`,
  severity: 'HIGH',
  createdAt: daysBefore(daysOld),
  resourceId: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-${id}`,
  ...overrides,
});

export function inventory(findings: HubFindingRecord[], overrides: Partial<SecurityHubAccountItem> = {}): SecurityHubInventory {
  return { collectedAt: NOW, account: { ref: accountRef(ACCOUNT, REGION), enabled: true, findings, truncated: false, ...overrides } };
}

export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: securityHubCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
