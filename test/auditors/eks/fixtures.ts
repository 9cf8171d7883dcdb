/** Hand-built EKS inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { eksCollector, type EksClusterFacts, type EksClusterItem, type EksInventory } from '../../../auditors/eks/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
/** A fixed scan time: the tests do not depend on the day they run. */
export const SCAN_TIME = '2026-11-30T12:00:00.000Z';

export const failed = <T>(error = 'AccessDeniedException: not authorized'): Fetched<T> => ({ ok: false, error });

/** A private-endpoint cluster on 1.34 unless overridden. */
export function cluster(name: string, facts: EksClusterFacts = {}): EksClusterItem {
  return {
    ref: { type: 'AwsEksCluster', arn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${name}`, id: name, region: REGION, partition: 'aws', tags: {} },
    name,
    cluster: fetched({ version: '1.34', status: 'ACTIVE', endpointPublicAccess: false, endpointPrivateAccess: true, ...facts }),
  };
}

export const inventory = (clusters: EksClusterItem[], collectedAt = SCAN_TIME): EksInventory => ({ collectedAt, clusters });

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: eksCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
