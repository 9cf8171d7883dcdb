/**
 * The DynamoDB record table (the mirror of what rampart published).
 * On-demand capacity; every query the pipeline needs is served by a key or an index.
 */
import {
  CreateTableCommand, DescribeTableCommand, DynamoDBClient, waitUntilTableExists,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { collectPages } from '../aws/paginate.js';
import { describeAwsError } from '../aws/errors.js';
import { backoffMs, sleep, DEFAULT_RETRY_POLICY } from '../aws/retry.js';
import { createLimiter, mapLimited } from '../util/limit.js';
import { Outbox } from './outbox.js';
import { RemediationLog } from './remediations.js';
import { decodeShards, exemptionKey, type DigestEntry, type DigestShardItem } from './digest.js';
import { DIGEST_SK_PREFIX, FINDING_SK, MARKER_SK, scopePk, type FindingRecord, type RecordStateKey, type ScopeMarker } from './record.js';

export { DEFAULT_TABLE } from './table-name.js';

export { CREATE_TABLE_PERMISSIONS, STORE_PERMISSIONS } from './store-permissions.js';

export const INDEXES = {
  accountScope: { name: 'account-scope', hash: 'accountId', range: 'scopeKey' },
  accountState: { name: 'account-state', hash: 'accountId', range: 'accountStateKey' },
  checkState: { name: 'check-state', hash: 'checkId', range: 'checkStateKey' },
  stateLastSeen: { name: 'state-last-seen', hash: 'state', range: 'lastSeenAt' },
} as const;

const BATCH_SIZE = 25;
const GET_BATCH_SIZE = 100;
const BATCH_CONCURRENCY = 8;
/** DynamoDB items are at most 400 KB (names and values); a record is kept well inside it. */
export const MAX_RECORD_BYTES = 350 * 1024;
/** What a trimmed part of a record keeps, in characters. */
const TRIMMED_HEAD = 4000;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const recordBytes = (record: FindingRecord): number => Buffer.byteLength(JSON.stringify(record));

function trimmedNote(value: unknown): { truncated: true; bytes: number; head: string } {
  const text = JSON.stringify(value) ?? '';
  return { truncated: true, bytes: Buffer.byteLength(text), head: text.slice(0, TRIMMED_HEAD) };
}

/**
 * A record that fits a DynamoDB item whatever the resource holds: evidence,
 * then resource details, then tags, then the summary are cut down, and the
 * size is measured again after each step (the files keep everything whole).
 */
export function fitRecord(record: FindingRecord, maxBytes = MAX_RECORD_BYTES): FindingRecord {
  if (recordBytes(record) <= maxBytes) return record;
  let fitted: FindingRecord = { ...record, evidence: { trimmed: trimmedNote(record.evidence) } };
  if (recordBytes(fitted) <= maxBytes) return fitted;
  const { details, ...resource } = fitted.resource;
  fitted = { ...fitted, resource: details ? { ...resource, details: { trimmed: trimmedNote(details) } } : resource };
  if (recordBytes(fitted) <= maxBytes) return fitted;
  const tags = Object.entries(fitted.resource.tags).slice(0, 50).map(([k, v]) => [k.slice(0, 128), v.slice(0, 256)]);
  fitted = { ...fitted, resource: { ...fitted.resource, tags: Object.fromEntries(tags) as Record<string, string> } };
  if (recordBytes(fitted) <= maxBytes) return fitted;
  fitted = { ...fitted, summary: fitted.summary.slice(0, TRIMMED_HEAD), evidence: { truncated: true }, resource: { ...fitted.resource, details: { truncated: true }, tags: {} } };
  if (fitted.evaluationError) fitted.evaluationError = { ...fitted.evaluationError, message: fitted.evaluationError.message.slice(0, TRIMMED_HEAD) };
  if (fitted.lastImportError) fitted.lastImportError = fitted.lastImportError.slice(0, TRIMMED_HEAD);
  return fitted;
}

/** The attributes a stored record keeps at the top level: its keys, the indexes' keys, and what a person scanning the table looks for. */
const TOP_LEVEL = ['pk', 'sk', 'findingId', 'accountId', 'region', 'checkId', 'state', 'scopeKey', 'accountStateKey', 'checkStateKey', 'lastSeenAt', 'status', 'recordState', 'severity'] as const;
type TopLevel = (typeof TOP_LEVEL)[number];

/**
 * A record as stored: the keys and index keys as attributes, everything else
 * as one JSON text. Nothing else is ever queried, and every attribute costs
 * marshalling on each write and read, on both sides.
 */
type StoredRecord = Pick<FindingRecord, TopLevel> & { body: string };

function encodeRecord(record: FindingRecord): StoredRecord {
  const top: Partial<Record<TopLevel, unknown>> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if ((TOP_LEVEL as readonly string[]).includes(key)) top[key as TopLevel] = value;
    else rest[key] = value;
  }
  return { ...(top as Pick<FindingRecord, TopLevel>), body: JSON.stringify(rest) };
}

