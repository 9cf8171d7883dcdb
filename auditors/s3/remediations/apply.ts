/** The S3 fixes' AWS calls (loaded when a fix runs, like the collector's fetch.ts). */
import {
  DeleteBucketPolicyCommand, DeletePublicAccessBlockCommand, GetBucketAclCommand, GetBucketOwnershipControlsCommand, GetBucketPolicyCommand,
  GetPublicAccessBlockCommand, PutBucketAclCommand, PutBucketPolicyCommand, PutPublicAccessBlockCommand, S3Client,
  type AccessControlPolicy, type PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';
import {
  DeletePublicAccessBlockCommand as DeleteAccountPublicAccessBlockCommand, GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { describeAwsError } from '../../../src/aws/errors.js';
import type { JsonValue } from '../../../src/core/check.js';
import { ResourceGoneError, type PlannedCall, type RemediationContext } from '../../../src/core/remediation.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import type { AccountPublicAccessBlockSnapshot, BlockPublicAccessJson, BucketPublicAccessBlockSnapshot } from './s3-enable-bucket-block-public-access.js';
import type { BucketAclSnapshot, GrantJson, OwnerJson } from './s3-remove-public-acl-grants.js';
import type { BucketPolicySnapshot } from './s3-remove-public-policy-statements.js';

/** The SDK's answer as plain JSON: undefined fields dropped, the API's own names kept. */
const plain = <T>(value: unknown): T => JSON.parse(JSON.stringify(value ?? null)) as T;

const gone = (bucket: string, error: unknown): ResourceGoneError => new ResourceGoneError(`bucket ${bucket} no longer exists`, { cause: error });

/** Runs a read or write of one bucket; NoSuchBucket means the bucket is gone, absentCodes mean "not configured". */
async function onBucket<T>(bucket: string, call: () => Promise<T>, absentCodes: readonly string[] = []): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    const { code } = describeAwsError(error);
    if (code === 'NoSuchBucket') throw gone(bucket, error);
    if (absentCodes.includes(code)) return undefined;
    throw error;
  }
}

const bucketClient = (ctx: RemediationContext, resource: ResourceRef): S3Client => ctx.clientsIn(resource.region).get(S3Client);

export async function readBucketAcl(ctx: RemediationContext, resource: ResourceRef): Promise<BucketAclSnapshot> {
  const s3 = bucketClient(ctx, resource);
  const Bucket = resource.id;
  const ExpectedBucketOwner = ctx.accountId;
  const acl = await onBucket(Bucket, () => s3.send(new GetBucketAclCommand({ Bucket, ExpectedBucketOwner })));
  const ownership = await onBucket(Bucket, () => s3.send(new GetBucketOwnershipControlsCommand({ Bucket, ExpectedBucketOwner })), ['OwnershipControlsNotFoundError']);
  const rule = ownership?.OwnershipControls?.Rules?.[0]?.ObjectOwnership;
  return {
    Bucket,
    ExpectedBucketOwner,
    ...(acl?.Owner ? { Owner: plain<OwnerJson>(acl.Owner) } : {}),
    Grants: plain<GrantJson[]>(acl?.Grants ?? []),
    ...(rule ? { ObjectOwnership: rule } : {}),
  };
}

export async function readBucketPolicy(ctx: RemediationContext, resource: ResourceRef): Promise<BucketPolicySnapshot> {
  const s3 = bucketClient(ctx, resource);
  const Bucket = resource.id;
  const ExpectedBucketOwner = ctx.accountId;
  const answer = await onBucket(Bucket, () => s3.send(new GetBucketPolicyCommand({ Bucket, ExpectedBucketOwner })), ['NoSuchBucketPolicy']);
  return { Bucket, ExpectedBucketOwner, ...(answer?.Policy ? { Policy: answer.Policy } : {}) };
}

export async function readBucketPublicAccessBlock(ctx: RemediationContext, resource: ResourceRef): Promise<BucketPublicAccessBlockSnapshot> {
  const s3 = bucketClient(ctx, resource);
  const Bucket = resource.id;
  const ExpectedBucketOwner = ctx.accountId;
  const answer = await onBucket(Bucket, () => s3.send(new GetPublicAccessBlockCommand({ Bucket, ExpectedBucketOwner })), ['NoSuchPublicAccessBlockConfiguration']);
  const config = answer?.PublicAccessBlockConfiguration;
  return { Bucket, ExpectedBucketOwner, ...(config ? { PublicAccessBlockConfiguration: plain<BlockPublicAccessJson>(config) } : {}) };
}

