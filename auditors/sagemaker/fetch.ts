/** Reads the SageMaker inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  DescribeEndpointConfigCommand, DescribeModelCommand, DescribeNotebookInstanceCommand, ListEndpointConfigsCommand, ListModelsCommand,
  ListNotebookInstancesCommand, ListTagsCommand, SageMakerClient, type DescribeEndpointConfigCommandOutput, type DescribeModelCommandOutput,
  type DescribeNotebookInstanceCommandOutput,
} from '@aws-sdk/client-sagemaker';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { describeAwsError } from '../../src/aws/errors.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import type { CollectContext, Fetched } from '../../src/core/collector.js';
import { tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import type { EndpointConfigSettings, ModelSettings, NotebookSettings, SageMakerInventory, SageMakerItem } from './collect.js';

/** The largest page the SageMaker list calls return. */
export const PAGE_SIZE = 100;

type JsonObject = { [key: string]: JsonValue };

/**
 * SageMaker answers a describe of a resource deleted since the listing with a
 * ValidationException ("Could not find model …", "RecordNotFound"), not a code
 * of its own; ListTags answers ResourceNotFound.
 */
export function isGone(error: unknown): boolean {
  const { code, message } = describeAwsError(error);
  if (code === 'ResourceNotFound' || code === 'ResourceNotFoundException') return true;
  return code === 'ValidationException' && /could not find|RecordNotFound|does not exist/i.test(message);
}

const GONE = Symbol('gone');

/** One read of one resource: its value, GONE when the resource no longer exists, or the failure. */
async function read<T>(call: () => Promise<T>): Promise<Fetched<T> | typeof GONE> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (isGone(error)) return GONE;
    return { ok: false, error: describeAwsError(error).message };
  }
}

