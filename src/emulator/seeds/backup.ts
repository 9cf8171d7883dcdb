/**
 * Demo seed for the AWS Backup checks: one backup plan whose resource
 * assignment covers every resource of the account but one DynamoDB table,
 * so that table fails and a tagged decoy table beside it passes. (The
 * emulator makes no recovery points, and its Backup selections and region
 * settings are served by the local front; the instance, volume and DB
 * instance checks pass everywhere in the demo, since everything else is assigned.)
 */
import { BackupClient, CreateBackupPlanCommand, CreateBackupSelectionCommand } from '@aws-sdk/client-backup';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const table = (TableName: string) => new CreateTableCommand({
  TableName,
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
  Tags: [{ Key: 'owner', Value: 'orders-team' }],
});

export async function seedBackup(clients: AwsClients): Promise<SeedResult> {
  const dynamodb = clients.get(DynamoDBClient);
  const { TableDescription } = await dynamodb.send(table('demo-orders-unprotected'));
  await dynamodb.send(table('demo-orders-protected'));
  const backup = clients.get(BackupClient);
  const { BackupPlanId } = await backup.send(new CreateBackupPlanCommand({
    BackupPlan: { BackupPlanName: 'demo-daily', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 ? * * *)' }] },
  }));
  await backup.send(new CreateBackupSelectionCommand({
    BackupPlanId,
    BackupSelection: {
      SelectionName: 'everything-but-one',
      IamRoleArn: `arn:${clients.region.startsWith('cn-') ? 'aws-cn' : 'aws'}:iam::${clients.accountId}:role/service-role/AWSBackupDefaultServiceRole`,
      Resources: ['*'],
      NotResources: [TableDescription?.TableArn as string],
    },
  }));
  return { insecure: ['demo-orders-unprotected'], compliant: ['demo-orders-protected'] };
}
