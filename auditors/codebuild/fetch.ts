/** Reads the CodeBuild inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import { BatchGetProjectsCommand, CodeBuildClient, ListProjectsCommand, type Project } from '@aws-sdk/client-codebuild';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import type { CollectContext } from '../../src/core/collector.js';
import { tagsToRecord } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import type { CodeBuildInventory, CodeBuildProjectItem, ProjectLogs } from './collect.js';

/** BatchGetProjects takes at most 100 names. */
export const BATCH_SIZE = 100;

type JsonObject = { [key: string]: JsonValue };

function defined(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toLogs(project: Project): ProjectLogs | undefined {
  const logs = project.logsConfig;
  if (!logs) return undefined;
  const out: ProjectLogs = {};
  if (logs.cloudWatchLogs) out.cloudWatch = { ...(logs.cloudWatchLogs.status ? { status: logs.cloudWatchLogs.status } : {}), ...(logs.cloudWatchLogs.groupName ? { groupName: logs.cloudWatchLogs.groupName } : {}) };
  // encryptionDisabled is a flag: CodeBuild leaves it out unless it is set.
  if (logs.s3Logs) out.s3 = { ...(logs.s3Logs.status ? { status: logs.s3Logs.status } : {}), ...(logs.s3Logs.location ? { location: logs.s3Logs.location } : {}), encryptionDisabled: logs.s3Logs.encryptionDisabled === true };
  return out;
}

/**
 * ASFF AwsCodeBuildProject, without what may hold a secret: environment
 * variables by name and type only, source locations left out (a repository
 * URL can carry a token).
 */
function projectDetails(project: Project, item: Omit<CodeBuildProjectItem, 'ref'>): JsonObject {
  const primaryArtifacts = item.artifacts.find((a) => a.id === 'primary');
  return defined({
    Name: item.name,
    EncryptionKey: project.encryptionKey,
    ServiceRole: project.serviceRole,
    Source: project.source ? defined({ Type: project.source.type, InsecureSsl: project.source.insecureSsl ?? false }) : undefined,
    Artifacts: primaryArtifacts ? [defined({ Type: primaryArtifacts.type, EncryptionDisabled: primaryArtifacts.encryptionDisabled })] : undefined,
    SecondaryArtifacts: item.artifacts.filter((a) => a.id !== 'primary').map((a) => defined({ ArtifactIdentifier: a.id, Type: a.type, EncryptionDisabled: a.encryptionDisabled })),
    Environment: defined({
      Type: project.environment?.type,
      EnvironmentVariables: item.environmentVariables.map((v) => ({ Name: v.name, Type: v.type })),
    }),
    LogsConfig: item.logs
      ? defined({
          CloudWatchLogs: item.logs.cloudWatch ? defined({ Status: item.logs.cloudWatch.status, GroupName: item.logs.cloudWatch.groupName }) : undefined,
          S3Logs: item.logs.s3 ? defined({ Status: item.logs.s3.status, EncryptionDisabled: item.logs.s3.encryptionDisabled }) : undefined,
        })
      : undefined,
  });
}

export function toProjectItem(project: Project, ctx: CollectContext): CodeBuildProjectItem {
  const name = project.name ?? 'unknown';
  // insecureSsl and encryptionDisabled are flags CodeBuild reports only when set: absent means false.
  const item: Omit<CodeBuildProjectItem, 'ref'> = {
    name,
    sources: [
      ...(project.source ? [{ id: 'primary', ...(project.source.type ? { type: project.source.type } : {}), insecureSsl: project.source.insecureSsl === true }] : []),
      ...(project.secondarySources ?? []).map((s, i) => ({ id: s.sourceIdentifier ?? `secondary-${i + 1}`, ...(s.type ? { type: s.type } : {}), insecureSsl: s.insecureSsl === true })),
    ],
    artifacts: [
      ...(project.artifacts ? [{ id: 'primary', ...(project.artifacts.type ? { type: project.artifacts.type } : {}), encryptionDisabled: project.artifacts.encryptionDisabled === true }] : []),
      ...(project.secondaryArtifacts ?? []).map((a, i) => ({ id: a.artifactIdentifier ?? `secondary-${i + 1}`, ...(a.type ? { type: a.type } : {}), encryptionDisabled: a.encryptionDisabled === true })),
    ],
    // A variable without a type is PLAINTEXT, CodeBuild's documented default.
    environmentVariables: (project.environment?.environmentVariables ?? []).map((v) => ({ name: v.name ?? '', type: v.type ?? 'PLAINTEXT', value: v.value ?? '' })),
  };
  const logs = toLogs(project);
  if (logs) item.logs = logs;
  return {
    ref: {
      type: 'AwsCodeBuildProject',
      arn: project.arn ?? `arn:${ctx.partition}:codebuild:${ctx.region}:${ctx.accountId}:project/${name}`,
      id: name,
      region: ctx.region,
      partition: ctx.partition,
      tags: tagsToRecord(project.tags?.map((t) => ({ Key: t.key, Value: t.value }))),
      details: { AwsCodeBuildProject: projectDetails(project, item) },
    },
    ...item,
  };
}

/** Lists the project names and reads the projects 100 at a time; a project deleted since the listing is left out. */
export async function fetchCodeBuildInventory(ctx: CollectContext): Promise<CodeBuildInventory> {
  const client = ctx.clients.get(CodeBuildClient);
  const names = await unlessNotOffered(
    () =>
      collectPages(
        (nextToken) => client.send(new ListProjectsCommand({ nextToken })),
        (page) => page.nextToken,
        (page) => page.projects,
      ),
    () => [],
    (why) => ctx.logger.debug(`codebuild: not offered in ${ctx.region}: ${why}`),
  );
  const batches = await mapLimited(chunk(names, BATCH_SIZE), ctx.limit, async (batch) => (await client.send(new BatchGetProjectsCommand({ names: batch }))).projects ?? []);
  return { projects: batches.flat().map((project) => toProjectItem(project, ctx)) };
}
