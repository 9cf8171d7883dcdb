/** Hand-built AWS Backup inventories for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { backupCollector, type BackupCandidate, type BackupInventory, type PlanSelection } from '../../../auditors/backup/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const NOW = '2026-06-30T12:00:00.000Z';
export const ALL_OPTED_IN = { EC2: true, EBS: true, DynamoDB: true, RDS: true };

export const failed = <T>(error = 'AccessDeniedException: not authorized'): Fetched<T> => ({ ok: false, error });

function candidate(kind: BackupCandidate['kind'], type: string, arn: string, id: string, tags: Fetched<Record<string, string>>, extra: Partial<BackupCandidate> = {}): BackupCandidate {
  return { ref: { type, arn, id, region: REGION, partition: 'aws', tags: tags.ok ? tags.value : {} }, kind, tags, ...extra };
}

export const instance = (id: string, tags: Record<string, string> = {}): BackupCandidate =>
  candidate('ec2-instance', 'AwsEc2Instance', `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${id}`, id, fetched(tags));

export const volume = (id: string, attachedTo: string[] = [], tags: Record<string, string> = {}): BackupCandidate =>
  candidate('ebs-volume', 'AwsEc2Volume', `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/${id}`, id, fetched(tags), { attachedTo });

export const table = (name: string, tags: Fetched<Record<string, string>> = fetched({})): BackupCandidate =>
  candidate('dynamodb-table', 'AwsDynamoDbTable', `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`, name, tags);

export const dbInstance = (id: string, clusterId?: string, tags: Record<string, string> = {}): BackupCandidate =>
  candidate('rds-instance', 'AwsRdsDbInstance', `arn:aws:rds:${REGION}:${ACCOUNT}:db:${id}`, id, fetched(tags), clusterId ? { clusterId } : {});

/** A resource assignment of plan "daily" that selects nothing unless the fields say so. */
export function selection(fields: Partial<Omit<PlanSelection, 'conditions'>> & { conditions?: Partial<PlanSelection['conditions']> } = {}): PlanSelection {
  const { conditions, ...rest } = fields;
  return {
    planName: 'daily',
    selectionName: 'assignment',
    resources: [],
    notResources: [],
    listOfTags: [],
    ...rest,
    conditions: { stringEquals: [], stringNotEquals: [], stringLike: [], stringNotLike: [], ...conditions },
  };
}

/** Every listing and source read, everything opted in, nothing protected, unless the fields say otherwise. */
export function inventory(fields: Partial<BackupInventory> = {}): BackupInventory {
  return {
    collectedAt: NOW,
    ec2Instances: fetched([]),
    ebsVolumes: fetched([]),
    dynamoDbTables: fetched([]),
    rdsInstances: fetched([]),
    recoveryPoints: fetched([]),
    selections: fetched([]),
    optIn: fetched(ALL_OPTED_IN),
    ...fields,
  };
}

/** A plan task running the given checks with their default parameters. */
export function task(checks: readonly AnyCheck[]): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: backupCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse({}) : {}, severity: check.meta.severity })),
  };
}
