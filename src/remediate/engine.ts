/**
 * One finding through the remediation step, fail closed:
 *  1. validate: a rampart finding (ProductArn, GeneratorId with a fix) that is
 *     in the record table, in an allowed account, with a backup bucket set;
 *  2. claim the work (exactly once per request; a dead worker's claim is taken over);
 *  3. re-read the live resource and re-check it: act only if it still fails,
 *     and only on what fails now; never on an exempted resource;
 *  4. back up the prior configuration and the calls, then make them;
 *  5. re-check, and write back (finding PASSED and RESOLVED, Jira, Slack).
 * Anything that cannot be read is SKIPPED_UNVERIFIED with zero writes. Every
 * outcome, refusals included, is recorded with its reason.
 */
import { createHash } from 'node:crypto';
import type { AnyCheck, JsonValue, Severity } from '../core/check.js';
import { describeAwsError } from '../aws/errors.js';
import type { CheckSettings, Exemption } from '../config/schema.js';
import { findExemption, isExpired } from '../config/exemptions.js';
import { checkParameters, fixParameters } from '../core/planner.js';
import { recheckOne, type Recheck } from '../core/recheck.js';
import { ResourceGoneError, type AnyRemediation, type PlannedCall, type RemediationContext } from '../core/remediation.js';
import type { Registry } from '../core/registry.js';
import type { CheckResult } from '../core/result.js';
import { productArn } from '../findings/ids.js';
import { formatZodIssues } from '../config/schema.js';
import type { FindingRecord } from '../state/record.js';
import type { RemediationItem, RemediationLog, RemediationOutcome, RemediationTrigger } from '../state/remediations.js';
import type { Logger } from '../util/logger.js';
import { redact } from '../util/redact.js';
import type { Backup, BackupStore } from './backup.js';

export interface RemediationSettings {
  /** Where fixes are allowed. */
  accounts: readonly string[];
  exemptions: readonly Exemption[];
  checks: Readonly<Record<string, CheckSettings>>;
  /** How long a claim holds before another worker may take it over. */
  leaseMs: number;
  /** Why rampart cannot act in an account (no role to assume there), or undefined. */
  cannotActIn?(accountId: string): string | undefined;
}

export interface WriteBack {
  record: FindingRecord;
  /** The re-check's result, to re-import. */
  result: CheckResult;
  workflow: { status: 'RESOLVED' | 'NEW'; note: string; updatedBy: string };
  /** For the Jira issue and the Slack thread of the finding, when reporting made them. */
  comment: string;
}

export interface EnginePorts {
  registry: Registry;
  log: RemediationLog;
  records: { get(findingId: string): Promise<FindingRecord | undefined> };
  /** Undefined when no backup bucket is configured: nothing is fixed then. */
  backups?: BackupStore;
  contextFor(accountId: string, region: string): Promise<RemediationContext>;
  /** Re-import, workflow, Jira and Slack; returns the problems (the fix stands either way). */
  writeBack(input: WriteBack): Promise<string[]>;
  now(): Date;
  logger: Logger;
}

export interface FindingRequest {
  findingId: string;
  remediationId: string;
  trigger: RemediationTrigger;
  requestedBy: string;
  eventId?: string;
  dryRun: boolean;
  /** What the event claimed about the finding; checked against the record. */
  claimed?: { productArn: string; generatorId: string; accountId: string; region?: string };
  /** Refused before anything else (the event, or this finding in it, is malformed or not rampart's). */
  refusal?: string;
  /** How many times the queue delivered the message. */
  receives?: number;
}

export interface RemediationReport {
  findingId: string;
  outcome: RemediationOutcome;
  reason: string;
  remediationId: string;
  backupKey?: string;
  /** The calls made (or, in a dry run, that would be made). */
  calls: PlannedCall[];
  /** What fails but the fix does not change. */
  left?: string[];
  checkId?: string;
  accountId?: string;
  region?: string;
  resource?: string;
  /** The configuration before and after (for display; the backup holds "before"). */
  before?: JsonValue;
  after?: JsonValue;
  /** A transient failure: the queue should deliver the message again. */
  retryable?: boolean;
  /** Another request made this outcome (duplicate delivery). */
  duplicateOf?: string;
}

