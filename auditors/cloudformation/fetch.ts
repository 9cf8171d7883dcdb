/** Reads the CloudFormation inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import { CloudFormationClient, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import type { CollectContext } from '../../src/core/collector.js';
import { tagsToRecord } from '../../src/core/resource.js';
import type { CloudFormationInventory, StackItem } from './collect.js';

type JsonObject = { [key: string]: JsonValue };

function defined(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

/** ASFF AwsCloudFormationStack (real field names; unreported fields left out). */
function stackDetails(stack: Stack): JsonObject {
  return defined({
    StackId: stack.StackId,
    StackName: stack.StackName,
    StackStatus: stack.StackStatus,
    CreationTime: stack.CreationTime?.toISOString(),
    LastUpdatedTime: stack.LastUpdatedTime?.toISOString(),
    NotificationArns: stack.NotificationARNs,
    DriftInformation: stack.DriftInformation?.StackDriftStatus ? { StackDriftStatus: stack.DriftInformation.StackDriftStatus } : undefined,
    EnableTerminationProtection: stack.EnableTerminationProtection,
    RoleArn: stack.RoleARN,
  });
}

export function toStackItem(stack: Stack, ctx: CollectContext): StackItem {
  const name = stack.StackName ?? stack.StackId ?? 'unknown';
  const drift = stack.DriftInformation;
  return {
    ref: {
      type: 'AwsCloudFormationStack',
      // The stack id is its ARN (…:stack/<name>/<uuid>): a stack deleted and created again under the same name is another resource.
      arn: stack.StackId ?? `arn:${ctx.partition}:cloudformation:${ctx.region}:${ctx.accountId}:stack/${name}`,
      id: name,
      region: ctx.region,
      partition: ctx.partition,
      tags: tagsToRecord(stack.Tags),
      details: { AwsCloudFormationStack: stackDetails(stack) },
    },
    name,
    ...(stack.StackStatus ? { status: stack.StackStatus } : {}),
    notificationArns: stack.NotificationARNs ?? [],
    ...(drift
      ? { drift: { ...(drift.StackDriftStatus ? { status: drift.StackDriftStatus } : {}), ...(drift.LastCheckTimestamp ? { lastCheck: drift.LastCheckTimestamp.toISOString() } : {}) } }
      : {}),
  };
}

/** Lists every stack (DescribeStacks without a name leaves out deleted stacks). */
export async function fetchCloudFormationInventory(ctx: CollectContext): Promise<CloudFormationInventory> {
  const client = ctx.clients.get(CloudFormationClient);
  const collectedAt = new Date().toISOString();
  const stacks = await unlessNotOffered(
    () =>
      collectPages(
        (NextToken) => client.send(new DescribeStacksCommand({ NextToken })),
        (page) => page.NextToken,
        (page) => page.Stacks,
      ),
    () => [],
    (why) => ctx.logger.debug(`cloudformation: not offered in ${ctx.region}: ${why}`),
  );
  return { collectedAt, stacks: stacks.map((stack) => toStackItem(stack, ctx)) };
}
