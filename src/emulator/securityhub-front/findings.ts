/**
 * GetFindings and BatchUpdateFindings over moto's findings. moto holds what BatchImportFindings
 * sent; the front keeps what BatchUpdateFindings set as an overlay per (ProductArn, Id) and lays
 * it over moto's copy on every read, so Workflow, Note and the rest survive later imports, as in
 * Security Hub. Updates do not touch UpdatedAt (the real API does not either).
 */
import { compileFilters, compileSort } from './filters.js';
import { Scope, type Overlay, type WorkflowStatus } from './state.js';
import { invalidInput, isObject, optionalEnum, optionalInteger, optionalStringList, pageOf, pageRequest, type JsonObject } from './wire.js';

export interface OperationContext {
  scope: Scope;
  input: JsonObject;
  /** The ARN in the path of the operations that take one. */
  arn: string;
  /** Every finding moto holds for the caller's account and region, without overlays. */
  motoFindings(): Promise<JsonObject[]>;
}

const WORKFLOW_STATUSES: readonly WorkflowStatus[] = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'];
const VERIFICATION_STATES = ['UNKNOWN', 'TRUE_POSITIVE', 'FALSE_POSITIVE', 'BENIGN_POSITIVE'] as const;
const SEVERITY_LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
/** The normalized score Security Hub gives a label set without one (ASFF Severity). */
const LABEL_SCORE: Record<string, number> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 40, HIGH: 70, CRITICAL: 90 };
/** The deprecated WorkflowState kept in step with Workflow.Status (an approximation: the API reference does not give the mapping). */
const WORKFLOW_STATE: Record<WorkflowStatus, string> = { NEW: 'NEW', NOTIFIED: 'ASSIGNED', RESOLVED: 'RESOLVED', SUPPRESSED: 'DEFERRED' };
const REOPENING_COMPLIANCE = new Set(['FAILED', 'WARNING', 'NOT_AVAILABLE']);
const MAX_IDENTIFIERS = 100;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function keyOf(finding: JsonObject): string | undefined {
  const id = text(finding.Id);
  const productArn = text(finding.ProductArn);
  return id !== undefined && productArn !== undefined ? Scope.findingKey(productArn, id) : undefined;
}

function lastSeen(finding: JsonObject): Overlay['seen'] {
  const compliance = isObject(finding.Compliance) ? text(finding.Compliance.Status) : undefined;
  return { recordState: text(finding.RecordState), complianceStatus: compliance };
}

/** A finding as GetFindings shows it: moto's copy, a NEW workflow when it has none, and the overlay on top. */
export function present(finding: JsonObject, overlay: Overlay | undefined): JsonObject {
  const shown: JsonObject = { ...finding };
  const held = isObject(finding.Workflow) && typeof finding.Workflow.Status === 'string' ? { Status: finding.Workflow.Status } : undefined;
  shown.Workflow = overlay?.Workflow ? { ...overlay.Workflow } : held ?? { Status: 'NEW' };
  if (overlay?.Workflow) shown.WorkflowState = WORKFLOW_STATE[overlay.Workflow.Status];
  else shown.WorkflowState ??= 'NEW';
  if (!overlay) return shown;
  if (overlay.Note) shown.Note = { ...overlay.Note };
  if (overlay.VerificationState !== undefined) shown.VerificationState = overlay.VerificationState;
  if (overlay.Confidence !== undefined) shown.Confidence = overlay.Confidence;
  if (overlay.Criticality !== undefined) shown.Criticality = overlay.Criticality;
  if (overlay.Severity) shown.Severity = { ...(isObject(finding.Severity) ? finding.Severity : {}), ...overlay.Severity };
  if (overlay.Types) shown.Types = [...overlay.Types];
  if (overlay.UserDefinedFields) shown.UserDefinedFields = { ...overlay.UserDefinedFields };
  if (overlay.RelatedFindings) shown.RelatedFindings = overlay.RelatedFindings.map((r) => ({ ...r }));
  return shown;
}

export async function visibleFindings(ctx: OperationContext): Promise<JsonObject[]> {
  const held = await ctx.motoFindings();
  return held.map((finding) => {
    const key = keyOf(finding);
    return present(finding, key === undefined ? undefined : ctx.scope.overlays.get(key));
  });
}