/** Reads a stored record; one written with every field as its own attribute passes through. */
export function decodeRecord(item: StoredRecord | FindingRecord): FindingRecord {
  if (!('body' in item) || typeof item.body !== 'string') return item as FindingRecord;
  const { body, ...top } = item;
  return { ...(JSON.parse(body) as Omit<FindingRecord, TopLevel>), ...top } as FindingRecord;
}

/** An item the store writes: a finding record, a digest shard or a scope marker. */
export type StoreItem = FindingRecord | DigestShardItem | ScopeMarker;

export type StoreWrite = { put: StoreItem } | { remove: { pk: string; sk: string } };

/** What a scan reads of one account and region before reconciling it. */
export interface ScopeState {
  marker?: ScopeMarker;
  digest: Map<string, DigestEntry>;
  /** The digest shards as stored (sort key → encoded entries), to write only what changed. */
  shards: Map<string, string>;
  /** 'digest': read from the scope's own items; 'records': rebuilt from the records (first run of this format). */
  source: 'digest' | 'records' | 'empty';
}

/** The record attributes a digest is rebuilt from (a table written before digests existed). */
const DIGEST_SOURCE_ATTRIBUTES = ['findingId', 'firstSeenAt', 'lastUpdatedAt', 'lastImportedAt', 'importedFingerprint', 'fingerprint', 'status', 'recordState', 'resolvedAt', 'workflowSet', 'exemption', 'pending', 'evaluationError'] as const;

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
  /** Created by this run: it holds no record written before digests existed. */
  private created = false;

  constructor(
    private readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** The reporting step's items in the same table. */
  outbox(): Outbox {
    return new Outbox(this.doc, this.tableName);
  }

  /** The remediation step's items in the same table. */
  remediations(): RemediationLog {
    return new RemediationLog(this.doc, this.tableName);
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
    this.created = true;
    return 'created';
  }

  private async query(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<FindingRecord[]> {
    return collectPages(
      (token) => this.doc.send(new QueryCommand({ ...input, TableName: this.tableName, ...(token ? { ExclusiveStartKey: JSON.parse(token) as Record<string, unknown> } : {}) })),
      (page) => (page.LastEvaluatedKey ? JSON.stringify(page.LastEvaluatedKey) : undefined),
      (page) => (page.Items ?? []).map((item) => decodeRecord(item as StoredRecord)),
    );
  }

  /**
   * What reconciliation needs of a scope: its marker and digest, read with one
   * Query on the scope's own partition. A scope scanned before digests existed
   * has none: its digest is rebuilt once from the records (projected).
   */
  async loadScope(accountId: string, region: string): Promise<ScopeState> {
    const items = await collectPages(
      (token) => this.doc.send(new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': scopePk(accountId, region) }, ...(token ? { ExclusiveStartKey: JSON.parse(token) as Record<string, unknown> } : {}) })),
      (page) => (page.LastEvaluatedKey ? JSON.stringify(page.LastEvaluatedKey) : undefined),
      (page) => (page.Items ?? []) as Array<DigestShardItem | ScopeMarker>,
    );
    const marker = items.find((item): item is ScopeMarker => item.sk === MARKER_SK);
    const shardItems = items.filter((item): item is DigestShardItem => item.sk.startsWith(DIGEST_SK_PREFIX));
    if (marker || shardItems.length > 0) {
      return { ...(marker ? { marker } : {}), digest: decodeShards(shardItems), shards: new Map(shardItems.map((i) => [i.sk, i.entries])), source: 'digest' };
    }
    if (this.created) return { digest: new Map(), shards: new Map(), source: 'empty' };
    const records = await this.query({
      IndexName: INDEXES.accountScope.name,
      KeyConditionExpression: 'accountId = :a AND begins_with(scopeKey, :r)',
      ExpressionAttributeValues: { ':a': accountId, ':r': `${region}#` },
      // Every name through a placeholder: several (status, …) are DynamoDB reserved words.
      ProjectionExpression: [...DIGEST_SOURCE_ATTRIBUTES, 'body'].map((_, i) => `#p${i}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries([...DIGEST_SOURCE_ATTRIBUTES, 'body'].map((name, i) => [`#p${i}`, name])),
    });
    const digest = new Map(records.map((r) => [r.findingId, digestEntryOf(r)]));
    return { digest, shards: new Map(), source: records.length > 0 ? 'records' : 'empty' };
  }

  /** Full records by finding id (BatchGetItem, 100 at a time); missing ids are absent from the map. */
  async getRecords(ids: readonly string[]): Promise<Map<string, FindingRecord>> {
    const found = new Map<string, FindingRecord>();
    for (const part of chunk([...new Set(ids)], GET_BATCH_SIZE)) {
      let keys: Array<Record<string, unknown>> = part.map((id) => ({ pk: id, sk: FINDING_SK }));
      for (let attempt = 1; keys.length > 0; attempt += 1) {
        const response = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
        for (const item of (response.Responses?.[this.tableName] ?? []) as StoredRecord[]) found.set(item.findingId, decodeRecord(item));
        keys = (response.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
        if (keys.length === 0) break;
        if (attempt >= DEFAULT_RETRY_POLICY.maxAttempts) throw new RecordStoreError(`${keys.length} record(s) could not be read from ${this.tableName} (unprocessed after retries)`);
        await sleep(backoffMs(attempt));
      }
    }
    return found;
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
   * Writes items 25 to a request (BatchWriteItem), retrying unprocessed items.
   * Records are fitted to the item size limit first.
   */
  async write(writes: readonly StoreWrite[]): Promise<WriteReport> {
    const report: WriteReport = { written: 0, failed: [] };
    // Each batch is encoded when it is sent: a scope's records are never all encoded at once.
    const request = (w: StoreWrite): BatchRequest => ('put' in w ? { PutRequest: { Item: (isRecord(w.put) ? encodeRecord(fitRecord(w.put)) : w.put) as unknown as Record<string, unknown> } } : { DeleteRequest: { Key: w.remove } });
    await mapLimited(chunk(writes, BATCH_SIZE), createLimiter(BATCH_CONCURRENCY), async (part) => {
      const result = await this.batchWrite(part.map(request));
      report.written += result.written;
      report.failed.push(...result.failed);
    });
    return report;
  }

  private async batchWrite(requests: readonly BatchRequest[]): Promise<WriteReport> {
    let pending = [...requests];
    let lastError = 'unprocessed after retries';
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      try {
        const result = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (result.UnprocessedItems?.[this.tableName] ?? []) as BatchRequest[];
      } catch (error) {
        const info = describeAwsError(error);
        lastError = info.message;
        // A request DynamoDB refuses as a whole (one bad item) is split until the bad item is alone.
        if (info.code === 'ValidationException' && pending.length > 1) {
          const half = Math.ceil(pending.length / 2);
          const [a, b] = await Promise.all([this.batchWrite(pending.slice(0, half)), this.batchWrite(pending.slice(half))]);
          return { written: a.written + b.written, failed: [...a.failed, ...b.failed] };
        }
        if (info.code === 'ValidationException') break;
      }
      if (pending.length === 0) break;
      if (attempt >= DEFAULT_RETRY_POLICY.maxAttempts) break;
      await sleep(backoffMs(attempt));
    }
    return { written: requests.length - pending.length, failed: pending.map((p) => ({ findingId: requestId(p), error: lastError })) };
  }
}

type BatchRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: { pk: string; sk: string } } };

function requestId(request: BatchRequest): string {
  return 'PutRequest' in request ? String(request.PutRequest.Item.findingId ?? request.PutRequest.Item.pk) : request.DeleteRequest.Key.pk;
}

function isRecord(item: StoreItem): item is FindingRecord {
  return item.sk === FINDING_SK;
}

/** The digest entry of a record (its committed state, what Security Hub holds). */
export function digestEntryOf(record: Pick<FindingRecord, (typeof DIGEST_SOURCE_ATTRIBUTES)[number]> & { pending?: FindingRecord['pending']; evaluationError?: FindingRecord['evaluationError'] }): DigestEntry {
  const key = exemptionKey(record.exemption);
  return {
    id: record.findingId,
    firstSeenAt: record.firstSeenAt,
    lastUpdatedAt: record.lastUpdatedAt,
    ...(record.lastImportedAt ? { lastImportedAt: record.lastImportedAt } : {}),
    ...(record.importedFingerprint ? { importedFingerprint: record.importedFingerprint } : {}),
    fingerprint: record.fingerprint,
    status: record.status,
    recordState: record.recordState,
    ...(record.pending ? { pending: { status: record.pending.status, recordState: record.pending.recordState, since: record.pending.since } } : {}),
    ...(record.resolvedAt ? { resolvedAt: record.resolvedAt } : {}),
    ...(record.workflowSet ? { workflowSet: record.workflowSet } : {}),
    ...(key ? { exemptionKey: key } : {}),
    ...(record.evaluationError ? { evaluationFailed: true } : {}),
  };
}
