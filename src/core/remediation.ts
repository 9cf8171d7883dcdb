/**
 * The remediation contract: one fix per file beside its auditor
 * (auditors/<service>/remediations/<id>.ts). A fix is data plus three pure
 * functions around two calls to AWS:
 *  - snapshot: the live configuration the fix may change, in the API's own
 *    representation (what the backup stores and a rollback puts back);
 *  - plan: the exact calls that fix what fails now, and only that (pure);
 *  - restore: the calls that undo what a remediation did, given the backup,
 *    the calls it made and the configuration now (pure);
 *  - perform: makes one planned call.
 * Every call a fix can plan is in its permissions: the remediation role is
 * generated from them.
 */
import type { z } from 'zod';
import type { Evidence, JsonValue } from './check.js';
import type { CollectContext } from './collector.js';
import type { ResourceRef } from './resource.js';

/** One API call, as data: printed by --dry-run, stored in the backup, then made. */
export interface PlannedCall {
  /** The IAM action that authorises the call, which names the API operation too: "ec2:RevokeSecurityGroupIngress". */
  action: string;
  /** The API operation, only where its name differs from the action's (S3's DeletePublicAccessBlock is authorised by s3:PutBucketPublicAccessBlock). */
  operation?: string;
  /** The operation's input, exactly as sent. */
  input: { [key: string]: JsonValue };
  /** What the call changes, in words. */
  description: string;
}

export interface FixPlan {
  calls: PlannedCall[];
  /** What fails now but this fix will not change, and why (a shared prefix list, an AWS-owned grant…). */
  left: string[];
}

export interface PlanInput<Snapshot, Params> {
  resource: ResourceRef;
  snapshot: Snapshot;
  /** The evidence of the re-check that just failed on the live resource. */
  evidence: Evidence;
  /** The fix's own parameters, validated. */
  params: Params;
  /** The check's parameters, validated (restricted ports, age limits…). */
  checkParams: unknown;
}

export interface RestoreInput<Snapshot> {
  resource: ResourceRef;
  /** The configuration stored before the fix. */
  backup: Snapshot;
  /** The calls the fix made. */
  applied: readonly PlannedCall[];
  /** The configuration now. */
  current: Snapshot;
}

/** The context a fix runs in: the collectors' own (one account and region). */
export type RemediationContext = CollectContext;

/** Thrown by snapshot when the resource no longer exists (the fix then has nothing to do). */
export class ResourceGoneError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ResourceGoneError';
  }
}

export interface Remediation<Snapshot extends JsonValue = JsonValue, Params = unknown> {
  /** kebab-case, prefixed by the service; equals the file name. */
  id: string;
  /** The check whose FAILED findings this fixes. */
  checkId: string;
  title: string;
  /** What changes, what never does, and how a rollback undoes it. */
  description: string;
  /** Every IAM action snapshot and perform may call. */
  permissions: readonly string[];
  /** The fix's parameters with defaults (config: checks.<id>.parameters, beside the check's). */
  parameters?: z.ZodType<Params>;
  snapshot(ctx: RemediationContext, resource: ResourceRef): Promise<Snapshot>;
  plan(input: PlanInput<Snapshot, Params>): FixPlan;
  restore(input: RestoreInput<Snapshot>): PlannedCall[];
  perform(ctx: RemediationContext, call: PlannedCall): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds fixes of every snapshot type
export type AnyRemediation = Remediation<any, any>;

export function defineRemediation<Snapshot extends JsonValue, Params = Record<string, never>>(remediation: Remediation<Snapshot, Params>): Remediation<Snapshot, Params> {
  return remediation;
}

/** The field names of an object parameter schema (a fix's parameters sit beside its check's in the config). */
export function parameterKeys(schema: z.ZodType | undefined): string[] {
  const shape = (schema as { shape?: unknown } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

/** The service of an IAM action ("ec2" of "ec2:RevokeSecurityGroupIngress"). */
export function actionService(action: string): string {
  return action.slice(0, action.indexOf(':'));
}

/** The API operation of an IAM action ("RevokeSecurityGroupIngress"). */
export function actionOperation(action: string): string {
  return action.slice(action.indexOf(':') + 1);
}
