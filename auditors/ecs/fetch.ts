/** Reads the ECS inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
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
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { mapLimited } from '../../src/util/limit.js';
import type { EcsInventory, TaskDefinitionItem } from './collect.js';
import { taskDefinitionDetails, toTaskDefinition, type TaskDefinition } from './model.js';

const PAGE_SIZE = 100;
/** DescribeServices takes at most 10 services per call. */
const SERVICE_BATCH = 10;

/** "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3" → web, 3. */
export function parseTaskDefinitionArn(arn: string): { family: string; revision: number } | undefined {
  const match = /:task-definition\/([^:/]+):(\d+)$/.exec(arn);
  if (!match?.[1] || !match[2]) return undefined;
  return { family: match[1], revision: Number(match[2]) };
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

/** Lists the task definitions and the services' revisions, then reads each revision to judge. */
export async function fetchEcsInventory(ctx: CollectContext): Promise<EcsInventory> {
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
}
