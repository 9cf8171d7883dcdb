/**
 * Rollback: restores exactly what a remediation changed, from its backup,
 * then re-checks and writes the result back (the finding FAILED again and
 * NEW, with a note). Idempotent: a second rollback finds nothing to restore.
 */
import { describeAwsError } from '../aws/errors.js';
import type { JsonValue } from '../core/check.js';
import { recheckOne } from '../core/recheck.js';
import { ResourceGoneError, type PlannedCall } from '../core/remediation.js';
import type { RemediationItem, RollbackRecord } from '../state/remediations.js';
import type { EnginePorts, RemediationEngine } from './engine.js';
import { checkParameters } from '../core/planner.js';
import { partitionOf } from '../core/resource.js';
import type { CheckSettings } from '../config/schema.js';

export interface RollbackReport {
  remediationId: string;
  findingId: string;
  outcome: RollbackRecord['outcome'];
  reason: string;
  calls: PlannedCall[];
  backupKey?: string;
  /** The configuration before the rollback, and after it. */
  before?: JsonValue;
  after?: JsonValue;
}

export class RollbackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RollbackError';
  }
}

export async function rollbackRemediation(
  remediationId: string,
  requestedBy: string,
  ports: EnginePorts,
  engine: RemediationEngine,
  checks: Readonly<Record<string, CheckSettings>>,
): Promise<RollbackReport> {
  const [item] = await ports.log.all(remediationId);
  if (!item) throw new RollbackError(`no remediation ${remediationId} in the record table (\`rampart remediations\` lists them)`);
  if (!item.backupKey || !item.checkId || !item.accountId || !item.region || !item.resource) {
    throw new RollbackError(`remediation ${remediationId} changed nothing (${item.outcome ?? item.phase}: ${item.reason ?? ''}), so there is nothing to roll back`);
  }
  if (!ports.backups) throw new RollbackError('remediation.backupBucket is not set: the backup cannot be read');
  const fix = ports.registry.remediationOf(item.checkId);
  const check = ports.registry.check(item.checkId);
  if (!fix || !check) throw new RollbackError(`check ${item.checkId} has no remediation in this version of rampart`);
  const backup = await ports.backups.load(item.backupKey);
  const ctx = await ports.contextFor(item.accountId, item.region);
  const base = { remediationId, findingId: item.findingId, backupKey: item.backupKey };
  const record = async (outcome: RollbackRecord['outcome'], reason: string, calls: PlannedCall[], extra: Partial<RollbackReport> = {}): Promise<RollbackReport> => {
    const updated: RemediationItem = { ...item, rollback: { at: ports.now().toISOString(), by: requestedBy, calls, outcome, reason }, updatedAt: ports.now().toISOString(), lastSeenAt: ports.now().toISOString() };
    await ports.log.put(updated);
    return { ...base, outcome, reason, calls, ...extra };
  };
  const resource = { ...item.resource, region: item.region, partition: partitionOf(item.region), tags: {} };
  let current: JsonValue;
  try {
    current = (await fix.snapshot(ctx, resource)) as JsonValue;
  } catch (error) {
    const reason = error instanceof ResourceGoneError ? `${error.message}: nothing to restore into` : `the current configuration cannot be read: ${describeAwsError(error).message}`;
    return record('FAILED', reason, []);
  }
  const calls = fix.restore({ resource, backup: backup.snapshot, applied: item.calls, current });
  if (calls.length === 0) return record('ALREADY_RESTORED', 'the configuration already matches the backup where the remediation changed it', [], { before: current, after: current });
  for (const call of calls) {
    try {
      await fix.perform(ctx, call);
    } catch (error) {
      return record('FAILED', `${call.action} failed: ${describeAwsError(error).message}`, calls, { before: current });
    }
  }
  const after = (await fix.snapshot(ctx, resource).catch(() => undefined)) as JsonValue | undefined;
  const findingRecord = await ports.records.get(item.findingId);
  const problems: string[] = [];
  if (findingRecord && check.collector.collectOne) {
    const params = check.parameters ? check.parameters.parse(checkParameters(ports.registry, check.meta.id, checks[check.meta.id]?.parameters)) : {};
    try {
      const inventory: unknown = await check.collector.collectOne(ctx, findingRecord.resource);
      const verdict = recheckOne(check, inventory, findingRecord.resource.arn, params);
      if (verdict.status === 'FAILED') {
        const note = `Rolled back by ${requestedBy}: rampart restored the configuration from before ${remediationId} (backup ${item.backupKey}).`;
        problems.push(...await ports.writeBack({
          record: findingRecord,
          result: engine.failedResult(findingRecord, check, verdict.ref, verdict.summary, verdict.evidence),
          workflow: { status: 'NEW', note, updatedBy: requestedBy },
          comment: note,
        }));
      }
    } catch (error) {
      problems.push(`the re-check after the rollback failed: ${describeAwsError(error).message}`);
    }
  }
  const reason = `${calls.map((c) => c.description).join('; ')}${problems.length > 0 ? `; write-back: ${problems.join('; ')}` : ''}`;
  return record('ROLLED_BACK', reason, calls, { before: current, ...(after !== undefined ? { after } : {}) });
}
