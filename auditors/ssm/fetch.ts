/** Reads the Systems Manager inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import { DescribeInstancesCommand, EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, DescribeInstancePatchStatesCommand, SSMClient } from '@aws-sdk/client-ssm';
import { collectPages } from '../../src/aws/paginate.js';
import { describeAwsError } from '../../src/aws/errors.js';
import { fetched, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import type { Ec2InstanceItem, SsmInventory } from './collect.js';
import { instanceDetails, toManagedInstance, toPatchState, type ManagedInstance, type PatchState } from './model.js';

/** Instances SSM can judge now (running) and ones it cannot (stopped); others are in transition. */
const STATES = ['running', 'stopped'];
const INFORMATION_PAGE = 50;
/** DescribeInstancePatchStates takes at most 50 instance ids. */
const PATCH_BATCH = 50;

type NamedInstance = Instance & { InstanceId: string; ownerId: string };

async function listInstances(ctx: CollectContext): Promise<NamedInstance[]> {
  const ec2 = ctx.clients.get(EC2Client);
  return collectPages(
    (NextToken) => ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: STATES }], MaxResults: 1000, NextToken })),
    (page) => page.NextToken,
    (page) =>
      (page.Reservations ?? []).flatMap((reservation) =>
        (reservation.Instances ?? []).flatMap((instance) =>
          instance.InstanceId ? [{ ...instance, InstanceId: instance.InstanceId, ownerId: reservation.OwnerId ?? ctx.accountId }] : [],
        ),
      ),
  );
}

async function listManaged(ssm: SSMClient): Promise<Map<string, ManagedInstance>> {
  const information = await collectPages(
    (NextToken) =>
      ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'ResourceType', Values: ['EC2Instance'] }], MaxResults: INFORMATION_PAGE, NextToken })),
    (page) => page.NextToken,
    (page) => page.InstanceInformationList,
  );
  return new Map(information.flatMap((info) => (info.InstanceId ? [[info.InstanceId, toManagedInstance(info)] as const] : [])));
}

/** Patch states by instance id; a batch that fails is a failed detail for each of its instances. */
async function readPatchStates(ssm: SSMClient, instanceIds: readonly string[], ctx: CollectContext): Promise<Map<string, Fetched<PatchState | undefined>>> {
  const batches: string[][] = [];
  for (let i = 0; i < instanceIds.length; i += PATCH_BATCH) batches.push(instanceIds.slice(i, i + PATCH_BATCH));
  const answers = await mapLimited(batches, ctx.limit, async (InstanceIds) => {
    try {
      const states = await collectPages(
        (NextToken) => ssm.send(new DescribeInstancePatchStatesCommand({ InstanceIds, MaxResults: PATCH_BATCH, NextToken })),
        (page) => page.NextToken,
        (page) => page.InstancePatchStates,
      );
      const byId = new Map(states.flatMap((s) => (s.InstanceId ? [[s.InstanceId, toPatchState(s)] as const] : [])));
      return InstanceIds.map((id): [string, Fetched<PatchState | undefined>] => [id, fetched(byId.get(id))]);
    } catch (error) {
      const failure: Fetched<PatchState | undefined> = { ok: false, error: describeAwsError(error).message };
      return InstanceIds.map((id): [string, Fetched<PatchState | undefined>] => [id, failure]);
    }
  });
  return new Map(answers.flat());
}

function toItem(instance: NamedInstance, managed: ManagedInstance | undefined, patchState: Fetched<PatchState | undefined>, ctx: CollectContext): Ec2InstanceItem {
  const id = instance.InstanceId;
  return {
    ref: {
      type: 'AwsEc2Instance',
      arn: `arn:${ctx.partition}:ec2:${ctx.region}:${instance.ownerId}:instance/${id}`,
      id,
      region: ctx.region,
      partition: ctx.partition,
      tags: tagsToRecord(instance.Tags),
      details: { AwsEc2Instance: instanceDetails(instance) },
    },
    instanceId: id,
    state: instance.State?.Name ?? 'unknown',
    ...(instance.IamInstanceProfile?.Arn ? { iamInstanceProfileArn: instance.IamInstanceProfile.Arn } : {}),
    ...(managed ? { managed } : {}),
    patchState,
  };
}

/** Lists the instances, then what Systems Manager knows of them and their patch states. */
export async function fetchSsmInventory(ctx: CollectContext): Promise<SsmInventory> {
  const instances = await listInstances(ctx);
  if (instances.length === 0) return { instances: [] };
  const ssm = ctx.clients.get(SSMClient);
  const managed = await listManaged(ssm);
  const managedIds = instances.map((i) => i.InstanceId).filter((id) => managed.has(id));
  const patchStates = await readPatchStates(ssm, managedIds, ctx);
  return {
    instances: instances.map((instance) => toItem(instance, managed.get(instance.InstanceId), patchStates.get(instance.InstanceId) ?? fetched(undefined), ctx)),
  };
}
