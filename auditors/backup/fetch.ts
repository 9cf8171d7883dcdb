/** Reads the AWS Backup coverage inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import {
  BackupClient, DescribeRegionSettingsCommand, GetBackupSelectionCommand, ListBackupPlansCommand, ListBackupSelectionsCommand, ListProtectedResourcesCommand,
  type BackupSelection, type ConditionParameter,
} from '@aws-sdk/client-backup';
import { DynamoDBClient, ListTablesCommand, ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import { DescribeInstancesCommand, DescribeVolumesCommand, EC2Client, type Instance, type Volume } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, RDSClient, type DBInstance } from '@aws-sdk/client-rds';
import { notOfferedInRegion, unlessNotOffered } from '../../src/aws/availability.js';
import { describeAwsError } from '../../src/aws/errors.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import { fetchDetail, fetched, type CollectContext, type Fetched } from '../../src/core/collector.js';
import { tagsToRecord, type ResourceRef } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import { isRdsEngine } from '../rds/engines.js';
import type { BackupCandidate, BackupInventory, PlanSelection, ProtectedResource, TagCondition } from './collect.js';

/** A plan or selection deleted between the listing and its reading. */
const GONE_CODES = ['ResourceNotFoundException'];
const TAG_KEY_PREFIX = 'aws:ResourceTag/';

type JsonObject = { [key: string]: JsonValue };

function defined(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * One source of the inventory: its value, or its failure recorded for the
 * checks that need it. A service not offered in the region is thrown on, so
 * that the whole inventory is empty (unlessNotOffered).
 */
async function source<T>(read: () => Promise<T>): Promise<Fetched<T>> {
  try {
    return fetched(await read());
  } catch (error) {
    if (notOfferedInRegion(error)) throw error;
    return { ok: false, error: describeAwsError(error).message };
  }
}

function ref(ctx: CollectContext, type: string, arn: string, id: string, tags: Record<string, string>, details: JsonObject): ResourceRef {
  return { type, arn, id, region: ctx.region, partition: ctx.partition, tags, details: { [type]: details } };
}

function instanceCandidate(instance: Instance, ctx: CollectContext): BackupCandidate {
  const id = instance.InstanceId ?? 'unknown';
  const tags = tagsToRecord(instance.Tags);
  const arn = `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:instance/${id}`;
  const details = defined({ Type: instance.InstanceType, VpcId: instance.VpcId, SubnetId: instance.SubnetId, LaunchedAt: instance.LaunchTime?.toISOString() });
  return { ref: ref(ctx, 'AwsEc2Instance', arn, id, tags, details), kind: 'ec2-instance', tags: fetched(tags) };
}

function volumeCandidate(volume: Volume, ctx: CollectContext): BackupCandidate {
  const id = volume.VolumeId ?? 'unknown';
  const tags = tagsToRecord(volume.Tags);
  const arn = `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:volume/${id}`;
  const attachedTo = (volume.Attachments ?? []).flatMap((a) => (a.InstanceId ? [a.InstanceId] : []));
  const details = defined({
    CreateTime: volume.CreateTime?.toISOString(),
    Encrypted: volume.Encrypted,
    Size: volume.Size,
    Status: volume.State,
    Attachments: attachedTo.length > 0 ? attachedTo.map((InstanceId) => ({ InstanceId })) : undefined,
  });
  return { ref: ref(ctx, 'AwsEc2Volume', arn, id, tags, details), kind: 'ebs-volume', tags: fetched(tags), attachedTo };
}

function rdsCandidate(db: DBInstance, ctx: CollectContext): BackupCandidate {
  const id = db.DBInstanceIdentifier ?? 'unknown';
  const tags = tagsToRecord(db.TagList);
  const arn = db.DBInstanceArn ?? `arn:${ctx.partition}:rds:${ctx.region}:${ctx.accountId}:db:${id}`;
  const details = defined({ DBInstanceIdentifier: id, Engine: db.Engine, DBClusterIdentifier: db.DBClusterIdentifier });
  return { ref: ref(ctx, 'AwsRdsDbInstance', arn, id, tags, details), kind: 'rds-instance', tags: fetched(tags), ...(db.DBClusterIdentifier ? { clusterId: db.DBClusterIdentifier } : {}) };
}

async function tableCandidates(dynamodb: DynamoDBClient, ctx: CollectContext): Promise<BackupCandidate[]> {
  const names = await collectPages(
    (ExclusiveStartTableName) => dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName, Limit: 100 })),
    (page) => page.LastEvaluatedTableName,
    (page) => page.TableNames,
  );
  const tables = await mapLimited(names, ctx.limit, async (name): Promise<BackupCandidate | undefined> => {
    const arn = `arn:${ctx.partition}:dynamodb:${ctx.region}:${ctx.accountId}:table/${name}`;
    const tags = await fetchDetail<Record<string, string> | undefined>(
      async () => tagsToRecord(await collectPages(
        (NextToken) => dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: arn, NextToken })),
        (page) => page.NextToken,
        (page) => page.Tags,
      )),
      GONE_CODES,
      undefined,
    );
    if (tags.ok && tags.value === undefined) return undefined;
    const known = tags as Fetched<Record<string, string>>;
    const tableRef = ref(ctx, 'AwsDynamoDbTable', arn, name, known.ok ? known.value : {}, { TableName: name });
    return { ref: known.ok ? tableRef : { ...tableRef, tagsError: known.error }, kind: 'dynamodb-table', tags: known };
  });
  return tables.filter((t): t is BackupCandidate => t !== undefined);
}

