/** Hand-built CloudTrail inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { accountRef } from '../../../src/core/resource.js';
import { cloudTrailCollector, type CloudTrailInventory, type TrailItem } from '../../../auditors/cloudtrail/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const failed = <T>(error = 'AccessDeniedException: not authorized'): Fetched<T> => ({ ok: false, error });

/** A logging, well-configured regional trail homed in REGION; override what a test needs. */
export function trail(name: string, overrides: Partial<Omit<TrailItem, 'ref' | 'name' | 'arn'>> = {}): TrailItem {
  const homeRegion = overrides.homeRegion ?? REGION;
  const owner = overrides.ownerAccountId ?? ACCOUNT;
  const arn = `arn:aws:cloudtrail:${homeRegion}:${owner}:trail/${name}`;
  return {
    ref: { type: 'AwsCloudTrailTrail', arn, id: name, region: homeRegion, partition: 'aws', tags: {} },
    name,
    arn,
    homeRegion,
    ownerAccountId: owner,
    shadow: homeRegion !== REGION || owner !== ACCOUNT,
    isMultiRegion: false,
    isOrganizationTrail: false,
    logFileValidationEnabled: true,
    kmsKeyId: `arn:aws:kms:${homeRegion}:${owner}:key/k1`,
    s3BucketName: 'trail-logs',
    status: fetched({ isLogging: true }),
    managementEvents: fetched('All'),
    ...overrides,
  };
}

export function inventory(trails: TrailItem[], region = REGION): CloudTrailInventory {
  return { region, trails, account: { ref: accountRef(ACCOUNT, region) } };
}

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}, region = REGION): PlanTask {
  return {
    accountId: ACCOUNT,
    region,
    collector: cloudTrailCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
