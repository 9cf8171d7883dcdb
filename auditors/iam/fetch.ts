/** Reads the IAM inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  GetAccessKeyLastUsedCommand,
  GetAccountPasswordPolicyCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUserTagsCommand,
  ListUsersCommand,
  type AccessKeyLastUsed,
  type AccessKeyMetadata,
  type PasswordPolicy as SdkPasswordPolicy,
  type User,
} from '@aws-sdk/client-iam';
import { collectPages } from '../../src/aws/paginate.js';
import type { CollectContext, Fetched } from '../../src/core/collector.js';
import { fetchDetail, fetched } from '../../src/core/collector.js';
import { describeAwsError } from '../../src/aws/errors.js';
import { accountRef, tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import type { IamAccessKeyItem, IamAccountItem, IamInventory, KeyLastUsed, PasswordPolicy } from './collect.js';

const PAGE_SIZE = 1000;

type Page = { IsTruncated?: boolean; Marker?: string };
const nextMarker = (page: Page): string | undefined => (page.IsTruncated ? page.Marker : undefined);

export function toPasswordPolicy(policy: SdkPasswordPolicy | undefined): PasswordPolicy | undefined {
  if (!policy) return undefined;
  return {
    ...(policy.MinimumPasswordLength !== undefined ? { MinimumPasswordLength: policy.MinimumPasswordLength } : {}),
    RequireSymbols: policy.RequireSymbols === true,
    RequireNumbers: policy.RequireNumbers === true,
    RequireUppercaseCharacters: policy.RequireUppercaseCharacters === true,
    RequireLowercaseCharacters: policy.RequireLowercaseCharacters === true,
    ...(policy.AllowUsersToChangePassword !== undefined ? { AllowUsersToChangePassword: policy.AllowUsersToChangePassword } : {}),
    ExpirePasswords: policy.ExpirePasswords === true,
    ...(policy.MaxPasswordAge !== undefined ? { MaxPasswordAge: policy.MaxPasswordAge } : {}),
    ...(policy.PasswordReusePrevention !== undefined ? { PasswordReusePrevention: policy.PasswordReusePrevention } : {}),
    ...(policy.HardExpiry !== undefined ? { HardExpiry: policy.HardExpiry } : {}),
  };
}

function keyRef(key: AccessKeyMetadata & { AccessKeyId: string }, user: User, tags: Record<string, string>, ctx: CollectContext): ResourceRef {
  return {
    type: 'AwsIamAccessKey',
    arn: `AWS::IAM::AccessKey:${key.AccessKeyId}`,
    id: key.AccessKeyId,
    region: ctx.region,
    partition: ctx.partition,
    tags,
    details: {
      AwsIamAccessKey: {
        AccessKeyId: key.AccessKeyId,
        AccountId: ctx.accountId,
        ...(key.Status ? { Status: key.Status } : {}),
        ...(key.CreateDate ? { CreatedAt: key.CreateDate.toISOString() } : {}),
        ...(user.UserId ? { PrincipalId: user.UserId } : {}),
        PrincipalType: 'IAMUser',
        PrincipalName: user.UserName ?? key.UserName ?? '',
      },
    },
  };
}

async function readUserKeys(iam: IAMClient, user: User & { UserName: string }, ctx: CollectContext): Promise<IamAccessKeyItem[]> {
  const UserName = user.UserName;
  // A user whose keys cannot be listed would vanish from the key checks: that fails the collection instead.
  const [keys, tags] = await Promise.all([
    ctx.limit(() =>
      collectPages(
        (Marker) => iam.send(new ListAccessKeysCommand({ UserName, Marker, MaxItems: PAGE_SIZE })),
        nextMarker,
        (page) => page.AccessKeyMetadata,
      ),
    ),
    ctx.limit(() =>
      fetchDetail(async () =>
        tagsToRecord(
          await collectPages(
            (Marker) => iam.send(new ListUserTagsCommand({ UserName, Marker, MaxItems: PAGE_SIZE })),
            nextMarker,
            (page) => page.Tags,
          ),
        ),
      ),
    ),
  ]);
  if (!tags.ok) ctx.logger.warn(`iam: the tags of user ${UserName} could not be read (${tags.error}); its keys' findings carry no owner tag`);
  const userTags = tags.ok ? tags.value : {};
  return keys.flatMap((key) => {
    if (!key.AccessKeyId) return [];
    const withId = { ...key, AccessKeyId: key.AccessKeyId };
    return [
      {
        ref: { ...keyRef(withId, user, userTags, ctx), ...(tags.ok ? {} : { tagsError: tags.error }) },
        accessKeyId: key.AccessKeyId,
        status: key.Status ?? 'Unknown',
        ...(key.CreateDate ? { createdAt: key.CreateDate.toISOString() } : {}),
        userName: UserName,
        userArn: user.Arn ?? `arn:${ctx.partition}:iam::${ctx.accountId}:user${user.Path ?? '/'}${UserName}`,
      },
    ];
  });
}

const known = (value: string | undefined): value is string => value !== undefined && value !== '' && value !== 'N/A';

function toKeyLastUsed(used: AccessKeyLastUsed | undefined): KeyLastUsed {
  return {
    ...(used?.LastUsedDate ? { date: used.LastUsedDate.toISOString() } : {}),
    ...(known(used?.ServiceName) ? { service: used.ServiceName } : {}),
    ...(known(used?.Region) ? { region: used.Region } : {}),
  };
}

/** The key's last use; undefined when the key was deleted after it was listed. */
async function readLastUsed(iam: IAMClient, key: IamAccessKeyItem, ctx: CollectContext): Promise<Fetched<KeyLastUsed> | undefined> {
  return ctx.limit(async () => {
    try {
      return fetched(toKeyLastUsed((await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId }))).AccessKeyLastUsed));
    } catch (error) {
      const info = describeAwsError(error);
      if (info.code === 'NoSuchEntity') return undefined;
      return { ok: false, error: info.message };
    }
  });
}