const tagKey = (key: string | undefined): string => (key ?? '').startsWith(TAG_KEY_PREFIX) ? (key ?? '').slice(TAG_KEY_PREFIX.length) : (key ?? '');
const tagConditions = (params: readonly ConditionParameter[] | undefined): TagCondition[] => (params ?? []).map((p) => ({ key: tagKey(p.ConditionKey), value: p.ConditionValue ?? '' }));

export function toPlanSelection(planName: string, selection: BackupSelection): PlanSelection {
  return {
    planName,
    selectionName: selection.SelectionName ?? 'unnamed',
    resources: selection.Resources ?? [],
    notResources: selection.NotResources ?? [],
    // ListOfTags supports StringEquals only.
    listOfTags: (selection.ListOfTags ?? []).filter((t) => (t.ConditionType ?? 'STRINGEQUALS') === 'STRINGEQUALS').map((t) => ({ key: tagKey(t.ConditionKey), value: t.ConditionValue ?? '' })),
    conditions: {
      stringEquals: tagConditions(selection.Conditions?.StringEquals),
      stringNotEquals: tagConditions(selection.Conditions?.StringNotEquals),
      stringLike: tagConditions(selection.Conditions?.StringLike),
      stringNotLike: tagConditions(selection.Conditions?.StringNotLike),
    },
  };
}

/** Every resource assignment of every backup plan of the region: a call per plan and per assignment, none per resource. */
async function planSelections(backup: BackupClient, ctx: CollectContext): Promise<PlanSelection[]> {
  const plans = await collectPages(
    (NextToken) => backup.send(new ListBackupPlansCommand({ NextToken, MaxResults: 1000 })),
    (page) => page.NextToken,
    (page) => page.BackupPlansList,
  );
  const perPlan = await mapLimited(plans, ctx.limit, async (plan): Promise<PlanSelection[]> => {
    const BackupPlanId = plan.BackupPlanId;
    if (!BackupPlanId) return [];
    const planName = plan.BackupPlanName ?? BackupPlanId;
    const listed = await fetchDetail(
      () => collectPages(
        (NextToken) => backup.send(new ListBackupSelectionsCommand({ BackupPlanId, NextToken, MaxResults: 1000 })),
        (page) => page.NextToken,
        (page) => page.BackupSelectionsList,
      ),
      GONE_CODES,
      [],
    );
    if (!listed.ok) throw new Error(`the assignments of backup plan ${planName} could not be read: ${listed.error}`);
    const selections = await mapLimited(listed.value, ctx.limit, async (s) => {
      const SelectionId = s.SelectionId;
      if (!SelectionId) return undefined;
      const read = await fetchDetail(async () => (await backup.send(new GetBackupSelectionCommand({ BackupPlanId, SelectionId }))).BackupSelection, GONE_CODES, undefined);
      if (!read.ok) throw new Error(`assignment ${s.SelectionName ?? SelectionId} of backup plan ${planName} could not be read: ${read.error}`);
      return read.value ? toPlanSelection(planName, read.value) : undefined;
    });
    return selections.filter((s): s is PlanSelection => s !== undefined);
  });
  return perPlan.flat();
}

