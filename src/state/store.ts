/**
 * The DynamoDB record table (the mirror of what rampart published).
 * On-demand capacity; every query the pipeline needs is served by a key or an index.
 */
import {
  CreateTableCommand, DescribeTableCommand, DynamoDBClient, waitUntilTableExists,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { collectPages } from '../aws/paginate.js';
import { describeAwsError } from '../aws/errors.js';
import { backoffMs, sleep, DEFAULT_RETRY_POLICY } from '../aws/retry.js';
import { createLimiter, mapLimited } from '../util/limit.js';
import { FINDING_SK, type FindingRecord, type RecordStateKey } from './record.js';

export const DEFAULT_TABLE = 'rampart-findings';

export const STORE_PERMISSIONS = [
  'dynamodb:DescribeTable', 'dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem',
] as const;
export const CREATE_TABLE_PERMISSIONS = ['dynamodb:CreateTable'] as const;

export const INDEXES = {
  accountScope: { name: 'account-scope', hash: 'accountId', range: 'scopeKey' },
  accountState: { name: 'account-state', hash: 'accountId', range: 'accountStateKey' },
  checkState: { name: 'check-state', hash: 'checkId', range: 'checkStateKey' },
  stateLastSeen: { name: 'state-last-seen', hash: 'state', range: 'lastSeenAt' },
} as const;

const BATCH_SIZE = 25;
const BATCH_CONCURRENCY = 4;
const PUT_CONCURRENCY = 16;
/** DynamoDB items are at most 400 KB; evidence beyond this is trimmed in the record (the files keep it whole). */
const MAX_ITEM_BYTES = 350 * 1024;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function fitItem(record: FindingRecord): FindingRecord {
  if (Buffer.byteLength(JSON.stringify(record)) <= MAX_ITEM_BYTES) return record;
  const evidence = JSON.stringify(record.evidence);
  return { ...record, evidence: { truncated: true, bytes: evidence.length, head: evidence.slice(0, 4000) } };
}

export class RecordStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RecordStoreError';
  }
}

export function tableDefinition(tableName: string) {
  const attributes = new Set<string>(['pk', 'sk']);
  const indexes: GlobalSecondaryIndex[] = Object.values(INDEXES).map((index) => {
    attributes.add(index.hash);
    attributes.add(index.range);
    return {
      IndexName: index.name,
      KeySchema: [{ AttributeName: index.hash, KeyType: 'HASH' }, { AttributeName: index.range, KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    };
  });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }, { AttributeName: 'sk', KeyType: 'RANGE' as const }],
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    GlobalSecondaryIndexes: indexes,
  };
}

export interface WriteReport {
  written: number;
  failed: Array<{ findingId: string; error: string }>;
}

