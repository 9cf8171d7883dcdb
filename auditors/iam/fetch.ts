/** Reads the IAM inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  type AccessKeyLastUsed,
  type AccessKeyMetadata,
  type PasswordPolicy as SdkPasswordPolicy,
  type Policy,
  type User,
} from '@aws-sdk/client-iam';
import { collectPages } from '../../src/aws/paginate.js';
import { sleep } from '../../src/aws/retry.js';
import type { CollectContext, Fetched } from '../../src/core/collector.js';
import { fetchDetail, fetched } from '../../src/core/collector.js';
import { describeAwsError } from '../../src/aws/errors.js';
import { accountRef, tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import type {
  AccountSummary, CredentialsRecord, IamAccessKeyItem, IamAccountItem, IamInventory, IamPolicyItem, IamUserItem, KeyLastUsed, PasswordPolicy, VirtualMfaDeviceRecord,
} from './collect.js';
import { parseCredentialReport, ROOT_USER, type CredentialReport } from './credential-report.js';

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

function keyRef(key: AccessKeyMetadata & { AccessKeyId: string }, user: User, ctx: CollectContext): ResourceRef {
  return {
    type: 'AwsIamAccessKey',
    arn: `AWS::IAM::AccessKey:${key.AccessKeyId}`,
    id: key.AccessKeyId,
    region: ctx.region,
    partition: ctx.partition,
    tags: {},
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

type Tags = Fetched<Record<string, string>>;

async function readUserTags(iam: IAMClient, UserName: string, ctx: CollectContext): Promise<Tags> {
  const tags = await ctx.limit(() =>
    fetchDetail(async () =>
      tagsToRecord(
        await collectPages(
          (Marker) => iam.send(new ListUserTagsCommand({ UserName, Marker, MaxItems: PAGE_SIZE })),
          nextMarker,
          (page) => page.Tags,
        ),
      ),
    ),
  );
  if (!tags.ok) ctx.logger.warn(`iam: the tags of user ${UserName} could not be read (${tags.error}); its findings carry no owner tag`);
  return tags;
}

const withTags = (ref: ResourceRef, tags: Tags): ResourceRef => ({ ...ref, tags: tags.ok ? tags.value : {}, ...(tags.ok ? {} : { tagsError: tags.error }) });

const userArnOf = (user: User & { UserName: string }, ctx: CollectContext): string => user.Arn ?? `arn:${ctx.partition}:iam::${ctx.accountId}:user${user.Path ?? '/'}${user.UserName}`;

async function readUserKeys(iam: IAMClient, user: User & { UserName: string }, tags: Promise<Tags>, ctx: CollectContext): Promise<IamAccessKeyItem[]> {
  const UserName = user.UserName;
  // A user whose keys cannot be listed would vanish from the key checks: that fails the collection instead.
  const [keys, userTags] = await Promise.all([
    ctx.limit(() =>
      collectPages(
        (Marker) => iam.send(new ListAccessKeysCommand({ UserName, Marker, MaxItems: PAGE_SIZE })),
        nextMarker,
        (page) => page.AccessKeyMetadata,
      ),
    ),
    tags,
  ]);
  return keys.flatMap((key) => {
    if (!key.AccessKeyId) return [];
    const withId = { ...key, AccessKeyId: key.AccessKeyId };
    return [
      {
        ref: withTags(keyRef(withId, user, ctx), userTags),
        accessKeyId: key.AccessKeyId,
        status: key.Status ?? 'Unknown',
        ...(key.CreateDate ? { createdAt: key.CreateDate.toISOString() } : {}),
        userName: UserName,
        userArn: userArnOf(user, ctx),
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

async function withLastUse(iam: IAMClient, keys: readonly IamAccessKeyItem[], ctx: CollectContext): Promise<IamAccessKeyItem[]> {
  const read = await Promise.all(
    keys.map(async (key): Promise<IamAccessKeyItem | undefined> => {
      if (key.status !== 'Active') return key;
      const lastUsed = await readLastUsed(iam, key, ctx);
      return lastUsed ? { ...key, lastUsed } : undefined;
    }),
  );
  return read.filter((key): key is IamAccessKeyItem => key !== undefined);
}

/** The managed policies attached to a user, and its inline policies: what CIS 1.15 says belongs on groups. */
async function readUserPolicies(iam: IAMClient, UserName: string, ctx: CollectContext): Promise<Pick<IamUserItem, 'attachedPolicies' | 'inlinePolicies'>> {
  const [attachedPolicies, inlinePolicies] = await Promise.all([
    ctx.limit(() =>
      fetchDetail(() =>
        collectPages(
          (Marker) => iam.send(new ListAttachedUserPoliciesCommand({ UserName, Marker, MaxItems: PAGE_SIZE })),
          nextMarker,
          (page) => (page.AttachedPolicies ?? []).flatMap((policy) => (policy.PolicyArn ? [policy.PolicyArn] : [])),
        ),
      ),
    ),
    ctx.limit(() =>
      fetchDetail(() =>
        collectPages(
          (Marker) => iam.send(new ListUserPoliciesCommand({ UserName, Marker, MaxItems: PAGE_SIZE })),
          nextMarker,
          (page) => page.PolicyNames,
        ),
      ),
    ),
  ]);
  return { attachedPolicies, inlinePolicies };
}

