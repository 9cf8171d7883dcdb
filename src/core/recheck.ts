/**
 * A check's verdict on one resource of a freshly collected inventory: the
 * re-check a fix makes before it acts and after. Pure. A resource the
 * inventory no longer holds is ABSENT; a check that throws is an ERROR, never
 * a pass.
 */
import type { AnyCheck, Verdict } from './check.js';
import type { ResourceRef } from './resource.js';
import { redact } from '../util/redact.js';

export type Recheck =
  | (Verdict & { ref: ResourceRef })
  | { status: 'ABSENT'; summary: string }
  | { status: 'ERROR'; summary: string };

export function recheckOne(check: AnyCheck, inventory: unknown, resourceArn: string, params: unknown): Recheck {
  let items: readonly { ref: ResourceRef }[];
  try {
    items = check.select(inventory);
  } catch (error) {
    return { status: 'ERROR', summary: redact(`check ${check.meta.id} failed to select resources: ${(error as Error).message}`) };
  }
  const item = items.find((candidate) => candidate.ref.arn === resourceArn);
  if (!item) return { status: 'ABSENT', summary: `${resourceArn} no longer exists` };
  try {
    return { ...check.evaluate(item, params, inventory), ref: item.ref };
  } catch (error) {
    return { status: 'ERROR', summary: redact((error as Error).message) };
  }
}
