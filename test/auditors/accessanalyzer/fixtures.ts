/** Hand-built Access Analyzer inventory items for the check unit tests, and a plan task for evaluateChecks. */
import type { AnyCheck } from '../../../src/core/check.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { accountRef } from '../../../src/core/resource.js';
import { accessAnalyzerCollector, type AccessAnalyzerAccountItem, type AnalyzerRecord } from '../../../auditors/accessanalyzer/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const analyzer = (name: string, type?: string, status?: string): AnalyzerRecord => ({
  name,
  arn: `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/${name}`,
  ...(type ? { type } : {}),
  ...(status ? { status } : {}),
});

export const account = (analyzers: AnalyzerRecord[]): AccessAnalyzerAccountItem => ({ ref: accountRef(ACCOUNT, REGION), analyzers });

export function task(checks: readonly AnyCheck[]): PlanTask {
  return { accountId: ACCOUNT, region: REGION, collector: accessAnalyzerCollector, checks: checks.map((check) => ({ check, params: {}, severity: check.meta.severity })) };
}