function userRef(user: User & { UserName: string }, tags: Tags, policies: Pick<IamUserItem, 'attachedPolicies' | 'inlinePolicies'>, ctx: CollectContext): ResourceRef {
  const attached = policies.attachedPolicies.ok ? policies.attachedPolicies.value : [];
  const inline = policies.inlinePolicies.ok ? policies.inlinePolicies.value : [];
  return withTags(
    {
      type: 'AwsIamUser',
      arn: userArnOf(user, ctx),
      id: user.UserName,
      region: ctx.region,
      partition: ctx.partition,
      tags: {},
      details: {
        AwsIamUser: {
          UserName: user.UserName,
          ...(user.UserId ? { UserId: user.UserId } : {}),
          ...(user.Path ? { Path: user.Path } : {}),
          ...(user.CreateDate ? { CreateDate: user.CreateDate.toISOString() } : {}),
          ...(attached.length > 0 ? { AttachedManagedPolicies: attached.map((PolicyArn) => ({ PolicyArn, PolicyName: PolicyArn.slice(PolicyArn.lastIndexOf('/') + 1) })) } : {}),
          ...(inline.length > 0 ? { UserPolicyList: inline.map((PolicyName) => ({ PolicyName })) } : {}),
        },
      },
    },
    tags,
  );
}

/** The report's row for a user (or the root user) by ARN, or the report's failure. */
function credentialsOf(report: Fetched<CredentialReport>, arn: string, user: string): Fetched<CredentialsRecord> {
  if (!report.ok) return report;
  const row = report.value.rows.find((r) => r.arn === arn) ?? report.value.rows.find((r) => r.user === user && user === ROOT_USER);
  return fetched({ ...(row ? { row } : {}), ...(report.value.generatedAt ? { reportGeneratedAt: report.value.generatedAt } : {}) });
}

/** Every user with its keys (the last use of the active ones), directly attached policies and credential report row. */
async function readUsers(ctx: CollectContext, report: Promise<Fetched<CredentialReport>>): Promise<{ users: IamUserItem[]; accessKeys: IamAccessKeyItem[] }> {
  const iam = ctx.clients.get(IAMClient);
  const listed = await collectPages(
    (Marker) => iam.send(new ListUsersCommand({ Marker, MaxItems: PAGE_SIZE })),
    nextMarker,
    (page) => (page.Users ?? []).flatMap((user) => (user.UserName ? [{ ...user, UserName: user.UserName }] : [])),
  );
  const read = await Promise.all(
    listed.map(async (user) => {
      const tags = readUserTags(iam, user.UserName, ctx);
      const [keys, policies, userTags] = await Promise.all([readUserKeys(iam, user, tags, ctx), readUserPolicies(iam, user.UserName, ctx), tags]);
      return { user, keys, policies, tags: userTags };
    }),
  );
  const [accessKeys, credentialReport] = await Promise.all([withLastUse(iam, read.flatMap((r) => r.keys), ctx), report]);
  const users = read.map(({ user, policies, tags }): IamUserItem => {
    const userArn = userArnOf(user, ctx);
    return { ref: userRef(user, tags, policies, ctx), userName: user.UserName, userArn, credentials: credentialsOf(credentialReport, userArn, user.UserName), ...policies };
  });
  return { users, accessKeys };
}

/** Bounded wait for IAM to finish a credential report: about half a minute in all. */
export const CREDENTIAL_REPORT_POLL_MS: readonly number[] = [250, 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000];

