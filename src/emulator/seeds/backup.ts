/**
 * Demo seed for the AWS Backup checks: a DynamoDB table that no backup plan
 * assigns (the instances, volumes and DB instances of the other seeds are
 * judged too). The emulator serves neither ListProtectedResources, nor
 * resource assignments, nor the region's opt-in settings, so a scan of it
 * reports the backup checks as ERROR; they show their verdicts against AWS.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

export async function seedBackup(clients: AwsClients): Promise<SeedResult> {
  await clients.get(DynamoDBClient).send(new CreateTableCommand({
    TableName: 'demo-orders-unprotected',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    Tags: [{ Key: 'owner', Value: 'orders-team' }],
  }));
  return { insecure: ['demo-orders-unprotected'], compliant: [] };
}
