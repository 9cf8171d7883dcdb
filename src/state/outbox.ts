/**
 * The reporting step's own items beside each finding (outbox style): the
 * Jira ticket (sk TICKET) and the Slack message (sk NOTIFICATION). A scan
 * never writes them. Open ones are listed through the state-last-seen index
 * (`state` = TICKET#OPEN, NOTIFY#OPEN…), so a report never scans the table.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { collectPages } from '../aws/paginate.js';
import type { Severity } from '../core/check.js';
import { INDEXES } from './store.js';

/** What a ticket or message last showed, to tell what changed since. */
export interface Reported {
  severity: Severity;
  status: string;
  recordState: string;
  summary: string;
  /** Hashes of the evidence and the resource's tags. */
  evidenceHash: string;
  tagsHash: string;
  /** The evidence and tags as last reported, bounded, to say "before → after". */
  evidenceText: string;
  tagsText: string;
}

/** An action that could not be done: retried on the next report. */
export interface PendingAction {
  action: string;
  since: string;
  error: string;
}

export type TicketState = 'CLAIMED' | 'OPEN' | 'CLOSED';

export interface TicketItem {
  pk: string;
  sk: 'TICKET';
  findingId: string;
  /** For the state-last-seen index: `TICKET#<state>`. */
  state: `TICKET#${TicketState}`;
  /** For the state-last-seen index: when the item last changed. */
  lastSeenAt: string;
  project: string;
  /** The stable label on the issue, to adopt an issue created by a run that died before recording it. */
  label: string;
  key?: string;
  url?: string;
  /** Issues this finding had before (closed and not reopenable). */
  previousKeys?: string[];
  claimedAt: string;
  reported?: Reported;
  pending?: PendingAction;
  /** Why the default route was used (no owner tag, unknown user…). */
  routeNote?: string;
}

export type NotificationState = 'OPEN' | 'RESOLVED';

export interface NotificationItem {
  pk: string;
  sk: 'NOTIFICATION';
  findingId: string;
  state: `NOTIFY#${NotificationState}` | 'NOTIFY#PENDING';
  lastSeenAt: string;
  channel?: string;
  ts?: string;
  /** The message is a channel's digest, shared with other findings: changes go to its thread. */
  digest?: boolean;
  reported?: Reported;
  pending?: PendingAction;
  routeNote?: string;
}

export { OUTBOX_PERMISSIONS } from './store-permissions.js';

export class Outbox {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /**
   * Claims the finding's ticket before any issue is created: only the first
   * claim succeeds, so two runs (or a run after a crash) never create two issues.
   * Returns the existing item when the finding was claimed already.
   */
  async claimTicket(item: TicketItem): Promise<{ claimed: true } | { claimed: false; existing: TicketItem }> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return { claimed: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) && (error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      const existing = await this.get<TicketItem>(item.pk, 'TICKET');
      if (!existing) throw new Error(`the ticket claim of ${item.pk} exists but cannot be read`, { cause: error });
      return { claimed: false, existing };
    }
  }

  async get<T extends TicketItem | NotificationItem>(pk: string, sk: T['sk']): Promise<T | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }));
    return Item as T | undefined;
  }

  async put(item: TicketItem | NotificationItem): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  /** Items in a state (TICKET#OPEN, NOTIFY#OPEN…), from the state-last-seen index. */
  async inState<T extends TicketItem | NotificationItem>(state: T['state']): Promise<T[]> {
    return collectPages(
      (token) => this.doc.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.stateLastSeen.name,
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':s': state },
        ...(token ? { ExclusiveStartKey: JSON.parse(token) as Record<string, unknown> } : {}),
      })),
      (page) => (page.LastEvaluatedKey ? JSON.stringify(page.LastEvaluatedKey) : undefined),
      (page) => (page.Items ?? []) as T[],
    );
  }
}