/** The codes GetCredentialReport answers while a report is not (or no longer) ready: ask IAM to generate it, and wait. */
const REPORT_NOT_READY = new Set(['ReportInProgress', 'CredentialReportNotReadyException', 'ReportNotPresent', 'CredentialReportNotPresentException', 'ReportExpired', 'CredentialReportExpiredException']);

/**
 * Asks IAM for a credential report (it reuses one generated in the last 4
 * hours) and reads it once it is COMPLETE, waiting `delays` between tries.
 */
export async function readCredentialReport(iam: IAMClient, delays: readonly number[] = CREDENTIAL_REPORT_POLL_MS, wait: (ms: number) => Promise<void> = sleep): Promise<CredentialReport> {
  for (let attempt = 0; ; attempt += 1) {
    const { State } = await iam.send(new GenerateCredentialReportCommand({}));
    if (State === 'COMPLETE') {
      try {
        const report = await iam.send(new GetCredentialReportCommand({}));
        if (!report.Content) throw new Error('GetCredentialReport returned no Content');
        return {
          rows: parseCredentialReport(new TextDecoder().decode(report.Content)),
          ...(report.GeneratedTime ? { generatedAt: report.GeneratedTime.toISOString() } : {}),
        };
      } catch (error) {
        const { code } = describeAwsError(error);
        const name = error instanceof Error ? error.name : '';
        if (!REPORT_NOT_READY.has(code) && !REPORT_NOT_READY.has(name)) throw error;
      }
    }
    const delay = delays[attempt];
    if (delay === undefined) throw new Error(`the credential report was not ready after ${Math.round(delays.reduce((a, b) => a + b, 0) / 1000)} seconds (state ${State ?? 'not reported'})`);
    await wait(delay);
  }
}

function toSummary(map: Record<string, number> | undefined): AccountSummary {
  if (!map) throw new Error('GetAccountSummary returned no SummaryMap');
  return {
    ...(map.AccountMFAEnabled !== undefined ? { AccountMFAEnabled: map.AccountMFAEnabled } : {}),
    ...(map.AccountAccessKeysPresent !== undefined ? { AccountAccessKeysPresent: map.AccountAccessKeysPresent } : {}),
  };
}

const isRoot = (arn: string | undefined): boolean => arn !== undefined && /^arn:[^:]+:iam::\d{12}:root$/.test(arn);

async function readPasswordPolicy(iam: IAMClient, ctx: CollectContext): Promise<IamAccountItem['passwordPolicy']> {
  return ctx.limit(() => fetchDetail(async () => toPasswordPolicy((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy), ['NoSuchEntity'], undefined));
}

/** The account's settings and its root user, and the roles the support policy is attached to. */
async function readAccount(ctx: CollectContext, report: Promise<Fetched<CredentialReport>>): Promise<IamAccountItem> {
  const iam = ctx.clients.get(IAMClient);
  const supportPolicy = `arn:${ctx.partition}:iam::aws:policy/AWSSupportAccess`;
  const [passwordPolicy, summary, rootVirtualMfaDevices, supportRoles, credentialReport] = await Promise.all([
    readPasswordPolicy(iam, ctx),
    ctx.limit(() => fetchDetail(async () => toSummary((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap))),
    ctx.limit(() =>
      fetchDetail(async () =>
        (
          await collectPages(
            (Marker) => iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned', Marker, MaxItems: PAGE_SIZE })),
            nextMarker,
            (page) => page.VirtualMFADevices,
          )
        )
          .filter((device) => isRoot(device.User?.Arn) && device.SerialNumber)
          .map((device): VirtualMfaDeviceRecord => ({ serialNumber: device.SerialNumber as string, ...(device.EnableDate ? { enabledAt: device.EnableDate.toISOString() } : {}) })),
      ),
    ),
    ctx.limit(() =>
      fetchDetail(() =>
        collectPages(
          (Marker) => iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: supportPolicy, EntityFilter: 'Role', Marker, MaxItems: PAGE_SIZE })),
          nextMarker,
          (page) => (page.PolicyRoles ?? []).flatMap((role) => (role.RoleName ? [role.RoleName] : [])),
        ),
      ),
    ),
    report,
  ]);
  const rootCredentials = credentialsOf(credentialReport, `arn:${ctx.partition}:iam::${ctx.accountId}:root`, ROOT_USER);
  return { ref: accountRef(ctx.accountId, ctx.region), passwordPolicy, summary, rootVirtualMfaDevices, rootCredentials, supportRoles };
}

