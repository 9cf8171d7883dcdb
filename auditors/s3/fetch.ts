/** Reads the S3 inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
  type Bucket,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { collectPages } from '../../src/aws/paginate.js';
import { describeAwsError } from '../../src/aws/errors.js';
import type { CollectContext, Fetched } from '../../src/core/collector.js';
import { fetchDetail } from '../../src/core/collector.js';
import { accountRef, type ResourceRef } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import type { S3AccountItem, S3BucketItem, S3Inventory } from './collect.js';
import { bucketDetails } from './details.js';
import { toAcl, toBlockPublicAccess, toEncryptionRules, toLifecycleRules, toTags, toVersioning } from './model.js';

/** ListBuckets page size; paginated requests also return each bucket's region. */
const PAGE_SIZE = 1000;

/** GetBucketLocation answers: empty for us-east-1, "EU" for eu-west-1 (legacy). */
export function regionFromLocation(constraint: string | undefined | null): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

type ListedBucket = { name: string; createdAt?: string; region?: string };
type Located = ListedBucket & { region: string };

function listed(bucket: Bucket): ListedBucket[] {
  if (!bucket.Name) return [];
  return [
    {
      name: bucket.Name,
      ...(bucket.CreationDate ? { createdAt: bucket.CreationDate.toISOString() } : {}),
      ...(bucket.BucketRegion ? { region: bucket.BucketRegion } : {}),
    },
  ];
}

/** The bucket's region; undefined when the bucket was deleted since it was listed. */
async function locate(s3: S3Client, bucket: ListedBucket, ctx: CollectContext): Promise<Located | undefined> {
  if (bucket.region) return { ...bucket, region: bucket.region };
  try {
    const answer = await s3.send(new GetBucketLocationCommand({ Bucket: bucket.name }));
    return { ...bucket, region: regionFromLocation(answer.LocationConstraint) };
  } catch (error) {
    const info = describeAwsError(error);
    if (info.code === 'NoSuchBucket') return undefined;
    // The detail calls still reach the bucket through region redirects; only the region label is a guess.
    ctx.logger.warn(`s3: the region of bucket ${bucket.name} could not be read (${info.message}); labelling it ${ctx.region}`);
    return { ...bucket, region: ctx.region };
  }
}

async function readBucket(bucket: Located, ctx: CollectContext): Promise<S3BucketItem> {
  const s3 = ctx.clientsIn(bucket.region).get(S3Client);
  const Bucket = bucket.name;
  const detail = <T>(call: () => Promise<T>, absentCodes: readonly string[] = [], absentValue?: T): Promise<Fetched<T>> =>
    ctx.limit(() => fetchDetail(call, absentCodes, absentValue));
  const [acl, policy, publicAccessBlock, encryption, versioning, lifecycle, tags] = await Promise.all([
    detail(async () => toAcl(await s3.send(new GetBucketAclCommand({ Bucket })))),
    detail(async () => (await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy, ['NoSuchBucketPolicy']),
    detail(async () => toBlockPublicAccess((await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration), [
      'NoSuchPublicAccessBlockConfiguration',
    ]),
    detail(async () => toEncryptionRules((await s3.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration), [
      'ServerSideEncryptionConfigurationNotFoundError',
    ]),
    detail(async () => toVersioning(await s3.send(new GetBucketVersioningCommand({ Bucket })))),
    detail(async () => toLifecycleRules((await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))).Rules), ['NoSuchLifecycleConfiguration'], []),
    detail(async () => toTags((await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet), ['NoSuchTagSet'], {}),
  ]);
  const item: Omit<S3BucketItem, 'ref'> = {
    name: bucket.name,
    ...(bucket.createdAt ? { createdAt: bucket.createdAt } : {}),
    acl,
    policy,
    publicAccessBlock,
    encryption,
    versioning,
    lifecycle,
    tags,
  };
  const ref: ResourceRef = {
    type: 'AwsS3Bucket',
    arn: `arn:${ctx.partition}:s3:::${bucket.name}`,
    id: bucket.name,
    region: bucket.region,
    partition: ctx.partition,
    tags: tags.ok ? tags.value : {},
    ...(tags.ok ? {} : { tagsError: tags.error }),
    details: { AwsS3Bucket: bucketDetails(item, ctx.accountId) },
  };
  return { ref, ...item };
}

function listBuckets(s3: S3Client, prefix?: string): Promise<ListedBucket[]> {
  return collectPages(
    (ContinuationToken) => s3.send(new ListBucketsCommand({ MaxBuckets: PAGE_SIZE, ContinuationToken, ...(prefix ? { Prefix: prefix } : {}) })),
    (page) => page.ContinuationToken,
    (page) => (page.Buckets ?? []).flatMap(listed),
  );
}

async function readBuckets(ctx: CollectContext): Promise<S3BucketItem[]> {
  const s3 = ctx.clients.get(S3Client);
  const listedBuckets = await listBuckets(s3);
  const located = await mapLimited(listedBuckets, ctx.limit, (bucket) => locate(s3, bucket, ctx));
  const items = await Promise.all(located.filter((b): b is Located => b !== undefined).map((bucket) => readBucket(bucket, ctx)));
  const untagged = items.flatMap((item) => (item.tags.ok ? [] : [`${item.name}: ${item.tags.error}`]));
  // No check reads tags, but owners are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`s3: the tags of ${untagged.length} bucket(s) could not be read, e.g. ${untagged[0]}`);
  return items;
}

async function readAccount(ctx: CollectContext): Promise<S3AccountItem> {
  const control = ctx.clients.get(S3ControlClient);
  const publicAccessBlock = await ctx.limit(() =>
    fetchDetail(
      async () => toBlockPublicAccess((await control.send(new GetAccountPublicAccessBlockCommand({ AccountId: ctx.accountId }))).PublicAccessBlockConfiguration),
      ['NoSuchPublicAccessBlockConfiguration'],
      undefined,
    ),
  );
  return { ref: accountRef(ctx.accountId, ctx.region), publicAccessBlock };
}

/** Lists the buckets and reads each one's settings in its own region, and the account's Block Public Access. */
export async function fetchS3Inventory(ctx: CollectContext): Promise<S3Inventory> {
  const [buckets, account] = await Promise.all([readBuckets(ctx), readAccount(ctx)]);
  return { buckets, account };
}

/** One bucket, listed as a scan lists it (creation date, region); none when it no longer exists. */
async function readOneBucket(ctx: CollectContext, name: string): Promise<S3BucketItem[]> {
  const s3 = ctx.clients.get(S3Client);
  const bucket = (await listBuckets(s3, name)).find((b) => b.name === name);
  const located = bucket ? await locate(s3, bucket, ctx) : undefined;
  return located ? [await readBucket(located, ctx)] : [];
}

/**
 * A fix's re-check: the account resource reads the account settings alone; a
 * bucket reads that bucket and the account settings (the bucket checks judge
 * Block Public Access at both levels).
 */
export async function fetchOneS3Resource(ctx: CollectContext, resource: ResourceRef): Promise<S3Inventory> {
  if (resource.type === 'AwsAccount') return { buckets: [], account: await readAccount(ctx) };
  const [buckets, account] = await Promise.all([readOneBucket(ctx, resource.id), readAccount(ctx)]);
  return { buckets, account };
}