export async function readAccountPublicAccessBlock(ctx: RemediationContext, resource: ResourceRef): Promise<AccountPublicAccessBlockSnapshot> {
  const AccountId = resource.id;
  try {
    const answer = await ctx.clients.get(S3ControlClient).send(new GetAccountPublicAccessBlockCommand({ AccountId }));
    const config = answer.PublicAccessBlockConfiguration;
    return { AccountId, ...(config ? { PublicAccessBlockConfiguration: plain<BlockPublicAccessJson>(config) } : {}) };
  } catch (error) {
    if (describeAwsError(error).code === 'NoSuchPublicAccessBlockConfiguration') return { AccountId };
    throw error;
  }
}

const text = (input: PlannedCall['input'], key: string): string => String(input[key]);
const owner = (input: PlannedCall['input']): { ExpectedBucketOwner?: string } =>
  typeof input.ExpectedBucketOwner === 'string' ? { ExpectedBucketOwner: input.ExpectedBucketOwner } : {};
const config = (value: JsonValue | undefined): PublicAccessBlockConfiguration => value as PublicAccessBlockConfiguration;

/**
 * Makes one bucket call. Every call is idempotent as S3 makes it (a Put sets
 * the whole value); a policy or configuration already deleted is done.
 * DeletePublicAccessBlock is planned under the IAM action that authorises it,
 * s3:PutBucketPublicAccessBlock, with its own operation name.
 */
export async function performBucketCall(ctx: RemediationContext, call: PlannedCall): Promise<void> {
  const s3 = ctx.clients.get(S3Client);
  const { input } = call;
  const Bucket = text(input, 'Bucket');
  switch (call.action) {
    case 's3:PutBucketAcl':
      await onBucket(Bucket, () => s3.send(new PutBucketAclCommand({ Bucket, ...owner(input), AccessControlPolicy: input.AccessControlPolicy as AccessControlPolicy })));
      return;
    case 's3:PutBucketPolicy':
      await onBucket(Bucket, () => s3.send(new PutBucketPolicyCommand({ Bucket, ...owner(input), Policy: text(input, 'Policy') })));
      return;
    case 's3:DeleteBucketPolicy':
      await onBucket(Bucket, () => s3.send(new DeleteBucketPolicyCommand({ Bucket, ...owner(input) })), ['NoSuchBucketPolicy']);
      return;
    case 's3:PutBucketPublicAccessBlock':
      if (call.operation === 'DeletePublicAccessBlock') {
        await onBucket(Bucket, () => s3.send(new DeletePublicAccessBlockCommand({ Bucket, ...owner(input) })), ['NoSuchPublicAccessBlockConfiguration']);
      } else {
        await onBucket(Bucket, () => s3.send(new PutPublicAccessBlockCommand({ Bucket, ...owner(input), PublicAccessBlockConfiguration: config(input.PublicAccessBlockConfiguration) })));
      }
      return;
    default:
      throw new Error(`the S3 bucket fixes do not make ${call.action}`);
  }
}

/** Makes one account call (S3 Control); DeletePublicAccessBlock is named by the call's operation, as for buckets (s3:PutAccountPublicAccessBlock authorises both). */
export async function performAccountCall(ctx: RemediationContext, call: PlannedCall): Promise<void> {
  const control = ctx.clients.get(S3ControlClient);
  const AccountId = text(call.input, 'AccountId');
  if (call.action !== 's3:PutAccountPublicAccessBlock') throw new Error(`the S3 account fix does not make ${call.action}`);
  if (call.operation !== 'DeletePublicAccessBlock') {
    await control.send(new PutAccountPublicAccessBlockCommand({ AccountId, PublicAccessBlockConfiguration: config(call.input.PublicAccessBlockConfiguration) }));
    return;
  }
  try {
    await control.send(new DeleteAccountPublicAccessBlockCommand({ AccountId }));
  } catch (error) {
    if (describeAwsError(error).code !== 'NoSuchPublicAccessBlockConfiguration') throw error;
  }
}
