/**
 * The run summary: one small JSON document per account run (`rampart run
 * --summary-out`), written whether the run succeeded or not. The organization
 * fan-out (infra/constructs/org-fanout.ts) judges the run from these
 * summaries, never from container exit codes (`rampart org-report`).
 */
import { writeFile, mkdir, readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AccountError } from '../aws/accounts.js';
import { describeAwsError } from '../aws/errors.js';
import { collectPages } from '../aws/paginate.js';
import type { ScanSummary } from '../publish/report-model.js';
import { redact } from '../util/redact.js';
import { EXIT } from './exit-codes.js';

export const SUMMARY_STATUSES = ['OK', 'ROLE_MISSING', 'ACCESS_DENIED', 'TIMEOUT', 'ERROR'] as const;
export type SummaryStatus = (typeof SUMMARY_STATUSES)[number];

export interface RunSummary {
  account: string;
  status: SummaryStatus;
  /** findings: every result of the run (PASSED, FAILED, ERROR); failed: FAILED results; errors: ERROR results. */
  counts: { findings: number; failed: number; errors: number };
  /** The run's exit code; null when the run never ended by itself (written by the state machine). */
  exitCode: number | null;
  startedAt: string;
  finishedAt: string;
  message: string;
  /** Who wrote it: the run itself, or the state machine when the task left none. */
  writer?: 'task' | 'state-machine';
}

/** How a run ended, as the run command sees it. */
export type RunEnd =
  | { kind: 'scanned'; summary: ScanSummary; scanExitCode: number; exitCode: number }
  | { kind: 'failed'; error: unknown; exitCode: number };

const MESSAGE_LIMIT = 1000;
/** Scan exit codes of a scan that did not do all its work (a --fail-on exit did). */
const UNFINISHED = new Set<number>([EXIT.UNEXPECTED, EXIT.NOT_PUBLISHED, EXIT.INCOMPLETE]);

function total(row: Record<string, number>): number {
  return Object.values(row).reduce((sum, n) => sum + n, 0);
}

/** The code of a collection failure: its message starts with it ("AccessDenied: …", see describeAwsError). */
function failureCode(message: string): string {
  return message.split(':', 1)[0]?.trim() ?? '';
}

/**
 * The status of a run. A role that cannot be assumed (or credentials that cannot
 * be used) is ROLE_MISSING; an inventory refused with AccessDenied is ACCESS_DENIED
 * (the audit role lacks a permission); any other incomplete or failed run is ERROR.
 * A run that reached --fail-on is OK: the scan did its job, the findings say the rest.
 */
export function deriveRunSummary(end: RunEnd, context: { account: string; startedAt: Date; finishedAt: Date }): RunSummary {
  const base = { startedAt: context.startedAt.toISOString(), finishedAt: context.finishedAt.toISOString(), exitCode: end.exitCode, writer: 'task' as const };
  if (end.kind === 'failed') {
    const counts = { findings: 0, failed: 0, errors: 0 };
    const message = end.error instanceof Error ? end.error.message : String(end.error);
    if (end.error instanceof AccountError) return { ...base, account: context.account, status: 'ROLE_MISSING', counts, message: clip(message) };
    const info = describeAwsError(end.error);
    if (info.kind === 'access-denied') return { ...base, account: context.account, status: 'ACCESS_DENIED', counts, message: clip(info.message) };
    return { ...base, account: context.account, status: 'ERROR', counts, message: clip(message) };
  }
  const { summary } = end;
  const counts = { findings: total(summary.counts.PASSED) + total(summary.counts.FAILED) + total(summary.counts.ERROR), failed: total(summary.counts.FAILED), errors: total(summary.counts.ERROR) };
  const account = summary.accounts.length > 0 ? summary.accounts.join(',') : context.account;
  const denied = summary.collectionFailures.filter((f) => describeAwsError({ name: failureCode(f.message) }).kind === 'access-denied');
  if (denied.length > 0) {
    const first = denied[0];
    const where = first ? ` (first: ${first.collector} in ${first.region}: ${first.message})` : '';
    return { ...base, account, status: 'ACCESS_DENIED', counts, message: clip(`${denied.length} inventor${denied.length === 1 ? 'y was' : 'ies were'} refused${where}`) };
  }
  const problems = [
    ...summary.collectionFailures.map((f) => `${f.collector} in ${f.region}: ${f.message}`),
    ...summary.problems,
  ];
  if (problems.length > 0 || UNFINISHED.has(end.scanExitCode)) {
    return { ...base, account, status: 'ERROR', counts, message: clip(`the scan ended with exit ${end.scanExitCode}: ${problems.length} problem(s)${problems[0] ? `, first: ${problems[0]}` : ''}`) };
  }
  return { ...base, account, status: 'OK', counts, message: `scanned ${summary.regions.length} region(s): ${counts.failed} FAILED, ${counts.errors} ERROR of ${counts.findings} result(s)` };
}

