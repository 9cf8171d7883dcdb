/**
 * The remediation step's items beside each finding (sk REMEDIATION#<id>): who
 * asked, what was planned and changed, where the backup is, the outcome, and a
 * rollback. A conditional write claims the work, so a message delivered
 * several times, or two workers, make one change; a claim whose worker died
 * (its lease ran out) is taken over and converges. All of them are listed
 * through the state-last-seen index (state REMEDIATION), newest last.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { collectPages } from '../aws/paginate.js';
import type { PlannedCall } from '../core/remediation.js';
import { INDEXES } from './store.js';

export const REMEDIATION_OUTCOMES = ['REMEDIATED', 'ALREADY_COMPLIANT', 'SKIPPED_UNVERIFIED', 'REFUSED', 'FAILED', 'DRY_RUN'] as const;
export type RemediationOutcome = (typeof REMEDIATION_OUTCOMES)[number];

/**
 * CLAIMED → BACKED_UP → DONE; a rollback keeps DONE and fills `rollback`. A DONE item whose outcome
 * is not final (refused, unverified, failed) is claimed again by the next request for it.
 */
export type RemediationPhase = 'CLAIMED' | 'BACKED_UP' | 'DONE';

export type RemediationTrigger = 'custom-action' | 'due' | 'manual';

export interface RollbackRecord {
  at: string;
  by: string;
  calls: PlannedCall[];
  outcome: 'ROLLED_BACK' | 'ALREADY_RESTORED' | 'FAILED';
  reason: string;
}

export interface RemediationItem {
  pk: string;
  sk: `REMEDIATION#${string}`;
  remediationId: string;
  findingId: string;
  accountId?: string;
  region?: string;
  checkId?: string;
  fixId?: string;
  resource?: { type: string; arn: string; id: string };
  trigger: RemediationTrigger;
  requestedBy: string;
  eventId?: string;
  phase: RemediationPhase;
  outcome?: RemediationOutcome;
  reason?: string;
  /** The calls planned (dry run) or made, in order; on a retry, those of every attempt. */
  calls: PlannedCall[];
  backupBucket?: string;
  backupKey?: string;
  /** Write-back steps that failed (re-import, workflow, Jira, Slack): the fix itself stands. */
  writeBackProblems?: string[];
  attempts: number;
  /** How many times the queue delivered the message (the dead-letter queue takes it after maxReceives). */
  receives?: number;
  deadLettered?: boolean;
  claimedAt: string;
  leaseUntil: string;
  updatedAt: string;
  rollback?: RollbackRecord;
  // For the state-last-seen index.
  state: 'REMEDIATION';
  lastSeenAt: string;
}

export type ClaimResult =
  | { kind: 'claimed'; item: RemediationItem }
  | { kind: 'taken-over'; item: RemediationItem }
  | { kind: 'done'; item: RemediationItem }
  | { kind: 'busy'; item: RemediationItem };

export { REMEDIATION_LOG_PERMISSIONS } from './store-permissions.js';

/** Outcomes a repeated request only repeats: the change is made, was not needed, or was only shown. */
export const FINAL_OUTCOMES: ReadonlySet<RemediationOutcome> = new Set(['REMEDIATED', 'ALREADY_COMPLIANT', 'DRY_RUN']);
const isFinal = (outcome: RemediationOutcome | undefined): boolean => outcome !== undefined && FINAL_OUTCOMES.has(outcome);

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';

export class RemediationLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /**
   * Claims the remediation: the first claim wins; a claim whose lease ran out
   * before it was done is taken over (its backup and calls are kept).
   */
  async claim(item: RemediationItem, now: Date): Promise<ClaimResult> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return { kind: 'claimed', item };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const existing = await this.get(item.pk, item.remediationId);
    if (!existing) throw new Error(`the claim of remediation ${item.remediationId} exists but cannot be read`);
    if (existing.phase === 'DONE' && isFinal(existing.outcome)) return { kind: 'done', item: existing };
    if (existing.phase !== 'DONE' && existing.leaseUntil > now.toISOString()) return { kind: 'busy', item: existing };
    // A worker that died, or an attempt that ended without a change (refused, unverified, failed): this one may try again.
    const takeover: RemediationItem = {
      ...existing, phase: existing.phase === 'DONE' ? 'CLAIMED' : existing.phase, attempts: existing.attempts + 1,
      leaseUntil: item.leaseUntil, updatedAt: item.updatedAt, lastSeenAt: item.updatedAt, requestedBy: item.requestedBy,
      ...(item.receives !== undefined ? { receives: item.receives } : {}),
    };
    try {
      await this.doc.send(new PutCommand({
        TableName: this.tableName, Item: takeover,
        ConditionExpression: 'updatedAt = :updated AND phase = :phase',
        ExpressionAttributeValues: { ':updated': existing.updatedAt, ':phase': existing.phase },
      }));
      return { kind: 'taken-over', item: takeover };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const now2 = await this.get(item.pk, item.remediationId);
      return now2?.phase === 'DONE' && isFinal(now2.outcome) ? { kind: 'done', item: now2 } : { kind: 'busy', item: now2 ?? existing };
    }
  }

  async get(findingId: string, remediationId: string): Promise<RemediationItem | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: findingId, sk: `REMEDIATION#${remediationId}` }, ConsistentRead: true }));
    return Item as RemediationItem | undefined;
  }

  async put(item: RemediationItem): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  /** The remediations of one finding, oldest first. */
  async ofFinding(findingId: string): Promise<RemediationItem[]> {
    const items = await collectPages(
      (token) => this.doc.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': findingId, ':s': 'REMEDIATION#' },
        ConsistentRead: true,
        ...(token ? { ExclusiveStartKey: JSON.parse(token) as Record<string, unknown> } : {}),
      })),
      (page) => (page.LastEvaluatedKey ? JSON.stringify(page.LastEvaluatedKey) : undefined),
      (page) => (page.Items ?? []) as RemediationItem[],
    );
    return items.sort((a, b) => a.claimedAt.localeCompare(b.claimedAt));
  }

  /** Every remediation (optionally only one id), oldest change first. */
  async all(remediationId?: string): Promise<RemediationItem[]> {
    return collectPages(
      (token) => this.doc.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.stateLastSeen.name,
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'state', ...(remediationId ? { '#r': 'remediationId' } : {}) },
        ExpressionAttributeValues: { ':s': 'REMEDIATION', ...(remediationId ? { ':r': remediationId } : {}) },
        ...(remediationId ? { FilterExpression: '#r = :r' } : {}),
        ...(token ? { ExclusiveStartKey: JSON.parse(token) as Record<string, unknown> } : {}),
      })),
      (page) => (page.LastEvaluatedKey ? JSON.stringify(page.LastEvaluatedKey) : undefined),
      (page) => (page.Items ?? []) as RemediationItem[],
    );
  }

  /** Records the grace-period warning of a finding's open episode; false when it was recorded already. */
  async warnOnce(findingId: string, episode: string, at: string, text: string): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.tableName,
        Item: { pk: findingId, sk: `REMEDIATION-WARNING#${episode}`, findingId, at, text },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