export class RecordStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** Checks the table exists (creating it when asked); a missing table is a clear error. */
  async ensureTable(create: boolean): Promise<'exists' | 'created'> {
    try {
      await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
      return 'exists';
    } catch (error) {
      const info = describeAwsError(error);
      if (info.code !== 'ResourceNotFoundException') {
        throw new RecordStoreError(`the record table ${this.tableName} cannot be read (${info.message}): check the credentials and dynamodb:DescribeTable permission, or pass --no-record`, { cause: error });
      }
      if (!create) {
        throw new RecordStoreError(`the record table ${this.tableName} does not exist: deploy it with the infra stack, pass --create-table to create it, or --no-record to scan without it`, { cause: error });
      }
    }
    await this.client.send(new CreateTableCommand(tableDefinition(this.tableName)));
    await waitUntilTableExists({ client: this.client, maxWaitTime: 120, minDelay: 1, maxDelay: 5 }, { TableName: this.tableName });
    return 'created';
  }

  private async query(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<FindingRecord[]> {
    return collectPages(
      (token) => this.doc.send(new QueryCommand({ ...input, TableName: this.tableName, ...(token ? { ExclusiveStartKey: JSON.parse(token) as Record<string, unknown> } : {}) })),
      (page) => (page.LastEvaluatedKey ? JSON.stringify(page.LastEvaluatedKey) : undefined),
      (page) => (page.Items ?? []) as FindingRecord[],
    );
  }

  /** Every finding record of an account in a region (the scope a scan reconciles). */
  async loadScope(accountId: string, region: string): Promise<FindingRecord[]> {
    return this.query({
      IndexName: INDEXES.accountScope.name,
      KeyConditionExpression: 'accountId = :a AND begins_with(scopeKey, :r)',
      ExpressionAttributeValues: { ':a': accountId, ':r': `${region}#` },
    });
  }

  /** Findings of an account in a state (FAILED = open), optionally of one check. */
  async byAccount(accountId: string, state: RecordStateKey, checkId?: string): Promise<FindingRecord[]> {
    return this.query({
      IndexName: INDEXES.accountState.name,
      KeyConditionExpression: 'accountId = :a AND begins_with(accountStateKey, :s)',
      ExpressionAttributeValues: { ':a': accountId, ':s': checkId ? `${state}#${checkId}#` : `${state}#` },
    });
  }

  async byCheck(checkId: string, state?: RecordStateKey): Promise<FindingRecord[]> {
    return this.query({
      IndexName: INDEXES.checkState.name,
      KeyConditionExpression: state ? 'checkId = :c AND begins_with(checkStateKey, :s)' : 'checkId = :c',
      ExpressionAttributeValues: state ? { ':c': checkId, ':s': `${state}#` } : { ':c': checkId },
    });
  }

  async byState(state: RecordStateKey, seenSince?: string): Promise<FindingRecord[]> {
    return this.query({
      IndexName: INDEXES.stateLastSeen.name,
      KeyConditionExpression: seenSince ? '#s = :s AND lastSeenAt >= :t' : '#s = :s',
      ExpressionAttributeNames: { '#s': 'state' },
      ExpressionAttributeValues: seenSince ? { ':s': state, ':t': seenSince } : { ':s': state },
    });
  }

  /**
   * Writes records. A record seen for the first time is created with a
   * conditional put, so a first sighting recorded meanwhile is never
   * overwritten; known records are batch-written, 25 to a request, retrying
   * unprocessed items. (TransactWriteItems would batch the conditional puts,
   * but the emulator copies the whole table for every transaction.)
   */
  async write(records: readonly FindingRecord[], knownIds: ReadonlySet<string>): Promise<WriteReport> {
    const report: WriteReport = { written: 0, failed: [] };
    const fitted = records.map(fitItem);
    const fresh = fitted.filter((r) => !knownIds.has(r.findingId));
    const known = fitted.filter((r) => knownIds.has(r.findingId));
    await mapLimited(fresh, createLimiter(PUT_CONCURRENCY), async (record) => {
      try {
        await this.createPreservingFirstSeen(record);
        report.written += 1;
      } catch (error) {
        report.failed.push({ findingId: record.findingId, error: describeAwsError(error).message });
      }
    });
    await mapLimited(chunk(known, BATCH_SIZE), createLimiter(BATCH_CONCURRENCY), async (part) => {
      const result = await this.batchPut(part);
      report.written += result.written;
      report.failed.push(...result.failed);
    });
    return report;
  }

  private async createPreservingFirstSeen(record: FindingRecord): Promise<void> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: record, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (describeAwsError(error).code !== 'ConditionalCheckFailedException') throw error;
      // Created meanwhile: update everything but the first sighting.
      const { pk: _pk, sk: _sk, firstSeenAt: _first, ...rest } = record;
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets = Object.entries(rest)
        .filter(([, v]) => v !== undefined)
        .map(([key, value], index) => {
          names[`#f${index}`] = key;
          values[`:v${index}`] = value;
          return `#f${index} = :v${index}`;
        });
      await this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: { pk: record.pk, sk: FINDING_SK }, UpdateExpression: `SET ${sets.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values }));
    }
  }

  private async batchPut(records: readonly FindingRecord[]): Promise<WriteReport> {
    let pending = records.map((record) => ({ PutRequest: { Item: record as unknown as Record<string, unknown> } }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      try {
        const result = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
      } catch (error) {
        if (attempt >= DEFAULT_RETRY_POLICY.maxAttempts) {
          const message = describeAwsError(error).message;
          return { written: records.length - pending.length, failed: pending.map((p) => ({ findingId: String(p.PutRequest.Item.findingId), error: message })) };
        }
      }
      if (pending.length === 0) break;
      if (attempt >= DEFAULT_RETRY_POLICY.maxAttempts) {
        return { written: records.length - pending.length, failed: pending.map((p) => ({ findingId: String(p.PutRequest.Item.findingId), error: 'unprocessed after retries' })) };
      }
      await sleep(backoffMs(attempt));
    }
    return { written: records.length, failed: [] };
  }
}
