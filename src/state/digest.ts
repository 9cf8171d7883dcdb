/**
 * The per-scope digest: for every finding of an account and region, only what
 * reconciliation needs (first sighting, the UpdatedAt last sent, what Security
 * Hub holds, the committed state). A scan reads it with one Query instead of
 * reading every full record back, and a finding's first sighting is written
 * here before its first import, so CreatedAt never moves.
 *
 * The digest is split into shards of about SHARD_BYTES (a finding goes to the
 * shard its id hashes to), so a change rewrites one shard, not the whole digest.
 */
import { createHash } from 'node:crypto';
import type { ResultStatus } from '../core/result.js';
import { DIGEST_SK_PREFIX, scopePk } from './record.js';

export interface DigestEntry {
  id: string;
  firstSeenAt: string;
  lastUpdatedAt: string;
  lastImportedAt?: string;
  /** The fingerprint Security Hub holds (undefined: never imported). */
  importedFingerprint?: string;
  /** The fingerprint of the record as written. */
  fingerprint: string;
  /** The state Security Hub accepted (or, for a finding never sent, the one observed). */
  status: ResultStatus;
  recordState: 'ACTIVE' | 'ARCHIVED';
  /** A change not yet accepted by Security Hub. */
  pending?: { status: ResultStatus; recordState: 'ACTIVE' | 'ARCHIVED'; since: string };
  resolvedAt?: string;
  workflowSet?: 'SUPPRESSED' | 'NEW';
  /** Hash of the exemption (reason, expiry) rampart last applied. */
  exemptionKey?: string;
  /** The finding is kept FAILED although its latest evaluation failed. */
  evaluationFailed?: boolean;
}

export interface DigestShardItem {
  pk: string;
  sk: string;
  accountId: string;
  region: string;
  /** The entries, compactly encoded (see encodeEntry). */
  entries: string;
}

export const SHARD_BYTES = 100 * 1024;

const STATUS_CODES: Record<ResultStatus, string> = { PASSED: 'P', FAILED: 'F', ERROR: 'E' };
const STATUS_BY_CODE: Record<string, ResultStatus> = { P: 'PASSED', F: 'FAILED', E: 'ERROR' };

/** Times as base-36 epoch milliseconds: 8 characters instead of 24. */
function packTime(iso: string | undefined): string {
  if (iso === undefined) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : ms.toString(36);
}

function unpackTime(packed: string | undefined): string | undefined {
  if (!packed) return undefined;
  return new Date(parseInt(packed, 36)).toISOString();
}

function packState(status: ResultStatus, recordState: 'ACTIVE' | 'ARCHIVED'): string {
  return `${STATUS_CODES[status]}${recordState === 'ARCHIVED' ? 'A' : ''}`;
}

function unpackState(packed: string): { status: ResultStatus; recordState: 'ACTIVE' | 'ARCHIVED' } {
  return { status: STATUS_BY_CODE[packed[0] ?? 'E'] ?? 'ERROR', recordState: packed[1] === 'A' ? 'ARCHIVED' : 'ACTIVE' };
}

type Packed = [string, string, string, string, string, string, string, string, string, string, string, number, string];

function encodeEntry(e: DigestEntry): Packed {
  return [
    e.id,
    packTime(e.firstSeenAt),
    packTime(e.lastUpdatedAt),
    packTime(e.lastImportedAt),
    // '=' when Security Hub holds what the record holds: the common case, one character.
    e.importedFingerprint === undefined ? '' : e.importedFingerprint === e.fingerprint ? '=' : e.importedFingerprint,
    e.fingerprint,
    packState(e.status, e.recordState),
    e.pending ? packState(e.pending.status, e.pending.recordState) : '',
    packTime(e.resolvedAt),
    e.workflowSet === undefined ? '' : e.workflowSet[0] as string,
    e.exemptionKey ?? '',
    e.evaluationFailed ? 1 : 0,
    packTime(e.pending?.since),
  ];
}

function decodeEntry(p: Packed): DigestEntry {
  const [id, first, updated, imported, importedFp, fp, state, pending, resolved, workflow, exemptionKey, evaluationFailed, pendingSince] = p;
  const entry: DigestEntry = {
    id,
    firstSeenAt: unpackTime(first) ?? new Date(0).toISOString(),
    lastUpdatedAt: unpackTime(updated) ?? new Date(0).toISOString(),
    fingerprint: fp,
    ...unpackState(state),
  };
  const lastImportedAt = unpackTime(imported);
  if (lastImportedAt) entry.lastImportedAt = lastImportedAt;
  if (importedFp) entry.importedFingerprint = importedFp === '=' ? fp : importedFp;
  if (pending) entry.pending = { ...unpackState(pending), since: unpackTime(pendingSince) ?? entry.lastUpdatedAt };
  const resolvedAt = unpackTime(resolved);
  if (resolvedAt) entry.resolvedAt = resolvedAt;
  if (workflow) entry.workflowSet = workflow === 'S' ? 'SUPPRESSED' : 'NEW';
  if (exemptionKey) entry.exemptionKey = exemptionKey;
  if (evaluationFailed === 1) entry.evaluationFailed = true;
  return entry;
}

export function exemptionKey(exemption: { reason: string; expires?: string } | undefined): string | undefined {
  if (!exemption) return undefined;
  return createHash('sha256').update(`${exemption.reason}\u0000${exemption.expires ?? ''}`).digest('hex').slice(0, 12);
}

function shardOf(id: string, count: number): number {
  if (count <= 1) return 0;
  return createHash('md5').update(id).digest().readUInt32BE(0) % count;
}

export function decodeShards(items: ReadonlyArray<Pick<DigestShardItem, 'entries'>>): Map<string, DigestEntry> {
  const digest = new Map<string, DigestEntry>();
  for (const item of items) {
    for (const packed of JSON.parse(item.entries) as Packed[]) {
      const entry = decodeEntry(packed);
      digest.set(entry.id, entry);
    }
  }
  return digest;
}

export interface DigestWrite {
  put: DigestShardItem[];
  /** Sort keys of shards that no longer exist (the digest shrank to fewer shards). */
  remove: string[];
  /** The encoded shards, to compare the next write with. */
  shards: Map<string, string>;
}

/**
 * The shard items to write so the stored digest equals `digest`: only shards
 * whose content changed since `stored` (sort key → encoded entries).
 */
export function digestWrite(accountId: string, region: string, digest: ReadonlyMap<string, DigestEntry>, stored: ReadonlyMap<string, string>): DigestWrite {
  const packed = [...digest.values()].map(encodeEntry);
  const bytes = packed.reduce((sum, p) => sum + p.reduce<number>((s, v) => s + String(v).length + 3, 2), 0);
  const count = Math.max(1, Math.ceil(bytes / SHARD_BYTES));
  const groups: Packed[][] = Array.from({ length: count }, () => []);
  for (const p of packed) (groups[shardOf(p[0], count)] as Packed[]).push(p);
  const shards = new Map<string, string>();
  const put: DigestShardItem[] = [];
  groups.forEach((group, index) => {
    group.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const sk = `${DIGEST_SK_PREFIX}${count}#${index}`;
    const entries = JSON.stringify(group);
    shards.set(sk, entries);
    if (stored.get(sk) !== entries) put.push({ pk: scopePk(accountId, region), sk, accountId, region, entries });
  });
  const remove = [...stored.keys()].filter((sk) => !shards.has(sk));
  return { put, remove, shards };
}
