/** Reads the CloudTrail inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  ListTagsCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { collectPages } from '../../src/aws/paginate.js';
import type { CollectContext, Fetched } from '../../src/core/collector.js';
import { fetchDetail } from '../../src/core/collector.js';
import type { JsonValue } from '../../src/core/check.js';
import { accountRef, partitionOf, tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import type { CloudTrailInventory, TrailItem } from './collect.js';
import { managementEventsOf, parseTrailArn, toTrailStatus, type ManagementEvents } from './model.js';

/** ListTags takes at most 20 trail ARNs per call. */
const TAG_BATCH = 20;

type ListedTrail = Omit<TrailItem, 'ref' | 'status' | 'managementEvents'> & { details: Record<string, JsonValue> };

function listed(trail: Trail, ctx: CollectContext): ListedTrail[] {
  if (!trail.TrailARN || !trail.Name) return [];
  const fromArn = parseTrailArn(trail.TrailARN);
  const homeRegion = trail.HomeRegion ?? fromArn.region ?? ctx.region;
  const ownerAccountId = fromArn.accountId ?? ctx.accountId;
  const optional = (key: string, value: string | boolean | undefined): Record<string, JsonValue> => (value === undefined ? {} : { [key]: value });
  return [
    {
      name: trail.Name,
      arn: trail.TrailARN,
      homeRegion,
      ownerAccountId,
      shadow: homeRegion !== ctx.region || ownerAccountId !== ctx.accountId,
      isMultiRegion: trail.IsMultiRegionTrail === true,
      isOrganizationTrail: trail.IsOrganizationTrail === true,
      ...(trail.LogFileValidationEnabled !== undefined ? { logFileValidationEnabled: trail.LogFileValidationEnabled } : {}),
      ...(trail.KmsKeyId ? { kmsKeyId: trail.KmsKeyId } : {}),
      ...(trail.S3BucketName ? { s3BucketName: trail.S3BucketName } : {}),
      ...(trail.HasCustomEventSelectors !== undefined ? { hasCustomEventSelectors: trail.HasCustomEventSelectors } : {}),
      details: {
        Name: trail.Name,
        TrailArn: trail.TrailARN,
        HomeRegion: homeRegion,
        IsMultiRegionTrail: trail.IsMultiRegionTrail === true,
        IsOrganizationTrail: trail.IsOrganizationTrail === true,
        ...optional('LogFileValidationEnabled', trail.LogFileValidationEnabled),
        ...optional('IncludeGlobalServiceEvents', trail.IncludeGlobalServiceEvents),
        ...optional('HasCustomEventSelectors', trail.HasCustomEventSelectors),
        ...optional('KmsKeyId', trail.KmsKeyId),
        ...optional('S3BucketName', trail.S3BucketName),
        ...optional('S3KeyPrefix', trail.S3KeyPrefix),
        ...optional('SnsTopicArn', trail.SnsTopicARN),
        ...optional('SnsTopicName', trail.SnsTopicName),
        ...optional('CloudWatchLogsLogGroupArn', trail.CloudWatchLogsLogGroupArn),
        ...optional('CloudWatchLogsRoleArn', trail.CloudWatchLogsRoleArn),
      },
    },
  ];
}

function clientFor(trail: ListedTrail, ctx: CollectContext): CloudTrailClient {
  return (trail.homeRegion === ctx.region ? ctx.clients : ctx.clientsIn(trail.homeRegion)).get(CloudTrailClient);
}

async function readManagementEvents(trail: ListedTrail, ctx: CollectContext): Promise<Fetched<ManagementEvents>> {
  if (trail.ownerAccountId !== ctx.accountId) {
    if (trail.hasCustomEventSelectors === false) return { ok: true, value: 'All' };
    return { ok: false, error: `the event selectors of trail ${trail.name} belong to account ${trail.ownerAccountId} and cannot be read from this account` };
  }
  const cloudtrail = clientFor(trail, ctx);
  return ctx.limit(() =>
    fetchDetail(async () => managementEventsOf(await cloudtrail.send(new GetEventSelectorsCommand({ TrailName: trail.arn })), trail.hasCustomEventSelectors)),
  );
}

async function readTrail(trail: ListedTrail, tags: Record<string, string>, ctx: CollectContext): Promise<TrailItem> {
  const cloudtrail = clientFor(trail, ctx);
  const [status, managementEvents] = await Promise.all([
    ctx.limit(() => fetchDetail(async () => toTrailStatus(await cloudtrail.send(new GetTrailStatusCommand({ Name: trail.arn }))))),
    readManagementEvents(trail, ctx),
  ]);
  const { details, ...rest } = trail;
  const ref: ResourceRef = {
    type: 'AwsCloudTrailTrail',
    arn: trail.arn,
    id: trail.name,
    region: trail.homeRegion,
    partition: partitionOf(trail.homeRegion),
    tags,
    details: { AwsCloudTrailTrail: details },
  };
  return { ref, ...rest, status, managementEvents };
}

/** Tags of the trails homed here; a refusal costs owner tags, not the scan. */
async function readTags(trails: readonly ListedTrail[], ctx: CollectContext): Promise<Map<string, Record<string, string>>> {
  const cloudtrail = ctx.clients.get(CloudTrailClient);
  const own = trails.filter((t) => !t.shadow).map((t) => t.arn);
  const batches: string[][] = [];
  for (let i = 0; i < own.length; i += TAG_BATCH) batches.push(own.slice(i, i + TAG_BATCH));
  const answers = await Promise.all(
    batches.map((ResourceIdList) =>
      ctx.limit(() =>
        fetchDetail(() =>
          collectPages(
            (NextToken) => cloudtrail.send(new ListTagsCommand({ ResourceIdList, NextToken })),
            (page) => page.NextToken,
            (page) => page.ResourceTagList,
          ),
        ),
      ),
    ),
  );
  const tags = new Map<string, Record<string, string>>();
  for (const answer of answers) {
    if (!answer.ok) {
      ctx.logger.warn(`cloudtrail: trail tags could not be read in ${ctx.region} (${answer.error}); their findings carry no owner tag`);
      continue;
    }
    for (const entry of answer.value) if (entry.ResourceId) tags.set(entry.ResourceId, tagsToRecord(entry.TagsList));
  }
  return tags;
}

/** Lists the trails that apply to the region, with their tags, status and event selectors. */
export async function fetchCloudTrailInventory(ctx: CollectContext): Promise<CloudTrailInventory> {
  const cloudtrail = ctx.clients.get(CloudTrailClient);
  // DescribeTrails has no pagination: one answer lists every trail that applies to the region.
  const answer = await cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
  const trails = (answer.trailList ?? []).flatMap((trail) => listed(trail, ctx));
  const tags = await readTags(trails, ctx);
  const items = await Promise.all(trails.map((trail) => readTrail(trail, tags.get(trail.arn) ?? {}, ctx)));
  return { region: ctx.region, trails: items, account: { ref: accountRef(ctx.accountId, ctx.region) } };
}
