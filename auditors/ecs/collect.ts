/**
 * ECS inventory: the task definition revisions worth judging in one account
 * and region. Accounts keep hundreds of ACTIVE revisions (one per deploy), so
 * judging every one floods the findings with history; judging only the newest
 * misses an older revision a service still runs. The inventory holds both:
 * the latest ACTIVE revision of each family (as Hammer and FSBP judge) and
 * every revision, ACTIVE or not, that a service deployment or task set uses.
 */
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTaskDefinitionsCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { collectPages } from '../../src/aws/paginate.js';
import { fetchDetail, type CollectContext, type Collector, type Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import { taskDefinitionDetails, toTaskDefinition, type TaskDefinition } from './model.js';

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

const PAGE_SIZE = 100;
/** DescribeServices takes at most 10 services per call. */
const SERVICE_BATCH = 10;

/** "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3" → web, 3. */
export function parseTaskDefinitionArn(arn: string): { family: string; revision: number } | undefined {
  const match = /:task-definition\/([^:/]+):(\d+)$/.exec(arn);
  if (!match?.[1] || !match[2]) return undefined;
  return { family: match[1], revision: Number(match[2]) };
}

/** Why a revision is judged: the latest ACTIVE revision of its family and/or the services that run it. */
export function whyJudged(item: Pick<TaskDefinitionItem, 'latestActive' | 'services'>): string {
  const reasons = [
    ...(item.latestActive ? ['the latest active revision'] : []),
    ...(item.services.length > 0 ? [`run by service${item.services.length > 1 ? 's' : ''} ${item.services.join(', ')}`] : []),
  ];
  return reasons.join('; ');
}

const lastSegment = (arn: string | undefined): string => (arn ?? '').split('/').pop() ?? '';

function serviceRevisions(service: Service): Array<[string, string]> {
  const name = `${lastSegment(service.clusterArn)}/${service.serviceName ?? lastSegment(service.serviceArn)}`;
  const arns = new Set<string>();
  if (service.taskDefinition) arns.add(service.taskDefinition);
  for (const deployment of service.deployments ?? []) if (deployment.taskDefinition) arns.add(deployment.taskDefinition);
  for (const taskSet of service.taskSets ?? []) if (taskSet.taskDefinition) arns.add(taskSet.taskDefinition);
  return [...arns].map((arn) => [arn, name]);
}

/** Task definition ARN → the services that run it. */
async function deployedRevisions(ecs: ECSClient, ctx: CollectContext): Promise<Map<string, string[]>> {
  const clusters = await collectPages(
    (nextToken) => ecs.send(new ListClustersCommand({ maxResults: PAGE_SIZE, nextToken })),
    (page) => page.nextToken,
    (page) => page.clusterArns,
  );
  const perCluster = await mapLimited(clusters, ctx.limit, (cluster) =>
    collectPages(
      (nextToken) => ecs.send(new ListServicesCommand({ cluster, maxResults: PAGE_SIZE, nextToken })),
      (page) => page.nextToken,
      (page) => page.serviceArns,
    ).then((services) => ({ cluster, services })),
  );
  const batches = perCluster.flatMap(({ cluster, services }) => {
    const out: Array<{ cluster: string; services: string[] }> = [];
    for (let i = 0; i < services.length; i += SERVICE_BATCH) out.push({ cluster, services: services.slice(i, i + SERVICE_BATCH) });
    return out;
  });
  const described = await mapLimited(batches, ctx.limit, async (batch) => (await ecs.send(new DescribeServicesCommand(batch))).services ?? []);
  const used = new Map<string, string[]>();
  for (const service of described.flat()) {
    for (const [arn, name] of serviceRevisions(service)) used.set(arn, [...(used.get(arn) ?? []), name].sort());
  }
  return used;
}

interface Target {
  arn: string;
  family: string;
  revision: number;
  latestActive: boolean;
  services: string[];
}

function targets(activeArns: readonly string[], deployed: ReadonlyMap<string, string[]>): Target[] {
  const latest = new Map<string, { arn: string; revision: number }>();
  for (const arn of activeArns) {
    const parsed = parseTaskDefinitionArn(arn);
    if (!parsed) continue;
    const current = latest.get(parsed.family);
    if (!current || parsed.revision > current.revision) latest.set(parsed.family, { arn, revision: parsed.revision });
  }
  const latestArns = new Set([...latest.values()].map((l) => l.arn));
  const out: Target[] = [];
  for (const arn of new Set([...latestArns, ...deployed.keys()])) {
    const parsed = parseTaskDefinitionArn(arn);
    if (!parsed) continue;
    out.push({ arn, ...parsed, latestActive: latestArns.has(arn), services: deployed.get(arn) ?? [] });
  }
  return out.sort((a, b) => a.family.localeCompare(b.family) || a.revision - b.revision);
}

function toItem(target: Target, definition: Fetched<TaskDefinition>, ctx: CollectContext): TaskDefinitionItem {
  return {
    ref: {
      type: 'AwsEcsTaskDefinition',
      arn: target.arn,
      id: `${target.family}:${target.revision}`,
      region: ctx.region,
      partition: ctx.partition,
      tags: definition.ok ? definition.value.tags : {},
      details: { AwsEcsTaskDefinition: taskDefinitionDetails(target.family, definition.ok ? definition.value : undefined) },
    },
    ...target,
    definition,
  };
}

export const ecsCollector: Collector<EcsInventory> = {
  id: 'ecs',
  service: 'ecs',
  global: false,
  permissions: ['ecs:ListTaskDefinitions', 'ecs:ListClusters', 'ecs:ListServices', 'ecs:DescribeServices', 'ecs:DescribeTaskDefinition'],
  async collect(ctx) {
    const ecs = ctx.clients.get(ECSClient);
    const [active, deployed] = await Promise.all([
      collectPages(
        (nextToken) => ecs.send(new ListTaskDefinitionsCommand({ status: 'ACTIVE', maxResults: PAGE_SIZE, nextToken })),
        (page) => page.nextToken,
        (page) => page.taskDefinitionArns,
      ),
      deployedRevisions(ecs, ctx),
    ]);
    const taskDefinitions = await mapLimited(targets(active, deployed), ctx.limit, async (target) => {
      const definition = await fetchDetail(async () => {
        const answer = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: target.arn, include: ['TAGS'] }));
        if (!answer.taskDefinition) throw new Error(`DescribeTaskDefinition returned no task definition for ${target.arn}`);
        return toTaskDefinition(answer.taskDefinition, answer.tags);
      });
      return toItem(target, definition, ctx);
    });
    return { accountId: ctx.accountId, taskDefinitions };
  },
};
