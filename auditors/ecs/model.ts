/** ECS task definitions as the checks read them, and their ASFF details. */
import type { Tag, TaskDefinition as SdkTaskDefinition } from '@aws-sdk/client-ecs';
import type { JsonValue } from '../../src/core/check.js';

export interface ContainerDefinition {
  name: string;
  image?: string;
  /** Undefined when not set (ECS then runs the container unprivileged). */
  privileged?: boolean;
  /** The log driver of the container's logConfiguration; undefined when it has none. */
  logDriver?: string;
}

export interface TaskDefinition {
  status?: string;
  containers: ContainerDefinition[];
  cpu?: string;
  memory?: string;
  networkMode?: string;
  taskRoleArn?: string;
  executionRoleArn?: string;
  requiresCompatibilities: string[];
  tags: Record<string, string>;
}

/** Drops undefined and empty-string fields. */
export function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== '')) as Partial<T>;
}

/** ECS tags are lower-case `key` / `value` pairs. */
export function ecsTags(tags: readonly Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.key !== undefined) out[tag.key] = tag.value ?? '';
  return out;
}

export function toTaskDefinition(definition: SdkTaskDefinition, tags: readonly Tag[] | undefined): TaskDefinition {
  return {
    containers: (definition.containerDefinitions ?? []).map((container, index) => ({
      name: container.name ?? `#${index}`,
      ...defined({ image: container.image, privileged: container.privileged, logDriver: container.logConfiguration?.logDriver }),
    })),
    requiresCompatibilities: definition.requiresCompatibilities ?? [],
    tags: ecsTags(tags),
    ...defined({
      status: definition.status,
      cpu: definition.cpu,
      memory: definition.memory,
      networkMode: definition.networkMode,
      taskRoleArn: definition.taskRoleArn,
      executionRoleArn: definition.executionRoleArn,
    }),
  };
}

/** ASFF AwsEcsTaskDefinitionDetails, kept to the fields the checks read and a few that identify the task. */
export function taskDefinitionDetails(family: string, definition: TaskDefinition | undefined): { [key: string]: JsonValue } {
  if (!definition) return { Family: family };
  return defined({
    Family: family,
    Cpu: definition.cpu,
    Memory: definition.memory,
    NetworkMode: definition.networkMode,
    TaskRoleArn: definition.taskRoleArn,
    ExecutionRoleArn: definition.executionRoleArn,
    RequiresCompatibilities: definition.requiresCompatibilities.length > 0 ? definition.requiresCompatibilities : undefined,
    ContainerDefinitions: definition.containers.map((container) =>
      defined({
        Name: container.name,
        Image: container.image,
        Privileged: container.privileged,
        LogConfiguration: container.logDriver ? { LogDriver: container.logDriver } : undefined,
      }),
    ),
  }) as { [key: string]: JsonValue };
}
