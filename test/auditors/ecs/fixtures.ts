/** Hand-built ECS inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { ecsCollector, type ContainerDefinition, type EcsInventory, type TaskDefinition, type TaskDefinitionItem } from '../../../auditors/ecs/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const ECR = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;

export const failed = <T>(error = 'AccessDeniedException: not authorized'): Fetched<T> => ({ ok: false, error });

export function container(name: string, overrides: Partial<Omit<ContainerDefinition, 'name'>> = {}): ContainerDefinition {
  return { name, image: `${ECR}/${name}:1.0`, logDriver: 'awslogs', ...overrides };
}

export function definition(containers: ContainerDefinition[]): TaskDefinition {
  return { status: 'ACTIVE', containers, requiresCompatibilities: [], tags: {} };
}

export function taskDefinition(
  family: string,
  revision: number,
  body: Fetched<TaskDefinition> | ContainerDefinition[],
  overrides: Partial<Pick<TaskDefinitionItem, 'latestActive' | 'services'>> = {},
): TaskDefinitionItem {
  const arn = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${family}:${revision}`;
  return {
    ref: { type: 'AwsEcsTaskDefinition', arn, id: `${family}:${revision}`, region: REGION, partition: 'aws', tags: {} },
    arn,
    family,
    revision,
    latestActive: true,
    services: [],
    definition: Array.isArray(body) ? fetched(definition(body)) : body,
    ...overrides,
  };
}

export function inventory(taskDefinitions: TaskDefinitionItem[]): EcsInventory {
  return { accountId: ACCOUNT, taskDefinitions };
}

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: ecsCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
