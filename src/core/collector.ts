/**
 * The collector contract: the only code that calls AWS while scanning.
 * One collector per service inventory, shared by all of that service's checks.
 */
import type { AwsClients } from '../aws/clients.js';
import type { Logger } from '../util/logger.js';
import type { ResourceRef } from './resource.js';
import type { Limiter } from '../util/limit.js';
import { describeAwsError } from '../aws/errors.js';
import { redact } from '../util/redact.js';
import { MissingInputError } from './check.js';

export interface CollectContext {
  accountId: string;
  region: string;
  partition: string;
  clients: AwsClients;
  /** Clients of the same account in another region (a global inventory's resources live in many). */
  clientsIn(region: string): AwsClients;
  /** For a global inventory: the regions this scan covers, where its regional resources live (undefined: the home region only). */
  scanRegions?: readonly string[];
  /** Bounds the per-resource detail calls a collector makes. */
  limit: Limiter;
  logger: Logger;
}

export interface Collector<Inventory> {
  id: string;
  service: string;
  /** Global inventories run once per account, in the home region. */
  global: boolean;
  /** Every IAM action the collector calls; the infra roles are generated from these. */
  permissions: readonly string[];
  collect(ctx: CollectContext): Promise<Inventory>;
  /**
   * The inventory of just one resource (and what its checks need to judge it),
   * for a fix's re-check. A resource that no longer exists is absent from it; a
   * read that fails throws. Collectors whose checks have a fix implement it.
   */
  collectOne?(ctx: CollectContext, resource: ResourceRef): Promise<Inventory>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous collectors in one list
export type AnyCollector = Collector<any>;

/**
 * A per-resource detail that may have failed to load. A failed detail makes
 * only the checks that read it ERROR for that resource.
 */
export type Fetched<T> = { ok: true; value: T } | { ok: false; error: string };

export const fetched = <T>(value: T): Fetched<T> => ({ ok: true, value });

/**
 * Runs one detail call; a "not configured" answer (the caller names those
 * error codes) is a value, every other failure is recorded as a failed detail.
 */
export async function fetchDetail<T>(
  call: () => Promise<T>,
  absentCodes: readonly string[] = [],
  absentValue?: T,
): Promise<Fetched<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const info = describeAwsError(error);
    if (absentCodes.includes(info.code)) return { ok: true, value: absentValue as T };
    return { ok: false, error: redact(info.message) };
  }
}

/** Thrown by a collector when its inventory cannot be read at all. */
export class CollectionError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(redact(message), options);
    this.name = 'CollectionError';
  }
}

/** Reads a detail inside evaluate; a failed detail becomes the check's ERROR result. */
export function need<T>(detail: Fetched<T>, what: string): T {
  if (detail.ok) return detail.value;
  throw new MissingInputError(`${what} could not be read: ${detail.error}`);
}