const empty = (): BackupInventory => ({
  collectedAt: new Date().toISOString(),
  ec2Instances: fetched([]), ebsVolumes: fetched([]), dynamoDbTables: fetched([]), rdsInstances: fetched([]),
  recoveryPoints: fetched([]), selections: fetched([]), optIn: fetched({}),
});

/** Where nothing is to be protected, the sources of protection are not read (no AWS Backup call at all). */
const NOT_READ = { ok: false as const, error: 'not read: the region has no resource to protect' };

/** Reads the resources to protect and what protects them; a region without AWS Backup is an empty inventory. */
export async function fetchBackupInventory(ctx: CollectContext): Promise<BackupInventory> {
  const backup = ctx.clients.get(BackupClient);
  const ec2 = ctx.clients.get(EC2Client);
  const rds = ctx.clients.get(RDSClient);
  const dynamodb = ctx.clients.get(DynamoDBClient);
  const collectedAt = new Date().toISOString();
  return unlessNotOffered(
    async () => {
      const [ec2Instances, ebsVolumes, dynamoDbTables, rdsInstances] = await Promise.all([
        source(async () => {
          const reservations = await collectPages(
            (NextToken) => ec2.send(new DescribeInstancesCommand({ NextToken, MaxResults: 1000, Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }] })),
            (page) => page.NextToken,
            (page) => page.Reservations,
          );
          return reservations.flatMap((r) => r.Instances ?? []).map((i) => instanceCandidate(i, ctx));
        }),
        source(async () =>
          (await collectPages(
            (NextToken) => ec2.send(new DescribeVolumesCommand({ NextToken, MaxResults: 500 })),
            (page) => page.NextToken,
            (page) => page.Volumes,
          )).map((v) => volumeCandidate(v, ctx)),
        ),
        source(() => tableCandidates(dynamodb, ctx)),
        source(async () =>
          (await collectPages(
            (Marker) => rds.send(new DescribeDBInstancesCommand({ Marker, MaxRecords: 100 })),
            (page) => page.Marker,
            (page) => page.DBInstances,
          )).filter((db) => isRdsEngine(db.Engine)).map((db) => rdsCandidate(db, ctx)),
        ),
      ]);
      const listings = { ec2Instances, ebsVolumes, dynamoDbTables, rdsInstances };
      if (!Object.values(listings).some((listing) => listing.ok && listing.value.length > 0)) {
        return { collectedAt, ...listings, recoveryPoints: NOT_READ, selections: NOT_READ, optIn: NOT_READ };
      }
      // ListProtectedResources first: where AWS Backup has no endpoint, it throws and the inventory is empty.
      const recoveryPoints = await source(async () =>
        (await collectPages(
          (NextToken) => backup.send(new ListProtectedResourcesCommand({ NextToken, MaxResults: 1000 })),
          (page) => page.NextToken,
          (page) => page.Results,
        )).flatMap((r): ProtectedResource[] => (r.ResourceArn ? [{ arn: r.ResourceArn, ...(r.ResourceType ? { resourceType: r.ResourceType } : {}), ...(r.LastBackupTime ? { lastBackupTime: r.LastBackupTime.toISOString() } : {}) }] : [])),
      );
      const [selections, optIn] = await Promise.all([
        source(() => planSelections(backup, ctx)),
        source(async () => (await backup.send(new DescribeRegionSettingsCommand({}))).ResourceTypeOptInPreference ?? {}),
      ]);
      return { collectedAt, ...listings, recoveryPoints, selections, optIn };
    },
    empty,
    (why) => ctx.logger.debug(`backup: not offered in ${ctx.region}: ${why}`),
  );
}
