/** Reads the AppStream 2.0 inventory. Loaded by collect.ts on the first collect(): see auditors/sqs/collect.ts. */
import {
  AppStreamClient,
  DescribeFleetsCommand,
  DescribeImagesCommand,
  DescribeUsersCommand,
  ListTagsForResourceCommand,
  type Fleet,
  type Image,
  type User,
} from '@aws-sdk/client-appstream';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';
import type { AppStreamFleetItem, AppStreamImageItem, AppStreamInventory, AppStreamUserItem } from './collect.js';

/** The largest page DescribeImages accepts. */
const IMAGE_PAGE_SIZE = 25;
/** A fleet or image removed between the listing and its tags. */
const GONE_CODES = ['ResourceNotFoundException'];

type Named<T> = T & { Name: string; Arn: string };

/** The account in an AppStream ARN; empty for AWS's own base images (arn:aws:appstream:<region>::image/<name>). */
export function arnAccount(arn: string): string {
  return arn.split(':')[4] ?? '';
}

function ref(arn: string, id: string, tags: Fetched<Record<string, string>>, ctx: CollectContext): ResourceRef {
  // ASFF has no type for AppStream resources.
  return { type: 'Other', arn, id, region: ctx.region, partition: ctx.partition, tags: tags.ok ? tags.value : {}, ...(tags.ok ? {} : { tagsError: tags.error }) };
}

async function readTags(client: AppStreamClient, arn: string, ctx: CollectContext): Promise<Fetched<Record<string, string> | undefined>> {
  return ctx.limit(() => fetchDetail<Record<string, string> | undefined>(async () => (await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags ?? {}, GONE_CODES, undefined));
}

/** Each resource with its tags; one removed before its tags were read is dropped. */
async function tagged<Raw extends { Arn: string }, Item>(client: AppStreamClient, raws: readonly Raw[], make: (raw: Raw, tags: Fetched<Record<string, string>>) => Item, ctx: CollectContext): Promise<Item[]> {
  const read = await Promise.all(raws.map(async (raw) => ({ raw, tags: await readTags(client, raw.Arn, ctx) })));
  return read.flatMap(({ raw, tags }) => (tags.ok && tags.value === undefined ? [] : [make(raw, tags as Fetched<Record<string, string>>)]));
}

function toFleet(fleet: Named<Fleet>, tags: Fetched<Record<string, string>>, ctx: CollectContext): AppStreamFleetItem {
  return {
    ref: ref(fleet.Arn, fleet.Name, tags, ctx),
    name: fleet.Name,
    ...(fleet.State ? { state: fleet.State } : {}),
    ...(fleet.EnableDefaultInternetAccess !== undefined ? { enableDefaultInternetAccess: fleet.EnableDefaultInternetAccess } : {}),
    tags,
  };
}

function toImage(image: Named<Image>, tags: Fetched<Record<string, string>>, ctx: CollectContext): AppStreamImageItem {
  return {
    ref: ref(image.Arn, image.Name, tags, ctx),
    name: image.Name,
    ...(image.Visibility ? { visibility: image.Visibility } : {}),
    ...(image.ImageSharedWithOthers ? { sharedWithOthers: image.ImageSharedWithOthers } : {}),
    tags,
  };
}

function toUser(user: User & { Arn: string; UserName: string }, ctx: CollectContext): AppStreamUserItem {
  return {
    ref: ref(user.Arn, user.UserName, { ok: true, value: {} }, ctx),
    userName: user.UserName,
    authenticationType: user.AuthenticationType ?? 'USERPOOL',
    ...(user.Enabled !== undefined ? { enabled: user.Enabled } : {}),
    ...(user.Status ? { status: user.Status } : {}),
  };
}

/** Those that carry the name and ARN every finding needs (AppStream always sends both); the others are counted in a warning. */
function named<T extends { Arn?: string }>(items: readonly T[], nameOf: (item: T) => string | undefined, kind: string, ctx: CollectContext): Array<T & { Arn: string }> {
  const kept = items.filter((item): item is T & { Arn: string } => typeof item.Arn === 'string' && typeof nameOf(item) === 'string');
  if (kept.length < items.length) ctx.logger.warn(`appstream: ${items.length - kept.length} ${kind}(s) reported without a name or ARN cannot be judged`);
  return kept;
}

async function readInventory(ctx: CollectContext): Promise<AppStreamInventory> {
  const client = ctx.clients.get(AppStreamClient);
  const [fleets, images, users] = await Promise.all([
    collectPages((NextToken) => client.send(new DescribeFleetsCommand({ NextToken })), (page) => page.NextToken, (page) => page.Fleets),
    collectPages((NextToken) => client.send(new DescribeImagesCommand({ MaxResults: IMAGE_PAGE_SIZE, NextToken })), (page) => page.NextToken, (page) => page.Images),
    // DescribeUsers lists one authentication type; user pool users are the only users AppStream keeps.
    collectPages((NextToken) => client.send(new DescribeUsersCommand({ AuthenticationType: 'USERPOOL', NextToken })), (page) => page.NextToken, (page) => page.Users),
  ]);
  const owned = named(images, (i) => i.Name, 'image', ctx).filter((image) => arnAccount(image.Arn) === ctx.accountId) as Array<Named<Image>>;
  const inventory: AppStreamInventory = {
    fleets: await tagged(client, named(fleets, (f) => f.Name, 'fleet', ctx) as Array<Named<Fleet>>, (fleet, tags) => toFleet(fleet, tags, ctx), ctx),
    images: await tagged(client, owned, (image, tags) => toImage(image, tags, ctx), ctx),
    users: named(users, (u) => u.UserName, 'user', ctx).map((user) => toUser(user as User & { Arn: string; UserName: string }, ctx)),
  };
  const untagged = [...inventory.fleets, ...inventory.images].flatMap((item) => (item.tags.ok ? [] : [`${item.name}: ${item.tags.error}`]));
  // No check reads tags, but owners and exemptions are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`appstream: the tags of ${untagged.length} resource(s) could not be read, e.g. ${untagged[0]}`);
  return inventory;
}

/** The fleets, owned images and user pool users of the region; none where AppStream is not offered. */
export function fetchAppStreamInventory(ctx: CollectContext): Promise<AppStreamInventory> {
  return unlessNotOffered(
    () => readInventory(ctx),
    () => ({ fleets: [], images: [], users: [] }),
    (why) => ctx.logger.debug(`appstream: not offered in ${ctx.region} (${why}): nothing to judge`),
  );
}
