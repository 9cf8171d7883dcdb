/**
 * ECS inventory: the task definition revisions worth judging in one account
 * and region. Accounts keep hundreds of ACTIVE revisions (one per deploy), so
 * judging every one floods the findings with history; judging only the newest
 * misses an older revision a service still runs. The inventory holds both:
 * the latest ACTIVE revision of each family (as Hammer and FSBP judge) and
 * every revision, ACTIVE or not, that a service deployment or task set uses.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';
import type { TaskDefinition } from './model.js';

export type { ContainerDefinition, TaskDefinition } from './model.js';

export interface TaskDefinitionItem {
  ref: ResourceRef;
  arn: string;
  family: string;
  revision: number;
  /** The newest ACTIVE revision of its family. */
  latestActive: boolean;
  /** The services ("cluster/service") whose deployments or task sets run this revision. */
  services: string[];
  definition: Fetched<TaskDefinition>;
}

export interface EcsInventory {
  accountId: string;
  taskDefinitions: TaskDefinitionItem[];
}

/** Why a revision is judged: the latest ACTIVE revision of its family and/or the services that run it. */
export function whyJudged(item: Pick<TaskDefinitionItem, 'latestActive' | 'services'>): string {
  const reasons = [
    ...(item.latestActive ? ['the latest active revision'] : []),
    ...(item.services.length > 0 ? [`run by service${item.services.length > 1 ? 's' : ''} ${item.services.join(', ')}`] : []),
  ];
  return reasons.join('; ');
}

export const ecsCollector: Collector<EcsInventory> = {
  id: 'ecs',
  service: 'ecs',
  global: false,
  permissions: ['ecs:ListTaskDefinitions', 'ecs:ListClusters', 'ecs:ListServices', 'ecs:DescribeServices', 'ecs:DescribeTaskDefinition'],
  async collect(ctx) {
    const { fetchEcsInventory } = await import('./fetch.js');
    return fetchEcsInventory(ctx);
  },
};
