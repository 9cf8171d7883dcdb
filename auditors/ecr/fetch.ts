/** Reads the ECR inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  DescribeRepositoriesCommand, ECRClient, GetLifecyclePolicyCommand, GetRegistryScanningConfigurationCommand, GetRepositoryPolicyCommand,
  ListTagsForResourceCommand, type Repository,
} from '@aws-sdk/client-ecr';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { describeAwsError } from '../../src/aws/errors.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import { fetchDetail, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord } from '../../src/core/resource.js';
import { redact } from '../../src/util/redact.js';
import type { EcrInventory, EcrRepositoryItem } from './collect.js';
import type { RegistryScanning } from './scanning.js';

/** The largest page DescribeRepositories returns. */
const PAGE_SIZE = 1000;
/** A repository deleted between the listing and its detail calls. */
export const GONE_CODE = 'RepositoryNotFoundException';
const NO_LIFECYCLE_POLICY = 'LifecyclePolicyNotFoundException';
const NO_REPOSITORY_POLICY = 'RepositoryPolicyNotFoundException';

const GONE = Symbol('gone');

/** One detail of a repository: a value, undefined for "not configured", a failure, or GONE. */
async function readDetail<T>(call: () => Promise<T>, absentCode?: string): Promise<Fetched<T | undefined> | typeof GONE> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const { code, message } = describeAwsError(error);
    if (code === GONE_CODE) return GONE;
    if (code === absentCode) return { ok: true, value: undefined };
    return { ok: false, error: redact(message) };
  }
}

type JsonObject = { [key: string]: JsonValue };

function compact(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

/** ASFF AwsEcrRepositoryDetails. */
function repositoryDetails(repository: Repository, arn: string, lifecycle: Fetched<string | undefined>, policy: Fetched<string | undefined>): JsonObject {
  const scanOnPush = repository.imageScanningConfiguration?.scanOnPush;
  return compact({
    Arn: arn,
    RepositoryName: repository.repositoryName,
    ImageTagMutability: repository.imageTagMutability,
    ImageScanningConfiguration: scanOnPush === undefined ? undefined : { ScanOnPush: scanOnPush },
    LifecyclePolicy: lifecycle.ok && lifecycle.value !== undefined ? compact({ LifecyclePolicyText: lifecycle.value, RegistryId: repository.registryId }) : undefined,
    RepositoryPolicyText: policy.ok ? policy.value : undefined,
  });
}

async function readRepository(ecr: ECRClient, repository: Repository & { repositoryName: string }, ctx: CollectContext): Promise<EcrRepositoryItem | undefined> {
  const { repositoryName, registryId } = repository;
  const arn = repository.repositoryArn ?? `arn:${ctx.partition}:ecr:${ctx.region}:${registryId ?? ctx.accountId}:repository/${repositoryName}`;
  const [lifecycle, policy, tags] = await Promise.all([
    ctx.limit(() => readDetail(async () => (await ecr.send(new GetLifecyclePolicyCommand({ repositoryName, registryId }))).lifecyclePolicyText, NO_LIFECYCLE_POLICY)),
    ctx.limit(() => readDetail(async () => (await ecr.send(new GetRepositoryPolicyCommand({ repositoryName, registryId }))).policyText, NO_REPOSITORY_POLICY)),
    ctx.limit(() => readDetail(async () => tagsToRecord((await ecr.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags))),
  ]);
  if (lifecycle === GONE || policy === GONE || tags === GONE) return undefined;
  const repositoryTags: Fetched<Record<string, string>> = tags.ok ? { ok: true, value: tags.value ?? {} } : tags;
  return {
    ref: {
      type: 'AwsEcrRepository',
      arn,
      id: repositoryName,
      region: ctx.region,
      partition: ctx.partition,
      tags: repositoryTags.ok ? repositoryTags.value : {},
      ...(repositoryTags.ok ? {} : { tagsError: repositoryTags.error }),
      details: { AwsEcrRepository: repositoryDetails(repository, arn, lifecycle, policy) },
    },
    name: repositoryName,
    ...(repository.imageTagMutability !== undefined ? { imageTagMutability: repository.imageTagMutability } : {}),
    tagMutabilityExclusions: (repository.imageTagMutabilityExclusionFilters ?? []).flatMap((f) => (f.filter ? [f.filter] : [])),
    ...(repository.imageScanningConfiguration?.scanOnPush !== undefined ? { scanOnPush: repository.imageScanningConfiguration.scanOnPush } : {}),
    lifecyclePolicy: lifecycle,
    repositoryPolicy: policy,
    tags: repositoryTags,
  };
}

async function readRegistryScanning(ecr: ECRClient): Promise<Fetched<RegistryScanning>> {
  const answer = await fetchDetail(async () => (await ecr.send(new GetRegistryScanningConfigurationCommand({}))).scanningConfiguration);
  if (!answer.ok) return answer;
  const scanType = answer.value?.scanType;
  if (scanType === undefined) return { ok: false, error: 'GetRegistryScanningConfiguration did not report the scanning type' };
  const rules = (answer.value?.rules ?? []).map((rule) => ({
    scanFrequency: rule.scanFrequency ?? 'MANUAL',
    filters: (rule.repositoryFilters ?? []).flatMap((f) => (f.filter ? [{ filter: f.filter, filterType: f.filterType ?? 'WILDCARD' }] : [])),
  }));
  return { ok: true, value: { scanType, rules } };
}

async function collect(ctx: CollectContext): Promise<EcrInventory> {
  const ecr = ctx.clients.get(ECRClient);
  const listed = await collectPages(
    (nextToken) => ecr.send(new DescribeRepositoriesCommand({ maxResults: PAGE_SIZE, nextToken })),
    (page) => page.nextToken,
    (page) => page.repositories,
  );
  const named = listed.filter((r): r is Repository & { repositoryName: string } => r.repositoryName !== undefined);
  const [registryScanning, items] = await Promise.all([
    named.length > 0 ? readRegistryScanning(ecr) : Promise.resolve<Fetched<RegistryScanning>>({ ok: false, error: 'not read: the region has no repositories' }),
    // Each detail call takes its own turn of ctx.limit (a repository's three calls run side by side).
    Promise.all(named.map((repository) => readRepository(ecr, repository, ctx))),
  ]);
  const repositories = items.filter((r): r is EcrRepositoryItem => r !== undefined);
  const untagged = repositories.flatMap((r) => (r.tags.ok ? [] : [`${r.name}: ${r.tags.error}`]));
  // No check reads tags, but owners are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`ecr: the tags of ${untagged.length} repository(ies) could not be read, e.g. ${untagged[0]}`);
  return { repositories, registryScanning };
}

/** Lists the private repositories and reads what the checks judge. */
export function fetchEcrInventory(ctx: CollectContext): Promise<EcrInventory> {
  return unlessNotOffered(
    () => collect(ctx),
    () => ({ repositories: [], registryScanning: { ok: false, error: 'ECR is not offered in this region' } }),
    (why) => ctx.logger.debug(`ecr: not offered in ${ctx.region}: ${why}`),
  );
}
