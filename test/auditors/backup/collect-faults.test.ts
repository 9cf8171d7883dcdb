/**
 * What moto cannot show: the sources of protection (ListProtectedResources,
 * plans and their resource assignments, the region's opt-in), their pages,
 * a plan deleted mid-scan, refused reads, a region without AWS Backup.
 * Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  BackupClient, BackupServiceException, DescribeRegionSettingsCommand, GetBackupSelectionCommand, ListBackupPlansCommand, ListBackupSelectionsCommand,
  ListProtectedResourcesCommand,
} from '@aws-sdk/client-backup';
import { DynamoDBClient, ListTablesCommand, ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import { DescribeInstancesCommand, DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { backupCollector } from '../../../auditors/backup/collect.js';
import { backupAuditor } from '../../../auditors/backup/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { statusTable } from '../../helpers/status-table.js';
import { ACCOUNT, ALL_OPTED_IN, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): BackupServiceException {
  return new BackupServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const CHECK_ORDER = ['backup-ec2-instance-protected', 'backup-ebs-volume-protected', 'backup-dynamodb-table-protected', 'backup-rds-instance-protected'] as const;
const tableArn = (name: string): string => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
const hoursAgo = (hours: number): Date => new Date(Date.now() - hours * 3_600_000);

describe('backupCollector with injected answers', () => {
  let clients: AwsClients;
  let backup: AwsClientStub<BackupClient>;
  let ec2: AwsClientStub<EC2Client>;
  let rds: AwsClientStub<RDSClient>;
  let dynamodb: AwsClientStub<DynamoDBClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    backup = mockClient(clients.get(BackupClient));
    ec2 = mockClient(clients.get(EC2Client));
    rds = mockClient(clients.get(RDSClient));
    dynamodb = mockClient(clients.get(DynamoDBClient));
    ctx = mockedContext(clients);
    // Two instances (one tagged for the daily plan), a volume on each, two tables, one DB instance alone and one in a cluster.
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [{ InstanceId: 'i-tagged', Tags: [{ Key: 'backup', Value: 'daily' }] }, { InstanceId: 'i-untagged' }] }],
    });
    ec2.on(DescribeVolumesCommand).resolves({
      Volumes: [{ VolumeId: 'vol-on-tagged', Attachments: [{ InstanceId: 'i-tagged' }] }, { VolumeId: 'vol-on-untagged', Attachments: [{ InstanceId: 'i-untagged' }] }],
    });
    dynamodb.on(ListTablesCommand).resolves({ TableNames: ['orders', 'sessions'] });
    dynamodb.on(ListTagsOfResourceCommand).resolves({ Tags: [] });
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        { DBInstanceIdentifier: 'alone', Engine: 'postgres', DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:alone` },
        { DBInstanceIdentifier: 'member', Engine: 'aurora-postgresql', DBClusterIdentifier: 'cluster', DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:member` },
        { DBInstanceIdentifier: 'docs', Engine: 'docdb', DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:docs` },
      ],
    });
    backup.on(ListProtectedResourcesCommand).resolves({ Results: [{ ResourceArn: tableArn('orders'), ResourceType: 'DynamoDB', LastBackupTime: hoursAgo(20) }] });
    backup.on(ListBackupPlansCommand).resolves({ BackupPlansList: [{ BackupPlanId: 'plan-1', BackupPlanName: 'daily' }] });
    backup.on(ListBackupSelectionsCommand).resolves({ BackupSelectionsList: [{ SelectionId: 'sel-1', SelectionName: 'by-tag' }] });
    backup.on(GetBackupSelectionCommand).resolves({
      BackupSelection: { SelectionName: 'by-tag', IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, Resources: ['*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily' }] } },
    });
    backup.on(DescribeRegionSettingsCommand).resolves({ ResourceTypeOptInPreference: ALL_OPTED_IN });
  });

  afterEach(() => {
    for (const stub of [backup, ec2, rds, dynamodb]) stub.restore();
    clients.destroy();
  });

  it('judges every resource from a tag-based plan assignment and the recovery points, with calls per plan and assignment, not per resource', async () => {
    // act
    const inventory = await backupCollector.collect(ctx);
    const { results } = evaluateChecks(task(backupAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //                 instance volume  table   rds
      'i-tagged':        ['PASS', '-', '-', '-'],
      'i-untagged':      ['FAIL', '-', '-', '-'],
      'vol-on-tagged':   ['-', 'PASS', '-', '-'],
      'vol-on-untagged': ['-', 'FAIL', '-', '-'],
      orders:            ['-', '-', 'PASS', '-'],
      sessions:          ['-', '-', 'FAIL', '-'],
      alone:             ['-', '-', '-', 'FAIL'],
    });
    const calls = [...backup.calls(), ...ec2.calls(), ...rds.calls(), ...dynamodb.calls()].map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''));
    assert.deepEqual(calls.sort(), [
      'DescribeDBInstances', 'DescribeInstances', 'DescribeRegionSettings', 'DescribeVolumes', 'GetBackupSelection', 'ListBackupPlans', 'ListBackupSelections',
      'ListProtectedResources', 'ListTables', 'ListTagsOfResource', 'ListTagsOfResource',
    ]);
  });

  it('follows the pages of ListProtectedResources, ListBackupPlans and ListTables; skips a plan deleted mid-scan', async () => {
    // prepare
    backup.on(ListProtectedResourcesCommand)
      .resolvesOnce({ Results: [], NextToken: 'rp-2' })
      .resolvesOnce({ Results: [{ ResourceArn: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-untagged`, LastBackupTime: hoursAgo(1) }] });
    backup.on(ListBackupPlansCommand)
      .resolvesOnce({ BackupPlansList: [{ BackupPlanId: 'gone', BackupPlanName: 'deleted' }], NextToken: 'plans-2' })
      .resolvesOnce({ BackupPlansList: [{ BackupPlanId: 'plan-1', BackupPlanName: 'daily' }] });
    backup.on(ListBackupSelectionsCommand, { BackupPlanId: 'gone' }).rejects(awsError('ResourceNotFoundException', 400));
    dynamodb.on(ListTablesCommand).resolvesOnce({ TableNames: ['orders'], LastEvaluatedTableName: 'orders' }).resolvesOnce({ TableNames: ['sessions'] });

    // act
    const inventory = await backupCollector.collect(ctx);
    const { results } = evaluateChecks(task(backupAuditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.selections.ok && inventory.selections.value.map((s) => `${s.planName}/${s.selectionName}`), ['daily/by-tag']);
    assert.deepEqual(inventory.dynamoDbTables.ok && inventory.dynamoDbTables.value.map((t) => t.ref.id), ['orders', 'sessions']);
    assert.equal(results.find((r) => r.resource.id === 'i-untagged')?.status, 'PASSED');
    assert.deepEqual(dynamodb.commandCalls(ListTablesCommand).map((c) => c.args[0].input.ExclusiveStartTableName), [undefined, 'orders']);
  });

  it('an assignment that cannot be read leaves every check unable to select: ERROR, never PASSED', async () => {
    // prepare
    backup.on(GetBackupSelectionCommand).rejects(awsError('AccessDeniedException', 403));

    // act
    const { results, completedChecks } = evaluateChecks(task(backupAuditor.checks), await backupCollector.collect(ctx));

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.resource.type}`), Array(4).fill('ERROR AwsAccount'));
    assert.match(results[0]?.summary ?? '', /assignment by-tag of backup plan daily could not be read: AccessDeniedException/);
    assert.deepEqual(completedChecks, []);
  });

  it('refused instances make the instance check incomplete, and an attached volume nothing else protects an ERROR; the tables are still judged', async () => {
    // prepare
    ec2.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 403));

    // act
    const { results } = evaluateChecks(task(backupAuditor.checks), await backupCollector.collect(ctx));

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), [
      `ERROR backup-ec2-instance-protected ${ACCOUNT}`,
      'ERROR backup-ebs-volume-protected vol-on-tagged',
      'ERROR backup-ebs-volume-protected vol-on-untagged',
      'PASSED backup-dynamodb-table-protected orders',
      'FAILED backup-dynamodb-table-protected sessions',
      'FAILED backup-rds-instance-protected alone',
    ]);
  });

  it('tags refused for a table: its tags are unknown, and a tag-based assignment makes it an ERROR', async () => {
    // prepare
    dynamodb.on(ListTagsOfResourceCommand, { ResourceArn: tableArn('sessions') }).rejects(awsError('AccessDeniedException', 400));

    // act
    const inventory = await backupCollector.collect(ctx);
    const { results } = evaluateChecks(task(backupAuditor.checks), inventory);

    // assert
    const sessions = inventory.dynamoDbTables.ok ? inventory.dynamoDbTables.value.find((t) => t.ref.id === 'sessions') : undefined;
    assert.match(sessions?.ref.tagsError ?? '', /AccessDeniedException/);
    assert.equal(results.find((r) => r.resource.id === 'sessions')?.status, 'ERROR');
  });

  it('a region where AWS Backup has no endpoint is an empty inventory: no findings, no error', async () => {
    // prepare
    backup.on(ListProtectedResourcesCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND backup.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act
    const { results } = evaluateChecks(task(backupAuditor.checks), await backupCollector.collect(ctx));

    // assert
    assert.deepEqual(results, []);
  });
});
