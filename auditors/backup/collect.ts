/**
 * AWS Backup coverage inventory, per account and region: the EC2 instances,
 * EBS volumes, DynamoDB tables and RDS DB instances to protect, and what
 * protects them: the resources with recovery points (ListProtectedResources,
 * one paginated call for the region), the resource assignments of every
 * backup plan (per plan and per selection, never per resource) and the
 * resource type opt-in of the region. Each source is read once, and only when
 * the region has something to protect; a source that fails makes only the
 * checks that need it incomplete. The pattern is described in
 * auditors/sqs/collect.ts.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export type CandidateKind = 'ec2-instance' | 'ebs-volume' | 'dynamodb-table' | 'rds-instance';

/** A resource AWS Backup should protect. */
export interface BackupCandidate {
  ref: ResourceRef;
  kind: CandidateKind;
  /** Its tags, for tag-based assignments; DynamoDB tables read them by a separate call that may fail. */
  tags: Fetched<Record<string, string>>;
  /** EBS volumes: the instances the volume is attached to (an instance backup snapshots its volumes). */
  attachedTo?: string[];
  /** RDS instances: the DB cluster the instance belongs to (AWS Backup protects clusters as a whole). */
  clusterId?: string;
}

export interface ProtectedResource {
  arn: string;
  resourceType?: string;
  /** The newest recovery point (ISO 8601). */
  lastBackupTime?: string;
}

export interface TagCondition {
  key: string;
  value: string;
}

/** One resource assignment of a backup plan, as GetBackupSelection answers it. */
export interface PlanSelection {
  planName: string;
  selectionName: string;
  resources: string[];
  notResources: string[];
  /** StringEquals tag conditions, any of which assigns a resource. */
  listOfTags: TagCondition[];
  /** Tag conditions that must all hold. */
  conditions: { stringEquals: TagCondition[]; stringNotEquals: TagCondition[]; stringLike: TagCondition[]; stringNotLike: TagCondition[] };
}

export interface BackupInventory {
  /** When the inventory was read: the "now" that recovery point ages are measured from. */
  collectedAt: string;
  ec2Instances: Fetched<BackupCandidate[]>;
  ebsVolumes: Fetched<BackupCandidate[]>;
  dynamoDbTables: Fetched<BackupCandidate[]>;
  rdsInstances: Fetched<BackupCandidate[]>;
  recoveryPoints: Fetched<ProtectedResource[]>;
  selections: Fetched<PlanSelection[]>;
  /** The region's ResourceTypeOptInPreference (EC2, EBS, DynamoDB, RDS, …). */
  optIn: Fetched<Record<string, boolean>>;
}

export const backupCollector: Collector<BackupInventory> = {
  id: 'backup',
  service: 'backup',
  global: false,
  permissions: [
    'backup:ListProtectedResources', 'backup:ListBackupPlans', 'backup:ListBackupSelections', 'backup:GetBackupSelection', 'backup:DescribeRegionSettings',
    'ec2:DescribeInstances', 'ec2:DescribeVolumes', 'dynamodb:ListTables', 'dynamodb:ListTagsOfResource', 'rds:DescribeDBInstances',
  ],
  async collect(ctx) {
    const { fetchBackupInventory } = await import('./fetch.js');
    return fetchBackupInventory(ctx);
  },
};