function clip(message: string): string {
  const clean = redact(message).replace(/\s+/g, ' ').trim();
  return clean.length > MESSAGE_LIMIT ? `${clean.slice(0, MESSAGE_LIMIT - 1)}…` : clean;
}

const countSchema = z.number().int().min(0);
const summarySchema = z.object({
  account: z.string().min(1),
  status: z.enum(SUMMARY_STATUSES),
  counts: z.object({ findings: countSchema, failed: countSchema, errors: countSchema }),
  exitCode: z.number().int().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  message: z.string(),
  writer: z.enum(['task', 'state-machine']).optional(),
});

/** Reads a summary document; throws with the offending field named. */
export function parseRunSummary(text: string): RunSummary {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  const parsed = summarySchema.safeParse(data);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`).join('; '));
  return parsed.data;
}

// ------------------------------------------------------------ where summaries and reports live

export type Location = { kind: 's3'; bucket: string; key: string } | { kind: 'file'; path: string };

export class LocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocationError';
  }
}

/** `s3://bucket/key` or a file path; `flag` names the option in errors. */
export function parseLocation(value: string, flag: string): Location {
  if (value.trim() === '') throw new LocationError(`${flag}: expected s3://bucket/key or a file path`);
  if (!value.startsWith('s3://')) return { kind: 'file', path: value };
  const rest = value.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const key = slash < 0 ? '' : rest.slice(slash + 1);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new LocationError(`${flag} ${value}: "${bucket}" is not an S3 bucket name`);
  return { kind: 's3', bucket, key };
}

export function formatLocation(location: Location): string {
  return location.kind === 's3' ? `s3://${location.bucket}/${location.key}` : location.path;
}

/** The S3 calls the summaries need; the CLI gives one backed by the SDK, tests may give their own. */
export interface ObjectStore {
  put(bucket: string, key: string, body: string, contentType: string): Promise<void>;
  get(bucket: string, key: string): Promise<string>;
  /** Every key under the prefix (all pages). */
  list(bucket: string, prefix: string): Promise<string[]>;
}

export async function writeText(location: Location, body: string, contentType: string, store: () => Promise<ObjectStore>): Promise<void> {
  if (location.kind === 's3') {
    await (await store()).put(location.bucket, location.key, body, contentType);
    return;
  }
  await mkdir(dirname(location.path), { recursive: true });
  await writeFile(location.path, body, 'utf8');
}

export async function readText(location: Location, store: () => Promise<ObjectStore>): Promise<string> {
  if (location.kind === 's3') return (await store()).get(location.bucket, location.key);
  return readFile(location.path, 'utf8');
}

/** The `.json` documents under a prefix or in a directory, with the name each was read from. */
export async function readJsonDocuments(location: Location, store: () => Promise<ObjectStore>, concurrency = 16): Promise<Array<{ source: string; text: string }>> {
  if (location.kind === 'file') {
    const names = (await readdir(location.path)).filter((name) => name.endsWith('.json')).sort();
    return Promise.all(names.map(async (name) => ({ source: join(location.path, name), text: await readFile(join(location.path, name), 'utf8') })));
  }
  const s3 = await store();
  const keys = (await s3.list(location.bucket, location.key)).filter((key) => key.endsWith('.json')).sort();
  const documents: Array<{ source: string; text: string }> = new Array(keys.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < keys.length) {
      const index = next++;
      const key = keys[index] as string;
      documents[index] = { source: `s3://${location.bucket}/${key}`, text: await s3.get(location.bucket, key) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return documents;
}

/** An ObjectStore on the SDK's S3 client (imported when first needed). */
export async function sdkObjectStore(settings: { region: string; endpointUrl?: string; profile?: string }): Promise<ObjectStore & { close(): void }> {
  const { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  const { baseCredentials } = await import('../aws/accounts.js');
  const { createAwsClients } = await import('../aws/clients.js');
  const clients = createAwsClients('base', settings.region, await baseCredentials(settings.profile), settings.endpointUrl ? { endpointUrl: settings.endpointUrl } : {});
  const s3 = clients.get(S3Client);
  return {
    async put(bucket, key, body, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async get(bucket, key) {
      const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await response.Body?.transformToString('utf8')) ?? '';
    },
    async list(bucket, prefix) {
      const objects = await collectPages(
        (token) => s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })),
        (page) => (page.IsTruncated ? page.NextContinuationToken : undefined),
        (page) => page.Contents,
      );
      return objects.flatMap((item) => (item.Key ? [item.Key] : []));
    },
    close: () => clients.destroy(),
  };
}

/** Opens one store on first use and closes it when done. */
export function lazyStore(open: () => Promise<ObjectStore & { close(): void }>): { get: () => Promise<ObjectStore>; close(): void } {
  let opened: Promise<ObjectStore & { close(): void }> | undefined;
  return {
    get: () => (opened ??= open()),
    close: () => void opened?.then((s) => s.close(), () => undefined),
  };
}
