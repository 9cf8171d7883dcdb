/**
 * The Security Hub custom-action event, as EventBridge delivers it (directly,
 * or as the body of an SQS message): source aws.securityhub, detail-type
 * "Security Hub Findings - Custom Action", `resources` holding the action
 * target's ARN, and detail.findings an array of up to 100 ASFF findings.
 * Nothing in it is trusted: each finding is only a pointer to rampart's own
 * record, which the step then checks against the live resource.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { formatZodIssues } from '../config/schema.js';

export const ACTION_TARGET_ID = 'RampartRemediate';
export const ACTION_TARGET_NAME = 'Remediate (rampart)';
export const ACTION_TARGET_DESCRIPTION = 'rampart re-checks the selected findings, backs up, and fixes what still fails (reversible)';
export const CUSTOM_ACTION_DETAIL_TYPE = 'Security Hub Findings - Custom Action';
export const MAX_FINDINGS_PER_EVENT = 100;

export function actionTargetArn(partition: string, region: string, accountId: string, id = ACTION_TARGET_ID): string {
  return `arn:${partition}:securityhub:${region}:${accountId}:action/custom/${id}`;
}

/** The fields read from each finding; everything else is ignored. */
const findingSchema = z
  .object({
    Id: z.string().min(1).max(512),
    ProductArn: z.string().min(1).max(2048),
    GeneratorId: z.string().min(1).max(512),
    AwsAccountId: z.string().min(1).max(64),
    Region: z.string().min(1).max(32).optional(),
  })
  .loose();

export const customActionEventSchema = z
  .object({
    id: z.string().min(1).max(256),
    'detail-type': z.string(),
    source: z.string(),
    account: z.string().regex(/^\d{12}$/, { message: 'must be the 12-digit account id of the Security Hub that sent the event' }),
    region: z.string().min(1).max(32),
    time: z.string().optional(),
    resources: z.array(z.string()),
    detail: z
      .object({
        actionName: z.string().optional(),
        actionDescription: z.string().optional(),
        findings: z.array(z.unknown()),
      })
      .loose(),
  })
  .loose();

export type CustomActionEvent = z.infer<typeof customActionEventSchema>;
export type EventFinding = z.infer<typeof findingSchema>;

export class EventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventError';
  }
}

/** Parses the event (or the JSON text of one); a malformed one is an EventError naming the field. */
export function parseCustomActionEvent(input: unknown): CustomActionEvent {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new EventError('the event is not JSON: expected a Security Hub custom-action event as EventBridge sends it');
    }
  }
  const parsed = customActionEventSchema.safeParse(value);
  if (!parsed.success) throw new EventError(`the event is not a Security Hub custom-action event: ${formatZodIssues(parsed.error, 'event').join('; ')}`);
  return parsed.data;
}

/** Each finding of the event, read on its own: one that is malformed is refused alone, with the reason. */
export function eventFindings(event: CustomActionEvent): Array<{ ok: true; finding: EventFinding } | { ok: false; id: string; reason: string }> {
  return event.detail.findings.map((raw, index) => {
    const parsed = findingSchema.safeParse(raw);
    if (parsed.success) return { ok: true as const, finding: parsed.data };
    const id = typeof (raw as { Id?: unknown } | null)?.Id === 'string' ? String((raw as { Id: string }).Id).slice(0, 512) : `event-finding-${index}`;
    return { ok: false as const, id, reason: `detail.findings[${index}] is malformed: ${formatZodIssues(parsed.error).join('; ')}` };
  });
}

/** Why the whole event must be refused (wrong source or type, not rampart's action target, too many findings), or undefined. */
export function eventRefusal(event: CustomActionEvent, partition: string, actionTargetId = ACTION_TARGET_ID): string | undefined {
  if (event.source !== 'aws.securityhub') return `the event's source is ${event.source}, not aws.securityhub`;
  if (event['detail-type'] !== CUSTOM_ACTION_DETAIL_TYPE) return `the event's detail-type is "${event['detail-type']}", not "${CUSTOM_ACTION_DETAIL_TYPE}"`;
  const expected = actionTargetArn(partition, event.region, event.account, actionTargetId);
  if (!event.resources.includes(expected)) return `the event does not name rampart's action target ${expected} (it names ${event.resources.join(', ') || 'none'})`;
  if (event.detail.findings.length > MAX_FINDINGS_PER_EVENT) return `the event holds ${event.detail.findings.length} findings; Security Hub sends at most ${MAX_FINDINGS_PER_EVENT}`;
  return undefined;
}

/** Who asked: the event carries no user identity, so the action, the account and the event id name the request. */
export function requesterOf(event: CustomActionEvent): string {
  const who = (event.detail as { userIdentity?: { arn?: unknown } }).userIdentity?.arn;
  if (typeof who === 'string' && who.length > 0) return who.slice(0, 256);
  return `Security Hub custom action ${event.detail.actionName ?? ACTION_TARGET_ID} in ${event.account}/${event.region} (event ${event.id})`;
}

/** A custom-action event for findings, as Security Hub would send it (the demo and tests build theirs from real findings). */
export function buildCustomActionEvent(findings: readonly Record<string, unknown>[], options: { account: string; region: string; partition?: string; id?: string; time?: string }): CustomActionEvent {
  return {
    version: '0',
    id: options.id ?? randomUUID(),
    'detail-type': CUSTOM_ACTION_DETAIL_TYPE,
    source: 'aws.securityhub',
    account: options.account,
    time: options.time ?? new Date().toISOString(),
    region: options.region,
    resources: [actionTargetArn(options.partition ?? 'aws', options.region, options.account)],
    detail: { actionName: ACTION_TARGET_NAME, actionDescription: ACTION_TARGET_DESCRIPTION, findings: [...findings] },
  };
}
