/** Reads the Secrets Manager inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import { ListSecretsCommand, SecretsManagerClient, type SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import type { CollectContext } from '../../src/core/collector.js';
import { tagsToRecord } from '../../src/core/resource.js';
import type { SecretItem, SecretsManagerInventory } from './collect.js';

/** ListSecrets returns at most 100 secrets a page. */
const PAGE_SIZE = 100;

type JsonObject = { [key: string]: JsonValue };

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

/** ASFF AwsSecretsManagerSecretDetails (never the secret's value: ListSecrets does not return it). */
function secretDetails(entry: SecretListEntry, name: string): JsonObject {
  const details: JsonObject = { Name: name, RotationEnabled: entry.RotationEnabled === true, Deleted: false };
  if (entry.RotationLambdaARN) details.RotationLambdaArn = entry.RotationLambdaARN;
  if (entry.RotationRules?.AutomaticallyAfterDays !== undefined) details.RotationRules = { AutomaticallyAfterDays: entry.RotationRules.AutomaticallyAfterDays };
  if (entry.KmsKeyId) details.KmsKeyId = entry.KmsKeyId;
  if (entry.Description) details.Description = entry.Description;
  return details;
}

export function toSecret(entry: SecretListEntry, ctx: CollectContext): SecretItem | undefined {
  const name = entry.Name;
  if (!name) return undefined;
  const item: SecretItem = {
    ref: {
      type: 'AwsSecretsManagerSecret',
      arn: entry.ARN ?? `arn:${ctx.partition}:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${name}`,
      id: name,
      region: ctx.region,
      partition: ctx.partition,
      tags: tagsToRecord(entry.Tags),
      details: { AwsSecretsManagerSecret: secretDetails(entry, name) },
    },
    name,
    rotationEnabled: entry.RotationEnabled === true,
  };
  const rules = entry.RotationRules;
  if (rules?.AutomaticallyAfterDays !== undefined) item.rotationIntervalDays = rules.AutomaticallyAfterDays;
  if (rules?.ScheduleExpression) item.rotationSchedule = rules.ScheduleExpression;
  if (entry.RotationLambdaARN) item.rotationLambdaArn = entry.RotationLambdaARN;
  const lastRotatedAt = iso(entry.LastRotatedDate);
  if (lastRotatedAt) item.lastRotatedAt = lastRotatedAt;
  const createdAt = iso(entry.CreatedDate);
  if (createdAt) item.createdAt = createdAt;
  const nextRotationAt = iso(entry.NextRotationDate);
  if (nextRotationAt) item.nextRotationAt = nextRotationAt;
  if (entry.OwningService) item.owningService = entry.OwningService;
  return item;
}

/** Lists the secrets (those scheduled for deletion left out); empty where Secrets Manager is not offered. */
export async function fetchSecretsManagerInventory(ctx: CollectContext): Promise<SecretsManagerInventory> {
  const client = ctx.clients.get(SecretsManagerClient);
  const collectedAt = new Date().toISOString();
  const entries = await unlessNotOffered(
    () => collectPages(
      (NextToken) => client.send(new ListSecretsCommand({ MaxResults: PAGE_SIZE, NextToken })),
      (page) => page.NextToken,
      (page) => page.SecretList,
    ),
    () => [],
    (why) => ctx.logger.debug(`secretsmanager: not offered in ${ctx.region}: ${why}`),
  );
  // Deleted secrets are not listed unless asked for; the DeletedDate filter guards against an answer that lists them anyway.
  const secrets = entries.filter((entry) => entry.DeletedDate === undefined).flatMap((entry) => toSecret(entry, ctx) ?? []);
  return { collectedAt, secrets };
}