async function readAccessKeys(ctx: CollectContext): Promise<IamAccessKeyItem[]> {
  const iam = ctx.clients.get(IAMClient);
  const users = await collectPages(
    (Marker) => iam.send(new ListUsersCommand({ Marker, MaxItems: PAGE_SIZE })),
    nextMarker,
    (page) => (page.Users ?? []).flatMap((user) => (user.UserName ? [{ ...user, UserName: user.UserName }] : [])),
  );
  const keys = (await Promise.all(users.map((user) => readUserKeys(iam, user, ctx)))).flat();
  const read = await Promise.all(
    keys.map(async (key): Promise<IamAccessKeyItem | undefined> => {
      if (key.status !== 'Active') return key;
      const lastUsed = await readLastUsed(iam, key, ctx);
      return lastUsed ? { ...key, lastUsed } : undefined;
    }),
  );
  return read.filter((key): key is IamAccessKeyItem => key !== undefined);
}

async function readAccount(ctx: CollectContext): Promise<IamAccountItem> {
  const iam = ctx.clients.get(IAMClient);
  const passwordPolicy = await ctx.limit(() =>
    fetchDetail(async () => toPasswordPolicy((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy), ['NoSuchEntity'], undefined),
  );
  return { ref: accountRef(ctx.accountId, ctx.region), passwordPolicy };
}

/** Reads every user's access keys (with the last use of the active ones) and the password policy. */
export async function fetchIamInventory(ctx: CollectContext): Promise<IamInventory> {
  const collectedAt = new Date().toISOString();
  const [accessKeys, account] = await Promise.all([readAccessKeys(ctx), readAccount(ctx)]);
  return { collectedAt, accessKeys, account };
}

const isGone = (error: unknown): boolean => describeAwsError(error).code === 'NoSuchEntity';

/**
 * One access key as the scan reads it, found from its id: GetAccessKeyLastUsed
 * names its user (and gives the last use the scan reads for an active key).
 * Empty when the key or its user no longer exists.
 */
async function readOneAccessKey(ctx: CollectContext, accessKeyId: string): Promise<IamAccessKeyItem[]> {
  const iam = ctx.clients.get(IAMClient);
  try {
    const owner = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }));
    if (!owner.UserName) throw new Error(`GetAccessKeyLastUsed did not name the user of access key ${accessKeyId}`);
    const { User } = await iam.send(new GetUserCommand({ UserName: owner.UserName }));
    if (!User?.UserName) return [];
    const keys = await readUserKeys(iam, { ...User, UserName: User.UserName }, ctx);
    return keys
      .filter((key) => key.accessKeyId === accessKeyId)
      .map((key) => (key.status === 'Active' ? { ...key, lastUsed: fetched(toKeyLastUsed(owner.AccessKeyLastUsed)) } : key));
  } catch (error) {
    if (isGone(error)) return [];
    throw error;
  }
}

/** The inventory of one IAM resource (an access key, or the account's password policy), for a fix's re-check. */
export async function fetchIamResource(ctx: CollectContext, resource: ResourceRef): Promise<IamInventory> {
  const collectedAt = new Date().toISOString();
  if (resource.type === 'AwsIamAccessKey') return { collectedAt, accessKeys: await readOneAccessKey(ctx, resource.id) };
  if (resource.type === 'AwsAccount') return { collectedAt, accessKeys: [], account: await readAccount(ctx) };
  throw new Error(`the iam inventory holds no ${resource.type} resource (${resource.arn})`);
}
