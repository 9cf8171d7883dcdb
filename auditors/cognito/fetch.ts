/** Reads the Cognito user pool inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import { CognitoIdentityProviderClient, DescribeUserPoolCommand, ListUserPoolsCommand, type UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { mapLimited } from '../../src/util/limit.js';
import type { CognitoInventory, CognitoUserPoolItem, CognitoUserPoolSettings } from './collect.js';

/** The largest page ListUserPools returns. */
export const PAGE_SIZE = 60;
/** A pool deleted between the listing and its description. */
export const GONE_CODES = ['ResourceNotFoundException'];

/** Copies the defined fields only. */
function defined<T extends object>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as T;
}

export function toSettings(pool: UserPoolType): CognitoUserPoolSettings {
  const policy = pool.Policies?.PasswordPolicy;
  return defined<CognitoUserPoolSettings>({
    passwordPolicy: policy
      ? defined({
          minimumLength: policy.MinimumLength,
          requireUppercase: policy.RequireUppercase,
          requireLowercase: policy.RequireLowercase,
          requireNumbers: policy.RequireNumbers,
          requireSymbols: policy.RequireSymbols,
          temporaryPasswordValidityDays: policy.TemporaryPasswordValidityDays,
        })
      : undefined,
    mfaConfiguration: pool.MfaConfiguration,
    allowedFirstAuthFactors: pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors,
  });
}

/** ASFF has no Cognito details type: the pool's settings go in Other, by their API names. */
function poolDetails(id: string, name: string, settings: Fetched<CognitoUserPoolSettings>): { [key: string]: JsonValue } {
  const details: { [key: string]: JsonValue } = { Id: id, Name: name };
  if (!settings.ok) return details;
  const { passwordPolicy, mfaConfiguration } = settings.value;
  if (mfaConfiguration) details.MfaConfiguration = mfaConfiguration;
  if (passwordPolicy?.minimumLength !== undefined) details.PasswordMinimumLength = String(passwordPolicy.minimumLength);
  return details;
}

async function describePool(client: CognitoIdentityProviderClient, id: string, listedName: string, ctx: CollectContext): Promise<CognitoUserPoolItem | undefined> {
  const described = await fetchDetail<UserPoolType | undefined>(async () => (await client.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool ?? {}, GONE_CODES, undefined);
  if (described.ok && described.value === undefined) return undefined;
  const pool = described.ok ? (described.value as UserPoolType) : undefined;
  const name = pool?.Name ?? listedName;
  const settings: Fetched<CognitoUserPoolSettings> = pool ? { ok: true, value: toSettings(pool) } : (described as Fetched<CognitoUserPoolSettings>);
  return {
    ref: {
      type: 'Other',
      arn: pool?.Arn ?? `arn:${ctx.partition}:cognito-idp:${ctx.region}:${ctx.accountId}:userpool/${id}`,
      id,
      region: ctx.region,
      partition: ctx.partition,
      tags: pool?.UserPoolTags ?? {},
      ...(described.ok ? {} : { tagsError: described.error }),
      details: { Other: poolDetails(id, name, settings) },
    },
    id,
    name,
    settings,
  };
}

/** Lists the user pools and describes each one once. */
export async function fetchCognitoInventory(ctx: CollectContext): Promise<CognitoInventory> {
  const client = ctx.clients.get(CognitoIdentityProviderClient);
  const listed = await unlessNotOffered(
    () =>
      collectPages(
        (NextToken) => client.send(new ListUserPoolsCommand({ MaxResults: PAGE_SIZE, NextToken })),
        (page) => page.NextToken,
        (page) => page.UserPools,
      ),
    () => [],
    (why) => ctx.logger.debug(`cognito: not offered in ${ctx.region}: ${why}`),
  );
  const pools = listed.flatMap((p) => (p.Id ? [{ id: p.Id, name: p.Name ?? p.Id }] : []));
  const items = await mapLimited(pools, ctx.limit, (p) => describePool(client, p.id, p.name, ctx));
  return { userPools: items.filter((item): item is CognitoUserPoolItem => item !== undefined) };
}
