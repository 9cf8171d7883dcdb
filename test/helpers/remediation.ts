/**
 * Drives one fix the way the remediation step does, against moto: re-check
 * the live resource, snapshot, plan, perform, re-check, then restore from the
 * snapshot and snapshot again. The fix tests assert on each stage.
 */
import assert from 'node:assert/strict';
import type { AnyCheck } from '../../src/core/check.js';
import type { AnyCollector, CollectContext } from '../../src/core/collector.js';
import { recheckOne, type Recheck } from '../../src/core/recheck.js';
import type { AnyRemediation, FixPlan, PlannedCall } from '../../src/core/remediation.js';
import type { ResourceRef } from '../../src/core/resource.js';
import type { JsonValue } from '../../src/core/check.js';

export interface FixSubject {
  ctx: CollectContext;
  collector: AnyCollector;
  check: AnyCheck;
  fix: AnyRemediation;
  /** The resource as a scan names it (its ARN is what the re-check looks for). */
  resource: ResourceRef;
  checkParams?: Record<string, unknown>;
  params?: Record<string, unknown>;
}

/** A maker of subjects for one fix: the resource (and parameters) vary, the rest is the fix's. */
export function subjectsOf(ctx: () => CollectContext, collector: AnyCollector, check: AnyCheck, fix: AnyRemediation) {
  return (resource: ResourceRef, options: { params?: Record<string, unknown>; checkParams?: Record<string, unknown> } = {}): FixSubject => ({ ctx: ctx(), collector, check, fix, resource, ...options });
}

export async function recheck(subject: FixSubject): Promise<Recheck> {
  const { ctx, collector, check, resource } = subject;
  assert.ok(collector.collectOne, `${collector.id} implements collectOne`);
  const inventory: unknown = await collector.collectOne(ctx, resource);
  return recheckOne(check, inventory, resource.arn, check.parameters ? check.parameters.parse(subject.checkParams ?? {}) : {});
}

/** The fix's plan for the live resource: requires the re-check to fail first. */
export async function planFix(subject: FixSubject): Promise<{ before: JsonValue; plan: FixPlan }> {
  const verdict = await recheck(subject);
  assert.equal(verdict.status, 'FAILED', `the re-check fails before the fix: ${verdict.summary ?? ''}`);
  const before = (await subject.fix.snapshot(subject.ctx, subject.resource)) as JsonValue;
  const plan = subject.fix.plan({
    resource: subject.resource,
    snapshot: before,
    evidence: verdict.status === 'FAILED' ? verdict.evidence : {},
    params: subject.fix.parameters ? subject.fix.parameters.parse(subject.params ?? {}) : {},
    checkParams: subject.check.parameters ? subject.check.parameters.parse(subject.checkParams ?? {}) : {},
  });
  for (const call of plan.calls) assert.ok(subject.fix.permissions.includes(call.action), `${subject.fix.id} declares ${call.action}`);
  return { before, plan };
}

export async function performAll(subject: FixSubject, calls: readonly PlannedCall[]): Promise<void> {
  for (const call of calls) await subject.fix.perform(subject.ctx, call);
}

/**
 * The whole round trip: fix, re-check (PASSED), fix again (nothing planned),
 * roll back (the snapshot equals the backup), and roll back again (nothing to do).
 */
export async function roundTrip(subject: FixSubject): Promise<{ before: JsonValue; plan: FixPlan; fixed: JsonValue; restored: JsonValue }> {
  const { before, plan } = await planFix(subject);
  assert.ok(plan.calls.length > 0, 'the fix plans at least one call');
  await performAll(subject, plan.calls);
  await performAll(subject, plan.calls); // idempotent: a redelivered fix converges
  const after = await recheck(subject);
  assert.equal(after.status, 'PASSED', `the re-check passes after the fix: ${after.summary ?? ''}`);
  const fixed = (await subject.fix.snapshot(subject.ctx, subject.resource)) as JsonValue;
  const restore = subject.fix.restore({ resource: subject.resource, backup: before, applied: plan.calls, current: fixed });
  for (const call of restore) assert.ok(subject.fix.permissions.includes(call.action), `${subject.fix.id} declares ${call.action}`);
  await performAll(subject, restore);
  await performAll(subject, restore); // idempotent
  const restored = (await subject.fix.snapshot(subject.ctx, subject.resource)) as JsonValue;
  assert.deepEqual(restored, before, 'the rollback restores the configuration exactly');
  assert.deepEqual(subject.fix.restore({ resource: subject.resource, backup: before, applied: plan.calls, current: restored }), [], 'a second rollback has nothing to do');
  return { before, plan, fixed, restored };
}
