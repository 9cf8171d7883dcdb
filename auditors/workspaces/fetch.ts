/** Reads the WorkSpaces inventory. Loaded by collect.ts on the first collect(): see auditors/sqs/collect.ts. */
import {
  DescribeTagsCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  WorkSpacesClient,
  type Workspace,
  type WorkspaceDirectory,
} from '@aws-sdk/client-workspaces';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import type { WorkSpacesInventory, WorkspaceDirectoryItem, WorkspaceItem } from './collect.js';

/** The largest page DescribeWorkspaces and DescribeWorkspaceDirectories accept. */
const PAGE_SIZE = 25;
/** A WorkSpace or directory removed between the listing and its tags. */
const GONE_CODES = ['ResourceNotFoundException'];

function readTags(client: WorkSpacesClient, resourceId: string, ctx: CollectContext): Promise<Fetched<Record<string, string> | undefined>> {
  return ctx.limit(() =>
    fetchDetail<Record<string, string> | undefined>(async () => tagsToRecord((await client.send(new DescribeTagsCommand({ ResourceId: resourceId }))).TagList), GONE_CODES, undefined),
  );
}

function ref(type: string, arn: string, id: string, tags: Fetched<Record<string, string>>, ctx: CollectContext): ResourceRef {
  return { type, arn, id, region: ctx.region, partition: ctx.partition, tags: tags.ok ? tags.value : {}, ...(tags.ok ? {} : { tagsError: tags.error }) };
}

function toWorkspace(workspace: Workspace & { WorkspaceId: string }, tags: Fetched<Record<string, string>>, ctx: CollectContext): WorkspaceItem {
  const id = workspace.WorkspaceId;
  return {
    ref: ref('AwsWorkSpacesWorkspace', `arn:${ctx.partition}:workspaces:${ctx.region}:${ctx.accountId}:workspace/${id}`, id, tags, ctx),
    workspaceId: id,
    ...(workspace.DirectoryId ? { directoryId: workspace.DirectoryId } : {}),
    ...(workspace.UserName ? { userName: workspace.UserName } : {}),
    ...(workspace.State ? { state: workspace.State } : {}),
    ...(workspace.UserVolumeEncryptionEnabled !== undefined ? { userVolumeEncryptionEnabled: workspace.UserVolumeEncryptionEnabled } : {}),
    ...(workspace.RootVolumeEncryptionEnabled !== undefined ? { rootVolumeEncryptionEnabled: workspace.RootVolumeEncryptionEnabled } : {}),
    ...(workspace.VolumeEncryptionKey ? { volumeEncryptionKey: workspace.VolumeEncryptionKey } : {}),
    ...(workspace.WorkspaceProperties?.RunningMode ? { runningMode: workspace.WorkspaceProperties.RunningMode } : {}),
    tags,
  };
}

function toDirectory(directory: WorkspaceDirectory & { DirectoryId: string }, tags: Fetched<Record<string, string>>, ctx: CollectContext): WorkspaceDirectoryItem {
  const id = directory.DirectoryId;
  const internet = directory.WorkspaceCreationProperties?.EnableInternetAccess;
  return {
    // ASFF has no type for a WorkSpaces directory.
    ref: ref('Other', `arn:${ctx.partition}:workspaces:${ctx.region}:${ctx.accountId}:directory/${id}`, id, tags, ctx),
    directoryId: id,
    ...(directory.DirectoryName ? { directoryName: directory.DirectoryName } : {}),
    ...(directory.State ? { state: directory.State } : {}),
    ...(internet !== undefined ? { enableInternetAccess: internet } : {}),
    tags,
  };
}

async function withTags<Raw, Item>(
  client: WorkSpacesClient,
  raws: readonly Raw[],
  idOf: (raw: Raw) => string,
  make: (raw: Raw, tags: Fetched<Record<string, string>>) => Item,
  ctx: CollectContext,
): Promise<Item[]> {
  const items: Item[] = [];
  const tagged = await Promise.all(raws.map(async (raw) => ({ raw, tags: await readTags(client, idOf(raw), ctx) })));
  for (const { raw, tags } of tagged) {
    if (tags.ok && tags.value === undefined) continue;
    items.push(make(raw, tags as Fetched<Record<string, string>>));
  }
  return items;
}

async function readInventory(ctx: CollectContext): Promise<WorkSpacesInventory> {
  const client = ctx.clients.get(WorkSpacesClient);
  const [workspaces, directories] = await Promise.all([
    collectPages(
      (NextToken) => client.send(new DescribeWorkspacesCommand({ Limit: PAGE_SIZE, NextToken })),
      (page) => page.NextToken,
      (page) => page.Workspaces,
    ),
    collectPages(
      (NextToken) => client.send(new DescribeWorkspaceDirectoriesCommand({ Limit: PAGE_SIZE, NextToken })),
      (page) => page.NextToken,
      (page) => page.Directories,
    ),
  ]);
  const namedWorkspaces = workspaces.filter((w): w is Workspace & { WorkspaceId: string } => typeof w.WorkspaceId === 'string');
  const namedDirectories = directories.filter((d): d is WorkspaceDirectory & { DirectoryId: string } => typeof d.DirectoryId === 'string');
  const inventory = {
    workspaces: await withTags(client, namedWorkspaces, (w) => w.WorkspaceId, (w, tags) => toWorkspace(w, tags, ctx), ctx),
    directories: await withTags(client, namedDirectories, (d) => d.DirectoryId, (d, tags) => toDirectory(d, tags, ctx), ctx),
  };
  const untagged = [...inventory.workspaces, ...inventory.directories].flatMap((item) => (item.tags.ok ? [] : [`${item.ref.id}: ${item.tags.error}`]));
  // No check reads tags, but owners and exemptions are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`workspaces: the tags of ${untagged.length} resource(s) could not be read, e.g. ${untagged[0]}`);
  return inventory;
}

/** The WorkSpaces and directories of the region; none where WorkSpaces is not offered. */
export function fetchWorkSpacesInventory(ctx: CollectContext): Promise<WorkSpacesInventory> {
  return unlessNotOffered(
    () => readInventory(ctx),
    () => ({ workspaces: [], directories: [] }),
    (why) => ctx.logger.debug(`workspaces: not offered in ${ctx.region} (${why}): nothing to judge`),
  );
}