/** A stable remediation id: the same request (event and finding) always maps to the same claim. */
export function remediationIdOf(...parts: string[]): string {
  return `rem-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 20)}`;
}

const RETRYABLE_KINDS = new Set(['throttling', 'network', 'server']);

function isRetryable(error: unknown): boolean {
  const info = describeAwsError(error);
  return RETRYABLE_KINDS.has(info.kind) || /timeout|ECONNRESET|socket hang up/i.test(info.message);
}

export class RemediationEngine {
  constructor(
    private readonly settings: RemediationSettings,
    private readonly ports: EnginePorts,
  ) {}

  async handle(request: FindingRequest): Promise<RemediationReport> {
    const base = { findingId: request.findingId, remediationId: request.remediationId, calls: [] as PlannedCall[] };
    const refuse = (reason: string, extra: Partial<RemediationReport> = {}): Promise<RemediationReport> => this.finish(request, undefined, { ...base, ...extra, outcome: 'REFUSED', reason });
    if (request.refusal) return refuse(request.refusal);

    let record: FindingRecord | undefined;
    try {
      record = await this.ports.records.get(request.findingId);
    } catch (error) {
      return this.finish(request, undefined, { ...base, outcome: 'SKIPPED_UNVERIFIED', reason: `the record table cannot be read: ${describeAwsError(error).message}`, retryable: isRetryable(error) });
    }
    if (!record) return refuse('no rampart record holds this finding id (a finding rampart did not produce, or a forged one)');
    const where = { checkId: record.checkId, accountId: record.accountId, region: record.region, resource: record.resource.arn };
    const claimed = request.claimed;
    if (claimed) {
      const expectedArn = productArn(record.resource.partition, record.region, record.accountId);
      if (claimed.productArn !== expectedArn) return refuse(`the finding's ProductArn ${claimed.productArn} is not rampart's (${expectedArn})`, where);
      if (claimed.generatorId !== record.checkId) return refuse(`the finding's GeneratorId ${claimed.generatorId} does not match the record's check ${record.checkId}`, where);
      if (claimed.accountId !== record.accountId) return refuse(`the finding's AwsAccountId ${claimed.accountId} does not match the record's ${record.accountId}`, where);
    }
    const check = this.ports.registry.check(record.checkId);
    const fix = this.ports.registry.remediationOf(record.checkId);
    if (!check || !fix) return refuse(`check ${record.checkId} has no remediation in rampart's catalogue`, where);
    if (!this.settings.accounts.includes(record.accountId)) return refuse(`account ${record.accountId} is not in remediation.accounts (fixes are allowed only there)`, where);
    if (!this.ports.backups && !request.dryRun) return refuse('remediation.backupBucket is not set: rampart never fixes without a backup', where);
    const unreachable = this.settings.cannotActIn?.(record.accountId);
    if (unreachable) return refuse(unreachable, where);
    const params = this.parameters(check, fix);
    if (!params.ok) return refuse(params.error, where);

    const claim = await this.claim(request, record, fix);
    if (claim.kind === 'done') {
      const previous = claim.item;
      return { ...base, ...where, outcome: previous.outcome ?? 'FAILED', reason: `already handled by ${previous.remediationId} at ${previous.updatedAt} (a repeated request): ${previous.reason ?? ''}`, duplicateOf: previous.remediationId, ...(previous.backupKey ? { backupKey: previous.backupKey } : {}) };
    }
    if (claim.kind === 'busy') {
      return { ...base, ...where, outcome: 'FAILED', reason: `another worker holds this remediation until ${claim.item.leaseUntil}; it is retried on redelivery`, retryable: true };
    }
    const item = claim.item;
    try {
      return await this.run(request, record, check, fix, params, item, where);
    } catch (error) {
      return this.finish(request, item, { ...base, ...where, outcome: 'FAILED', reason: redact(`unexpected failure: ${(error as Error).message}`), retryable: true, calls: item.calls });
    }
  }