function defined(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

export function toNotebookSettings(answer: Partial<DescribeNotebookInstanceCommandOutput>): NotebookSettings {
  const settings: NotebookSettings = { securityGroups: answer.SecurityGroups ?? [] };
  if (answer.NotebookInstanceStatus) settings.status = answer.NotebookInstanceStatus;
  if (answer.KmsKeyId) settings.kmsKeyId = answer.KmsKeyId;
  if (answer.DirectInternetAccess) settings.directInternetAccess = answer.DirectInternetAccess;
  if (answer.SubnetId) settings.subnetId = answer.SubnetId;
  if (answer.RootAccess) settings.rootAccess = answer.RootAccess;
  return settings;
}

export function toEndpointConfigSettings(answer: Partial<DescribeEndpointConfigCommandOutput>): EndpointConfigSettings {
  return {
    ...(answer.KmsKeyId ? { kmsKeyId: answer.KmsKeyId } : {}),
    variants: (answer.ProductionVariants ?? []).map((v) => ({
      name: v.VariantName ?? 'unnamed',
      ...(v.InstanceType ? { instanceType: v.InstanceType } : {}),
      serverless: v.ServerlessConfig !== undefined,
    })),
  };
}

export function toModelSettings(answer: Partial<DescribeModelCommandOutput>): ModelSettings {
  return {
    ...(answer.EnableNetworkIsolation !== undefined ? { enableNetworkIsolation: answer.EnableNetworkIsolation } : {}),
    vpcSubnets: answer.VpcConfig?.Subnets ?? [],
  };
}

/** ASFF AwsSageMakerNotebookInstance (real field names; unreported fields left out). */
function notebookDetails(name: string, settings: Fetched<NotebookSettings>): JsonObject {
  if (!settings.ok) return { NotebookInstanceName: name };
  const s = settings.value;
  return defined({
    NotebookInstanceName: name,
    NotebookInstanceStatus: s.status,
    DirectInternetAccess: s.directInternetAccess,
    KmsKeyId: s.kmsKeyId,
    SubnetId: s.subnetId,
    SecurityGroups: s.securityGroups.length > 0 ? s.securityGroups : undefined,
    RootAccess: s.rootAccess,
  });
}

/** ASFF has no details type for endpoint configurations and models: string values in Other. */
function endpointConfigDetails(name: string, settings: Fetched<EndpointConfigSettings>): JsonObject {
  if (!settings.ok) return { EndpointConfigName: name };
  return defined({ EndpointConfigName: name, KmsKeyId: settings.value.kmsKeyId, InstanceTypes: settings.value.variants.map((v) => v.instanceType ?? 'serverless').join(',') });
}

function modelDetails(name: string, settings: Fetched<ModelSettings>): JsonObject {
  if (!settings.ok) return { ModelName: name };
  const isolation = settings.value.enableNetworkIsolation;
  return defined({ ModelName: name, EnableNetworkIsolation: isolation === undefined ? undefined : String(isolation) });
}

interface Listed {
  name: string;
  arn: string;
}

/**
 * Describes one listed resource and reads its tags (each call bounded by the
 * detail limit); undefined when it was
 * deleted since the listing. A failed describe makes the resource's checks
 * ERROR; failed tags leave it untagged with the reason.
 */
async function readItem<Answer, Settings>(
  sm: SageMakerClient,
  listed: Listed,
  ctx: CollectContext,
  type: string,
  describe: () => Promise<Answer>,
  toSettings: (answer: Answer) => Settings,
  details: (name: string, settings: Fetched<Settings>) => JsonObject,
): Promise<SageMakerItem<Settings> | undefined> {
  const [described, tags] = await Promise.all([
    ctx.limit(() => read(async () => toSettings(await describe()))),
    ctx.limit(() => read(async () => tagsToRecord(await listAllTags(sm, listed.arn)))),
  ]);
  if (described === GONE || tags === GONE) return undefined;
  const ref: ResourceRef = {
    type,
    arn: listed.arn,
    id: listed.name,
    region: ctx.region,
    partition: ctx.partition,
    tags: tags.ok ? tags.value : {},
    ...(tags.ok ? {} : { tagsError: tags.error }),
    details: { [type]: details(listed.name, described) },
  };
  return { ref, name: listed.name, settings: described };
}

function listAllTags(sm: SageMakerClient, ResourceArn: string): Promise<{ Key?: string; Value?: string }[]> {
  return collectPages(
    (NextToken) => sm.send(new ListTagsCommand({ ResourceArn, NextToken, MaxResults: PAGE_SIZE })),
    (page) => page.NextToken,
    (page) => page.Tags,
  );
}

const named = (name: string | undefined, arn: string | undefined): Listed[] => (name && arn ? [{ name, arn }] : []);

/** Lists the notebook instances, endpoint configurations and models, and reads each one once. */
export async function fetchSageMakerInventory(ctx: CollectContext): Promise<SageMakerInventory> {
  const sm = ctx.clients.get(SageMakerClient);
  const empty = (): [Listed[], Listed[], Listed[]] => [[], [], []];
  const [notebooks, endpointConfigs, models] = await unlessNotOffered(
    () =>
      Promise.all([
        collectPages(
          (NextToken) => sm.send(new ListNotebookInstancesCommand({ MaxResults: PAGE_SIZE, NextToken })),
          (page) => page.NextToken,
          (page) => page.NotebookInstances?.flatMap((n) => named(n.NotebookInstanceName, n.NotebookInstanceArn)),
        ),
        collectPages(
          (NextToken) => sm.send(new ListEndpointConfigsCommand({ MaxResults: PAGE_SIZE, NextToken })),
          (page) => page.NextToken,
          (page) => page.EndpointConfigs?.flatMap((c) => named(c.EndpointConfigName, c.EndpointConfigArn)),
        ),
        collectPages(
          (NextToken) => sm.send(new ListModelsCommand({ MaxResults: PAGE_SIZE, NextToken })),
          (page) => page.NextToken,
          (page) => page.Models?.flatMap((m) => named(m.ModelName, m.ModelArn)),
        ),
      ]),
    empty,
    (why) => ctx.logger.debug(`sagemaker: not offered in ${ctx.region}: ${why}`),
  );
  const present = <T>(items: (T | undefined)[]): T[] => items.filter((item): item is T => item !== undefined);
  const [notebookItems, configItems, modelItems] = await Promise.all([
    Promise.all(notebooks.map((n) =>
      readItem(sm, n, ctx, 'AwsSageMakerNotebookInstance', () => sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: n.name })), toNotebookSettings, notebookDetails),
    )),
    Promise.all(endpointConfigs.map((c) =>
      readItem(sm, c, ctx, 'Other', () => sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: c.name })), toEndpointConfigSettings, endpointConfigDetails),
    )),
    Promise.all(models.map((m) => readItem(sm, m, ctx, 'Other', () => sm.send(new DescribeModelCommand({ ModelName: m.name })), toModelSettings, modelDetails))),
  ]);
  const inventory = { notebooks: present(notebookItems), endpointConfigs: present(configItems), models: present(modelItems) };
  const untagged = [...inventory.notebooks, ...inventory.endpointConfigs, ...inventory.models].filter((item) => item.ref.tagsError);
  // No check reads tags, but owners are resolved from them: say so rather than lose them quietly.
  if (untagged.length > 0) ctx.logger.warn(`sagemaker: the tags of ${untagged.length} resource(s) could not be read, e.g. ${untagged[0]?.name}: ${untagged[0]?.ref.tagsError}`);
  return inventory;
}
