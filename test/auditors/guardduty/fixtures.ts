/** Hand-built GuardDuty inventory items for the check unit tests, and a plan task for evaluateChecks. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { accountRef } from '../../../src/core/resource.js';
import { guardDutyCollector, type DetectorRecord, type GuardDutyAccountItem } from '../../../auditors/guardduty/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const detector = (detectorId: string, status?: string): { detectorId: string; detail: Fetched<DetectorRecord> } => ({ detectorId, detail: fetched(status === undefined ? {} : { status }) });

export function account(detectors: GuardDutyAccountItem['detectors']): GuardDutyAccountItem {
  return { ref: accountRef(ACCOUNT, REGION), detectors };
}

export function task(checks: readonly AnyCheck[]): PlanTask {
  return { accountId: ACCOUNT, region: REGION, collector: guardDutyCollector, checks: checks.map((check) => ({ check, params: {}, severity: check.meta.severity })) };
}