/** IAM returns policy documents URL-encoded (RFC 3986); an emulator may not. */
export function decodePolicyDocument(document: string): string {
  return document.trimStart().startsWith('{') ? document : decodeURIComponent(document);
}

function policyItem(policy: Policy & { Arn: string }, document: Fetched<string>, ctx: CollectContext): IamPolicyItem {
  const policyName = policy.PolicyName ?? policy.Arn.slice(policy.Arn.lastIndexOf('/') + 1);
  return {
    ref: {
      type: 'AwsIamPolicy',
      arn: policy.Arn,
      id: policyName,
      region: ctx.region,
      partition: ctx.partition,
      tags: {},
      details: {
        AwsIamPolicy: {
          PolicyName: policyName,
          ...(policy.PolicyId ? { PolicyId: policy.PolicyId } : {}),
          ...(policy.Path ? { Path: policy.Path } : {}),
          ...(policy.DefaultVersionId ? { DefaultVersionId: policy.DefaultVersionId } : {}),
          ...(policy.AttachmentCount !== undefined ? { AttachmentCount: policy.AttachmentCount } : {}),
          ...(policy.PermissionsBoundaryUsageCount !== undefined ? { PermissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount } : {}),
          ...(policy.IsAttachable !== undefined ? { IsAttachable: policy.IsAttachable } : {}),
          ...(policy.CreateDate ? { CreateDate: policy.CreateDate.toISOString() } : {}),
          ...(policy.UpdateDate ? { UpdateDate: policy.UpdateDate.toISOString() } : {}),
        },
      },
    },
    policyName,
    policyArn: policy.Arn,
    ...(policy.DefaultVersionId ? { defaultVersionId: policy.DefaultVersionId } : {}),
    ...(policy.AttachmentCount !== undefined ? { attachmentCount: policy.AttachmentCount } : {}),
    ...(policy.PermissionsBoundaryUsageCount !== undefined ? { permissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount } : {}),
    document,
  };
}

/** The customer managed policies, attached or not, each with its default version's document. */
async function readPolicies(ctx: CollectContext): Promise<IamPolicyItem[]> {
  const iam = ctx.clients.get(IAMClient);
  const policies = await collectPages(
    (Marker) => iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker, MaxItems: PAGE_SIZE })),
    nextMarker,
    (page) => (page.Policies ?? []).flatMap((policy) => (policy.Arn ? [{ ...policy, Arn: policy.Arn }] : [])),
  );
  const documents = await mapLimited(policies, ctx.limit, (policy) =>
    fetchDetail(async () => {
      if (!policy.DefaultVersionId) throw new Error('ListPolicies did not name its default version');
      const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: policy.DefaultVersionId }));
      if (!PolicyVersion?.Document) throw new Error(`GetPolicyVersion returned no document for ${policy.DefaultVersionId}`);
      return decodePolicyDocument(PolicyVersion.Document);
    }),
  );
  return policies.map((policy, i) => policyItem(policy, documents[i] ?? { ok: false, error: 'it was not read' }, ctx));
}

/** Reads the users with their keys, policies and credentials, the customer managed policies, and the account. */
export async function fetchIamInventory(ctx: CollectContext): Promise<IamInventory> {
  const collectedAt = new Date().toISOString();
  const iam = ctx.clients.get(IAMClient);
  // Read once, shared by the users and the root user; a report that cannot be had is an ERROR only for the checks that read it.
  const report = fetchDetail(() => readCredentialReport(iam));
  const [{ users, accessKeys }, policies, account] = await Promise.all([readUsers(ctx, report), readPolicies(ctx), readAccount(ctx, report)]);
  return { collectedAt, accessKeys, account, users, policies };
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
    const keys = await readUserKeys(iam, { ...User, UserName: User.UserName }, readUserTags(iam, User.UserName, ctx), ctx);
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
  if (resource.type === 'AwsAccount') {
    const passwordPolicy = await readPasswordPolicy(ctx.clients.get(IAMClient), ctx);
    return { collectedAt, accessKeys: [], account: { ref: accountRef(ctx.accountId, ctx.region), passwordPolicy } };
  }
  throw new Error(`the iam inventory holds no ${resource.type} resource (${resource.arn})`);
}