  private async run(
    request: FindingRequest, record: FindingRecord, check: AnyCheck, fix: AnyRemediation,
    params: { checkParams: unknown; fixParams: unknown }, item: RemediationItem,
    where: Pick<RemediationReport, 'checkId' | 'accountId' | 'region' | 'resource'>,
  ): Promise<RemediationReport> {
    const base = { findingId: request.findingId, remediationId: request.remediationId, ...where, calls: [] as PlannedCall[] };
    const unverified = (reason: string, error?: unknown): Promise<RemediationReport> =>
      this.finish(request, item, { ...base, outcome: 'SKIPPED_UNVERIFIED', reason, ...(error !== undefined ? { retryable: isRetryable(error) } : {}) });
    let ctx: RemediationContext;
    try {
      ctx = await this.ports.contextFor(record.accountId, record.region);
    } catch (error) {
      return unverified(`the credentials for ${record.accountId}/${record.region} cannot be obtained: ${describeAwsError(error).message}`, error);
    }
    const verdict = await this.recheck(ctx, check, record, params.checkParams);
    if (verdict.status === 'ERROR') return unverified(`the live resource cannot be re-checked: ${verdict.summary}`);
    if (verdict.status !== 'FAILED') {
      const reason = verdict.status === 'ABSENT' ? `the resource no longer exists` : `the live resource passes ${check.meta.id} now${verdict.summary ? `: ${verdict.summary}` : ''}`;
      return this.finish(request, item, { ...base, outcome: 'ALREADY_COMPLIANT', reason, calls: item.calls, ...(item.backupKey ? { backupKey: item.backupKey } : {}) });
    }
    // A tag exemption cannot be ruled out on a resource whose tags could not be read: fail closed.
    if (verdict.ref.tagsError && this.settings.exemptions.some((e) => e.tag !== undefined && !isExpired(e, this.ports.now()))) {
      return unverified(`the resource's tags cannot be read (${verdict.ref.tagsError}), so a tag exemption cannot be ruled out`);
    }
    const exemption = findExemption(this.settings.exemptions, { accountId: record.accountId, region: record.region, checkId: record.checkId, resource: verdict.ref }, this.ports.now());
    if (exemption) return this.finish(request, item, { ...base, outcome: 'REFUSED', reason: `the resource is exempted: ${exemption.reason}${exemption.expires ? ` (until ${exemption.expires})` : ''}` });

    let snapshot: JsonValue;
    try {
      snapshot = (await fix.snapshot(ctx, verdict.ref)) as JsonValue;
    } catch (error) {
      if (error instanceof ResourceGoneError) return this.finish(request, item, { ...base, outcome: 'ALREADY_COMPLIANT', reason: error.message });
      return unverified(`the configuration to back up cannot be read: ${describeAwsError(error).message}`, error);
    }
    const plan = fix.plan({ resource: verdict.ref, snapshot, evidence: verdict.evidence, params: params.fixParams, checkParams: params.checkParams });
    const left = plan.left.length > 0 ? { left: plan.left } : {};
    if (plan.calls.length === 0) {
      return this.finish(request, item, { ...base, ...left, outcome: 'REFUSED', reason: plan.left.length > 0 ? `nothing ${fix.id} may change: ${plan.left.join('; ')}` : `${fix.id} finds nothing to change, though the check fails: ${verdict.summary}`, before: snapshot });
    }
    if (request.dryRun) {
      return this.finish(request, item, { ...base, ...left, outcome: 'DRY_RUN', reason: `would make ${plan.calls.length} call(s): ${plan.calls.map((c) => c.description).join('; ')}`, calls: plan.calls, before: snapshot });
    }

    const backups = this.ports.backups as BackupStore;
    const backup: Backup = {
      format: 1, remediationId: request.remediationId, findingId: record.findingId, checkId: record.checkId, fixId: fix.id,
      accountId: record.accountId, region: record.region, resource: { type: verdict.ref.type, arn: verdict.ref.arn, id: verdict.ref.id },
      takenAt: this.ports.now().toISOString(), snapshot, calls: plan.calls,
    };
    let saved: { key: string; backup: Backup };
    try {
      saved = await backups.save(backup);
    } catch (error) {
      return this.finish(request, item, { ...base, outcome: 'FAILED', reason: `no change made: ${(error as Error).message}`, retryable: true });
    }
    const calls = mergeCalls(item.calls, plan.calls);
    Object.assign(item, { phase: 'BACKED_UP', backupBucket: backups.bucket, backupKey: saved.key, calls, updatedAt: this.ports.now().toISOString() });
    await this.ports.log.put(item);

    for (const call of plan.calls) {
      try {
        await fix.perform(ctx, call);
      } catch (error) {
        if (error instanceof ResourceGoneError) return this.finish(request, item, { ...base, outcome: 'ALREADY_COMPLIANT', reason: error.message, calls, backupKey: saved.key });
        return this.finish(request, item, { ...base, ...left, outcome: 'FAILED', reason: `${call.action} failed: ${describeAwsError(error).message} (the backup is ${saved.key})`, calls, backupKey: saved.key, before: snapshot, retryable: isRetryable(error) });
      }
    }
    const after = await this.recheck(ctx, check, record, params.checkParams);
    const current = await fix.snapshot(ctx, verdict.ref).catch(() => undefined) as JsonValue | undefined;
    const fixedOutcome = { ...base, ...left, calls, backupKey: saved.key, before: snapshot, ...(current !== undefined ? { after: current } : {}) };
    if (after.status !== 'PASSED' && after.status !== 'ABSENT' && after.status !== 'NOT_APPLICABLE') {
      return this.finish(request, item, { ...fixedOutcome, outcome: 'FAILED', reason: `still failing after ${plan.calls.length} call(s): ${after.summary ?? after.status}${plan.left.length > 0 ? `; left: ${plan.left.join('; ')}` : ''}` });
    }
    const note = `Remediated by rampart ${fix.id} (${request.remediationId}), requested by ${request.requestedBy}: ${plan.calls.map((c) => c.description).join('; ')}. Backup: s3://${backups.bucket}/${saved.key}. Roll back: rampart rollback ${request.remediationId}`;
    // A resource the check no longer applies to (a deactivated key) is as good as passed for the finding.
    const problems = after.status === 'PASSED' || after.status === 'NOT_APPLICABLE'
      ? await this.ports.writeBack({
          record,
          result: this.result(record, check, after.ref, 'PASSED', after.summary ?? 'compliant', after.status === 'PASSED' ? after.evidence ?? {} : {}, { remediationId: request.remediationId, backupKey: `s3://${backups.bucket}/${saved.key}` }),
          workflow: { status: 'RESOLVED', note, updatedBy: request.requestedBy },
          comment: note,
        })
      : [];
    return this.finish(request, item, { ...fixedOutcome, outcome: 'REMEDIATED', reason: plan.calls.map((c) => c.description).join('; ') }, problems);
  }