export async function getFindings(ctx: OperationContext): Promise<JsonObject> {
  const matches = compileFilters(ctx.input.Filters);
  const sort = compileSort(ctx.input.SortCriteria);
  const wanted = pageRequest(ctx.input);
  const page = pageOf(sort((await visibleFindings(ctx)).filter(matches)), wanted);
  return page.nextToken === undefined ? { Findings: page.items } : { Findings: page.items, NextToken: page.nextToken };
}

interface Identifier {
  Id: string;
  ProductArn: string;
}

function identifiers(value: unknown, member: string, max: number): Identifier[] {
  if (!Array.isArray(value)) throw invalidInput(`Missing required parameter '${member}'`);
  if (value.length === 0 || value.length > max) throw invalidInput(`Invalid parameter '${member}': must have from 1 to ${max} items`);
  return value.map((entry: unknown, i) => {
    if (!isObject(entry) || typeof entry.Id !== 'string' || typeof entry.ProductArn !== 'string' || entry.Id === '' || entry.ProductArn === '') {
      throw invalidInput(`Invalid parameter '${member}[${i}]': needs Id and ProductArn`);
    }
    return { Id: entry.Id, ProductArn: entry.ProductArn };
  });
}

type Update = Omit<Overlay, 'seen'>;

/** Validates the fields of a BatchUpdateFindings request the way the API does. */
function parseUpdate(input: JsonObject, now: string): Update {
  const update: Update = {};
  if (input.Note !== undefined && input.Note !== null) {
    const note = input.Note;
    if (!isObject(note) || typeof note.Text !== 'string' || note.Text === '' || typeof note.UpdatedBy !== 'string' || note.UpdatedBy === '') {
      throw invalidInput(`Invalid parameter 'Note': Text and UpdatedBy are required`);
    }
    if (note.Text.length > 512) throw invalidInput(`Invalid parameter 'Note.Text': must be at most 512 characters`);
    update.Note = { Text: note.Text, UpdatedBy: note.UpdatedBy, UpdatedAt: now };
  }
  if (input.Workflow !== undefined && input.Workflow !== null) {
    if (!isObject(input.Workflow)) throw invalidInput(`Invalid parameter 'Workflow': must be an object`);
    const status = optionalEnum(input.Workflow.Status, 'Workflow.Status', WORKFLOW_STATUSES);
    if (status !== undefined) update.Workflow = { Status: status };
  }
  const verification = optionalEnum(input.VerificationState, 'VerificationState', VERIFICATION_STATES);
  if (verification !== undefined) update.VerificationState = verification;
  const confidence = optionalInteger(input, 'Confidence', 0, 100);
  if (confidence !== undefined) update.Confidence = confidence;
  const criticality = optionalInteger(input, 'Criticality', 0, 100);
  if (criticality !== undefined) update.Criticality = criticality;
  if (input.Severity !== undefined && input.Severity !== null) {
    const severity = input.Severity;
    if (!isObject(severity)) throw invalidInput(`Invalid parameter 'Severity': must be an object`);
    const label = optionalEnum(severity.Label, 'Severity.Label', SEVERITY_LABELS);
    const normalized = optionalInteger(severity, 'Normalized', 0, 100);
    const product = severity.Product;
    if (product !== undefined && typeof product !== 'number') throw invalidInput(`Invalid parameter 'Severity.Product': must be a number`);
    const set: NonNullable<Update['Severity']> = {};
    if (label !== undefined) set.Label = label;
    if (normalized !== undefined) set.Normalized = normalized;
    if (typeof product === 'number') set.Product = product;
    // one of Label and Normalized sets the other when it is not given
    if (label !== undefined && normalized === undefined) set.Normalized = LABEL_SCORE[label] as number;
    if (label === undefined && normalized !== undefined) set.Label = normalized === 0 ? 'INFORMATIONAL' : normalized < 40 ? 'LOW' : normalized < 70 ? 'MEDIUM' : normalized < 90 ? 'HIGH' : 'CRITICAL';
    update.Severity = set;
  }
  const types = optionalStringList(input, 'Types', 50);
  if (types !== undefined) update.Types = types;
  if (input.UserDefinedFields !== undefined && input.UserDefinedFields !== null) {
    const fields = input.UserDefinedFields;
    if (!isObject(fields) || Object.values(fields).some((v) => typeof v !== 'string')) throw invalidInput(`Invalid parameter 'UserDefinedFields': must map strings to strings`);
    if (Object.keys(fields).length > 50) throw invalidInput(`Invalid parameter 'UserDefinedFields': must have at most 50 entries`);
    update.UserDefinedFields = fields as Record<string, string>;
  }
  if (input.RelatedFindings !== undefined && input.RelatedFindings !== null) {
    update.RelatedFindings = identifiers(input.RelatedFindings, 'RelatedFindings', 10).map(({ ProductArn, Id }) => ({ ProductArn, Id }));
  }
  return update;
}

