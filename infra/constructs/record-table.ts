/**
 * The record table, built from the definition `rampart scan --create-table` uses
 * (src/state/store.ts tableDefinition): same keys, same indexes, on-demand. Terraform adds
 * what the code does not ask for: point-in-time recovery, a KMS key, deletion protection.
 */
import { Construct } from 'constructs';
import { DynamodbTable, type DynamodbTableConfig } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { tableDefinition } from '../../src/state/store.js';

type TableDefinition = ReturnType<typeof tableDefinition>;

function keyOf(schema: ReadonlyArray<{ AttributeName?: string | undefined; KeyType?: string | undefined }> | undefined, type: 'HASH' | 'RANGE', where: string): string {
  const name = schema?.find((k) => k.KeyType === type)?.AttributeName;
  if (!name) throw new Error(`tableDefinition(): ${where} has no ${type} key`);
  return name;
}

/** The terraform arguments of a table definition (the keys, attributes, indexes and billing mode). */
export function tableArguments(definition: TableDefinition): Pick<DynamodbTableConfig, 'name' | 'billingMode' | 'hashKey' | 'rangeKey' | 'attribute' | 'globalSecondaryIndex'> {
  return {
    name: definition.TableName,
    billingMode: definition.BillingMode,
    hashKey: keyOf(definition.KeySchema, 'HASH', 'the table'),
    rangeKey: keyOf(definition.KeySchema, 'RANGE', 'the table'),
    attribute: definition.AttributeDefinitions.map((a) => ({ name: a.AttributeName, type: a.AttributeType })),
    globalSecondaryIndex: definition.GlobalSecondaryIndexes.map((index) => {
      if (!index.IndexName || !index.Projection?.ProjectionType) throw new Error('tableDefinition(): an index has no name or projection');
      return {
        name: index.IndexName,
        hashKey: keyOf(index.KeySchema, 'HASH', `index ${index.IndexName}`),
        rangeKey: keyOf(index.KeySchema, 'RANGE', `index ${index.IndexName}`),
        projectionType: index.Projection.ProjectionType,
      };
    }),
  };
}

export class RecordTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: { name: string }) {
    super(scope, id);
    this.table = new DynamodbTable(this, 'table', {
      ...tableArguments(tableDefinition(props.name)),
      pointInTimeRecovery: { enabled: true },
      // The AWS managed key (aws/dynamodb) rather than the AWS owned default: its use shows in CloudTrail.
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: true,
    });
  }
}