  private parameters(check: AnyCheck, fix: AnyRemediation): { ok: true; checkParams: unknown; fixParams: unknown } | { ok: false; error: string } {
    const raw = this.settings.checks[check.meta.id]?.parameters;
    const checkParsed = check.parameters ? check.parameters.safeParse(checkParameters(this.ports.registry, check.meta.id, raw)) : { success: true as const, data: {} };
    if (!checkParsed.success) return { ok: false, error: `config is invalid: ${formatZodIssues(checkParsed.error, `checks.${check.meta.id}.parameters`).join('; ')}` };
    const fixParsed = fix.parameters ? fix.parameters.safeParse(fixParameters(this.ports.registry, check.meta.id, raw)) : { success: true as const, data: {} };
    if (!fixParsed.success) return { ok: false, error: `config is invalid: ${formatZodIssues(fixParsed.error, `checks.${check.meta.id}.parameters`).join('; ')}` };
    return { ok: true, checkParams: checkParsed.data, fixParams: fixParsed.data };
  }

  private async recheck(ctx: RemediationContext, check: AnyCheck, record: FindingRecord, checkParams: unknown): Promise<Recheck> {
    const collectOne = check.collector.collectOne;
    if (!collectOne) return { status: 'ERROR', summary: `collector ${check.collector.id} cannot re-read one resource` };
    try {
      const inventory: unknown = await collectOne.call(check.collector, ctx, record.resource);
      return recheckOne(check, inventory, record.resource.arn, checkParams);
    } catch (error) {
      return { status: 'ERROR', summary: describeAwsError(error).message };
    }
  }

