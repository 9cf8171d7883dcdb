/** Hand-built ECR inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { ecrCollector, type EcrInventory, type EcrRepositoryItem, type RegistryScanning } from '../../../auditors/ecr/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const failed = <T>(error = 'AccessDeniedException: not authorized'): Fetched<T> => ({ ok: false, error });

export const LIFECYCLE = JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 }, action: { type: 'expire' } }] });

export function policyOf(...statements: Array<Record<string, unknown>>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A compliant repository (immutable, scanned on push, with a lifecycle policy and no policy) unless overridden. */
export function repository(name: string, overrides: Partial<Omit<EcrRepositoryItem, 'ref' | 'name'>> = {}): EcrRepositoryItem {
  return {
    ref: { type: 'AwsEcrRepository', arn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${name}`, id: name, region: REGION, partition: 'aws', tags: {} },
    name,
    imageTagMutability: 'IMMUTABLE',
    tagMutabilityExclusions: [],
    scanOnPush: true,
    lifecyclePolicy: fetched(LIFECYCLE),
    repositoryPolicy: fetched(undefined),
    tags: fetched({}),
    ...overrides,
  };
}

export const BASIC_NO_RULES: RegistryScanning = { scanType: 'BASIC', rules: [] };

export const inventory = (repositories: EcrRepositoryItem[], registryScanning: Fetched<RegistryScanning> = fetched(BASIC_NO_RULES)): EcrInventory => ({ repositories, registryScanning });

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: ecrCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
