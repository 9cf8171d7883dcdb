/** The RDS fix's AWS calls (loaded when the fix runs, like the collector's fetch.ts). */
import {
  DescribeDBClusterSnapshotAttributesCommand, DescribeDBSnapshotAttributesCommand, ModifyDBClusterSnapshotAttributeCommand, ModifyDBSnapshotAttributeCommand,
  RDSClient, type DBClusterSnapshotAttribute, type DBSnapshotAttribute,
} from '@aws-sdk/client-rds';
import { describeAwsError } from '../../../src/aws/errors.js';
import { ResourceGoneError, type PlannedCall, type RemediationContext } from '../../../src/core/remediation.js';
import { isSnapshotNotFound, type SnapshotKind } from '../model.js';
import type { RdsSnapshotAttributesSnapshot, SnapshotAttributeJson } from './rds-snapshot-remove-public-restore.js';

/** The attributes as plain JSON in a stable order: RDS keeps no order of the account ids. */
export function toAttributesJson(attributes: readonly (DBSnapshotAttribute | DBClusterSnapshotAttribute)[] | undefined): SnapshotAttributeJson[] {
  return (attributes ?? [])
    .map((a) => ({ AttributeName: a.AttributeName ?? '', AttributeValues: [...(a.AttributeValues ?? [])].sort() }))
    .sort((a, b) => a.AttributeName.localeCompare(b.AttributeName));
}

async function guarded<T>(kind: SnapshotKind, identifier: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isSnapshotNotFound(describeAwsError(error).code)) {
      throw new ResourceGoneError(`${kind === 'cluster' ? 'DB cluster snapshot' : 'DB snapshot'} ${identifier} no longer exists`, { cause: error });
    }
    throw error;
  }
}

export async function readSnapshotAttributes(ctx: RemediationContext, kind: SnapshotKind, identifier: string): Promise<RdsSnapshotAttributesSnapshot> {
  const rds = ctx.clients.get(RDSClient);
  return guarded(kind, identifier, async () => {
    if (kind === 'cluster') {
      const answer = await rds.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: identifier }));
      return { DBClusterSnapshotIdentifier: identifier, DBClusterSnapshotAttributes: toAttributesJson(answer.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes) };
    }
    const answer = await rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: identifier }));
    return { DBSnapshotIdentifier: identifier, DBSnapshotAttributes: toAttributesJson(answer.DBSnapshotAttributesResult?.DBSnapshotAttributes) };
  });
}

const KINDS: Record<string, SnapshotKind | undefined> = { 'rds:ModifyDBSnapshotAttribute': 'instance', 'rds:ModifyDBClusterSnapshotAttribute': 'cluster' };

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/**
 * Makes one call. Removing a value that is not there is no error; a value to
 * add that is there already is left out, as the RDS API itself does (moto
 * would list it twice).
 */
export async function performSnapshotAttributeCall(ctx: RemediationContext, call: PlannedCall): Promise<void> {
  const rds = ctx.clients.get(RDSClient);
  const kind = KINDS[call.action];
  if (!kind) throw new Error(`the RDS snapshot fix does not make ${call.action}`);
  const identifier = String(kind === 'cluster' ? call.input.DBClusterSnapshotIdentifier : call.input.DBSnapshotIdentifier);
  const attributeName = String(call.input.AttributeName);
  let toAdd = strings(call.input.ValuesToAdd);
  const toRemove = strings(call.input.ValuesToRemove);
  if (toAdd.length > 0) {
    const current = await readSnapshotAttributes(ctx, kind, identifier);
    const attributes = 'DBClusterSnapshotAttributes' in current ? current.DBClusterSnapshotAttributes : current.DBSnapshotAttributes;
    const present = new Set(attributes.find((a) => a.AttributeName === attributeName)?.AttributeValues ?? []);
    toAdd = toAdd.filter((value) => !present.has(value));
    if (toAdd.length === 0 && toRemove.length === 0) return;
  }
  const change = { AttributeName: attributeName, ...(toAdd.length > 0 ? { ValuesToAdd: toAdd } : {}), ...(toRemove.length > 0 ? { ValuesToRemove: toRemove } : {}) };
  await guarded(kind, identifier, async () => {
    if (kind === 'cluster') await rds.send(new ModifyDBClusterSnapshotAttributeCommand({ DBClusterSnapshotIdentifier: identifier, ...change }));
    else await rds.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: identifier, ...change }));
  });
}