export async function batchUpdateFindings(ctx: OperationContext): Promise<JsonObject> {
  const wanted = identifiers(ctx.input.FindingIdentifiers, 'FindingIdentifiers', MAX_IDENTIFIERS);
  const update = parseUpdate(ctx.input, new Date().toISOString());
  const held = new Map<string, JsonObject>();
  for (const finding of await ctx.motoFindings()) {
    const key = keyOf(finding);
    if (key !== undefined) held.set(key, finding);
  }
  const times = new Map<string, number>();
  for (const { ProductArn, Id } of wanted) times.set(Scope.findingKey(ProductArn, Id), (times.get(Scope.findingKey(ProductArn, Id)) ?? 0) + 1);
  const processed: Identifier[] = [];
  const unprocessed: JsonObject[] = [];
  for (const identifier of wanted) {
    const key = Scope.findingKey(identifier.ProductArn, identifier.Id);
    const finding = held.get(key);
    if ((times.get(key) ?? 0) > 1) {
      unprocessed.push({ FindingIdentifier: identifier, ErrorCode: 'DuplicatedFindingIdentifier', ErrorMessage: 'Finding Identifier is duplicated' });
    } else if (!finding) {
      unprocessed.push({ FindingIdentifier: identifier, ErrorCode: 'FindingNotFound', ErrorMessage: 'Finding Not Found' });
    } else {
      const overlay = ctx.scope.overlays.get(key) ?? { seen: {} };
      ctx.scope.overlays.set(key, { ...overlay, ...update, seen: lastSeen(finding) });
      processed.push(identifier);
    }
  }
  return { ProcessedFindings: processed, UnprocessedFindings: unprocessed };
}

/**
 * After moto took a BatchImportFindings request: Security Hub reopens (Workflow NEW) a NOTIFIED
 * or RESOLVED finding whose RecordState goes from ARCHIVED to ACTIVE or whose Compliance.Status
 * goes from PASSED to FAILED, WARNING or NOT_AVAILABLE. Only findings with an overlay can be
 * NOTIFIED or RESOLVED here, so only they are followed.
 */
export function afterImport(scope: Scope, request: JsonObject, reply: JsonObject): void {
  const failed = new Set((Array.isArray(reply.FailedFindings) ? reply.FailedFindings : []).filter(isObject).map((f) => text(f.Id)));
  for (const finding of Array.isArray(request.Findings) ? request.Findings : []) {
    if (!isObject(finding) || failed.has(text(finding.Id))) continue;
    const key = keyOf(finding);
    const overlay = key === undefined ? undefined : scope.overlays.get(key);
    if (!overlay) continue;
    const incoming = lastSeen(finding);
    const next = { recordState: incoming.recordState ?? overlay.seen.recordState, complianceStatus: incoming.complianceStatus ?? overlay.seen.complianceStatus };
    const reactivated = overlay.seen.recordState === 'ARCHIVED' && next.recordState === 'ACTIVE';
    const failedAgain = overlay.seen.complianceStatus === 'PASSED' && REOPENING_COMPLIANCE.has(next.complianceStatus ?? '');
    if ((overlay.Workflow?.Status === 'NOTIFIED' || overlay.Workflow?.Status === 'RESOLVED') && (reactivated || failedAgain)) overlay.Workflow = { Status: 'NEW' };
    overlay.seen = next;
  }
}