  private result(record: FindingRecord, check: AnyCheck, ref: CheckResult['resource'], status: 'PASSED' | 'FAILED', summary: string, evidence: CheckResult['evidence'], productFields?: Record<string, string>): CheckResult {
    const severity: Severity = this.settings.checks[check.meta.id]?.severity ?? check.meta.severity;
    return {
      checkId: check.meta.id, accountId: record.accountId, region: record.region, partition: record.resource.partition,
      resource: ref, status, severity, summary: redact(summary), evidence, ...(productFields ? { productFields } : {}),
    };
  }

  /** Builds a FAILED result for a rollback's write-back. */
  failedResult(record: FindingRecord, check: AnyCheck, ref: CheckResult['resource'], summary: string, evidence: CheckResult['evidence']): CheckResult {
    return this.result(record, check, ref, 'FAILED', summary, evidence);
  }

  private async claim(request: FindingRequest, record: FindingRecord | undefined, fix: AnyRemediation | undefined): Promise<Awaited<ReturnType<RemediationLog['claim']>>> {
    const now = this.ports.now();
    const at = now.toISOString();
    const item: RemediationItem = {
      pk: request.findingId, sk: `REMEDIATION#${request.remediationId}`, remediationId: request.remediationId, findingId: request.findingId,
      ...(record ? { accountId: record.accountId, region: record.region, checkId: record.checkId, resource: { type: record.resource.type, arn: record.resource.arn, id: record.resource.id } } : {}),
      ...(fix ? { fixId: fix.id } : {}),
      trigger: request.trigger, requestedBy: request.requestedBy, ...(request.eventId ? { eventId: request.eventId } : {}),
      phase: 'CLAIMED', calls: [], attempts: 1, ...(request.receives !== undefined ? { receives: request.receives } : {}),
      claimedAt: at, leaseUntil: new Date(now.getTime() + this.settings.leaseMs).toISOString(), updatedAt: at,
      state: 'REMEDIATION', lastSeenAt: at,
    };
    return this.ports.log.claim(item, now);
  }

  /** Records the outcome (claiming first when nothing was claimed: a refusal is recorded too) and returns the report. */
  private async finish(request: FindingRequest, claimed: RemediationItem | undefined, report: RemediationReport, writeBackProblems: string[] = []): Promise<RemediationReport> {
    const at = this.ports.now().toISOString();
    try {
      let item = claimed;
      if (!item) {
        const claim = await this.claim(request, undefined, undefined);
        if (claim.kind === 'done') return { ...report, duplicateOf: claim.item.remediationId };
        item = claim.item;
      }
      const done: RemediationItem = {
        ...item, phase: report.retryable && report.outcome !== 'DRY_RUN' ? item.phase : 'DONE', outcome: report.outcome, reason: report.reason.slice(0, 4000),
        calls: report.calls.length > 0 ? report.calls : item.calls, ...(report.backupKey ? { backupKey: report.backupKey } : {}),
        ...(writeBackProblems.length > 0 ? { writeBackProblems } : {}), updatedAt: at, lastSeenAt: at,
        // A transient failure lets the claim go at once, so the redelivered message is not kept waiting.
        ...(report.retryable ? { leaseUntil: at } : {}),
      };
      await this.ports.log.put(done);
    } catch (error) {
      this.ports.logger.warn(`remediation ${request.remediationId} of ${request.findingId}: the outcome could not be recorded: ${describeAwsError(error).message}`);
      return { ...report, retryable: true, reason: `${report.reason} (not recorded: ${describeAwsError(error).message})` };
    }
    return writeBackProblems.length > 0 ? { ...report, reason: `${report.reason}; write-back: ${writeBackProblems.join('; ')}` } : report;
  }
}

/** The calls of every attempt, each once, in order. */
function mergeCalls(previous: readonly PlannedCall[], next: readonly PlannedCall[]): PlannedCall[] {
  const seen = new Set(previous.map((c) => JSON.stringify(c)));
  return [...previous, ...next.filter((c) => !seen.has(JSON.stringify(c)))];
}
