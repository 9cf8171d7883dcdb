/**
 * Whether AWS Backup protects a resource, judged from the inventory alone.
 *
 * A resource is protected when a backup plan's resource assignment selects
 * it, or when it has a recovery point no older than maxDaysSinceBackup. An
 * assignment is resolved as AWS Backup documents it (BackupSelection and
 * "Assign resources with AWS CLI"): ARNs in Resources (wildcard *) or tags
 * in ListOfTags (StringEquals, any of them) include a resource, and with
 * neither every supported resource is included; then every Condition must
 * hold and no NotResources ARN may match. A resource included by an ARN that
 * names its resource type (arn:aws:ec2:*:*:volume/*) is backed up whatever the
 * region's resource type opt-in says; one included by "*", by a service-wide
 * ARN (arn:aws:ec2:*) or by tags only when its type is opted in. A condition
 * on a tag the resource does not have does not hold, StringNotEquals and
 * StringNotLike included (they filter "the resources that you tagged"). An EBS
 * volume attached to a protected instance is protected: an instance backup
 * snapshots its volumes. What cannot be decided (tags or an opt-in not
 * known) is an ERROR, never a pass.
 */
import type { Evidence, Verdict } from '../../src/core/check.js';
import { fail, MissingInputError, notApplicable, pass } from '../../src/core/check.js';
import { need } from '../../src/core/collector.js';
import type { BackupCandidate, BackupInventory, CandidateKind, PlanSelection, TagCondition } from './collect.js';

type Tri = 'yes' | 'no' | 'unknown';

const DAY_MS = 86_400_000;

/** The ResourceTypeOptInPreference key of each kind. */
export const OPT_IN_TYPE: Record<CandidateKind, string> = { 'ec2-instance': 'EC2', 'ebs-volume': 'EBS', 'dynamodb-table': 'DynamoDB', 'rds-instance': 'RDS' };

const escape = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** AWS Backup's wildcard: * stands for any run of characters. Case-sensitive, as condition operators are. */
export function wildcardMatch(pattern: string, text: string): boolean {
  return new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`).test(text);
}

/** True when an ARN pattern names a resource type (arn:aws:ec2:*:*:volume/*), not only a service or everything. */
export function namesResourceType(pattern: string): boolean {
  const parts = pattern.split(':');
  if (parts.length < 6) return false;
  const resource = parts.slice(5).join(':');
  return resource !== '' && resource !== '*';
}

const and = (...values: Tri[]): Tri => (values.includes('no') ? 'no' : values.includes('unknown') ? 'unknown' : 'yes');

function conditionsHold(selection: PlanSelection, tags: Record<string, string> | undefined): Tri {
  const { stringEquals, stringNotEquals, stringLike, stringNotLike } = selection.conditions;
  if (stringEquals.length + stringNotEquals.length + stringLike.length + stringNotLike.length === 0) return 'yes';
  if (!tags) return 'unknown';
  const tagged = (c: TagCondition, test: (value: string) => boolean): boolean => c.key in tags && test(tags[c.key] as string);
  const holds =
    stringEquals.every((c) => tagged(c, (v) => v === c.value)) &&
    stringNotEquals.every((c) => tagged(c, (v) => v !== c.value)) &&
    stringLike.every((c) => tagged(c, (v) => wildcardMatch(c.value, v))) &&
    stringNotLike.every((c) => tagged(c, (v) => !wildcardMatch(c.value, v)));
  return holds ? 'yes' : 'no';
}

/** Whether one resource assignment selects the resource. */
export function assigns(selection: PlanSelection, candidate: BackupCandidate, optIn: Record<string, boolean>): Tri {
  const arn = candidate.ref.arn;
  if (selection.notResources.some((pattern) => wildcardMatch(pattern, arn))) return 'no';
  const tags = candidate.tags.ok ? candidate.tags.value : undefined;
  const matching = selection.resources.filter((pattern) => wildcardMatch(pattern, arn));
  let included: Tri;
  let needsOptIn = true;
  if (matching.some(namesResourceType)) {
    included = 'yes';
    needsOptIn = false;
  } else if (matching.length > 0 || (selection.resources.length === 0 && selection.listOfTags.length === 0)) {
    included = 'yes';
  } else if (selection.listOfTags.length > 0) {
    included = !tags ? 'unknown' : selection.listOfTags.some((c) => tags[c.key] === c.value) ? 'yes' : 'no';
  } else {
    included = 'no';
  }
  if (included === 'no') return 'no';
  const optedIn = optIn[OPT_IN_TYPE[candidate.kind]];
  const typeIncluded: Tri = !needsOptIn || optedIn === true ? 'yes' : optedIn === false ? 'no' : 'unknown';
  return and(included, typeIncluded, conditionsHold(selection, tags));
}

interface Protection {
  state: Tri;
  evidence: Evidence;
  /** Why the state is unknown. */
  unknown: string[];
}

/** A resource's own protection: a plan's assignment or a recent recovery point. */
function ownProtection(candidate: BackupCandidate, inventory: BackupInventory, maxDaysSinceBackup: number): Protection {
  const selections = need(inventory.selections, 'the backup plans\' resource assignments');
  const optIn = need(inventory.optIn, 'the resource type opt-in of the region');
  const recoveryPoints = need(inventory.recoveryPoints, 'the protected resources');
  const unknown: string[] = [];
  for (const selection of selections) {
    const state = assigns(selection, candidate, optIn);
    if (state === 'yes') return { state, evidence: { coveredBy: 'backup plan', plan: selection.planName, selection: selection.selectionName }, unknown };
    if (state === 'unknown') {
      unknown.push(`assignment ${selection.planName}/${selection.selectionName} depends on ${candidate.tags.ok ? `the ${OPT_IN_TYPE[candidate.kind]} opt-in, which the region did not report` : `tags that could not be read (${candidate.tags.error})`}`);
    }
  }
  const point = recoveryPoints.find((p) => p.arn === candidate.ref.arn);
  const age = point?.lastBackupTime ? Date.parse(inventory.collectedAt) - Date.parse(point.lastBackupTime) : Number.NaN;
  const evidence: Evidence = { assignmentsChecked: selections.length, lastBackupTime: point?.lastBackupTime ?? null, maxDaysSinceBackup };
  if (!Number.isNaN(age) && age <= maxDaysSinceBackup * DAY_MS) {
    return { state: 'yes', evidence: { coveredBy: 'recovery point', lastBackupTime: point?.lastBackupTime ?? null, maxDaysSinceBackup }, unknown };
  }
  return { state: unknown.length > 0 ? 'unknown' : 'no', evidence, unknown };
}

/** The verdict of a protection check for one resource. */
export function judgeProtection(candidate: BackupCandidate, inventory: BackupInventory, maxDaysSinceBackup: number, noun: string): Verdict {
  if (candidate.clusterId) return notApplicable(`the instance belongs to DB cluster ${candidate.clusterId}, which AWS Backup protects as a whole`);
  const own = ownProtection(candidate, inventory, maxDaysSinceBackup);
  if (own.state === 'yes') return pass(`${noun} is protected by ${describe(own.evidence)}`, own.evidence);
  const unknown = [...own.unknown];
  for (const instanceId of candidate.attachedTo ?? []) {
    if (!inventory.ec2Instances.ok) {
      unknown.push(`the volume is attached to ${instanceId}, whose backups are not known: the instances could not be read (${inventory.ec2Instances.error})`);
      continue;
    }
    const instance = inventory.ec2Instances.value.find((i) => i.ref.id === instanceId);
    if (!instance) continue;
    const through = ownProtection(instance, inventory, maxDaysSinceBackup);
    if (through.state === 'yes') {
      const evidence = { ...through.evidence, coveredBy: `instance backup (${through.evidence.coveredBy as string})`, instance: instanceId };
      return pass(`${noun} is protected by the backups of instance ${instanceId} it is attached to`, evidence);
    }
    unknown.push(...through.unknown.map((why) => `instance ${instanceId}: ${why}`));
  }
  if (unknown.length > 0) throw new MissingInputError(`whether AWS Backup protects ${noun} cannot be decided: ${unknown.join('; ')}`);
  const last = own.evidence.lastBackupTime;
  const why = last ? `its newest recovery point (${String(last)}) is older than ${maxDaysSinceBackup} days` : 'it has no recovery point';
  return fail(`no backup plan assigns ${noun} and ${why}`, own.evidence);
}

function describe(evidence: Evidence): string {
  if (evidence.coveredBy === 'backup plan') return `backup plan ${String(evidence.plan)} (assignment ${String(evidence.selection)})`;
  return `a recovery point of ${String(evidence.lastBackupTime)}`;
}

type CandidateListing = 'ec2Instances' | 'ebsVolumes' | 'dynamoDbTables' | 'rdsInstances';

/**
 * The resources one check judges. Without its resource listing, or (when
 * there is something to judge) without any of the three sources of
 * protection, the check cannot judge anything: it is incomplete (an ERROR for
 * the account, the scan's exit code 5).
 */
export function candidatesOf(inventory: BackupInventory, listing: CandidateListing, what: string): BackupCandidate[] {
  const listed = inventory[listing];
  if (!listed.ok) throw new Error(`${what} could not be read: ${listed.error}`);
  if (listed.value.length === 0) return [];
  const sources: Array<[string, { ok: boolean; error?: string }]> = [
    ['the protected resources (ListProtectedResources)', inventory.recoveryPoints],
    ["the backup plans' resource assignments", inventory.selections],
    ['the resource type opt-in (DescribeRegionSettings)', inventory.optIn],
  ];
  const missing = sources.filter(([, source]) => !source.ok).map(([name, source]) => `${name}: ${source.error ?? 'unknown error'}`);
  if (missing.length > 0) throw new Error(`could not be read: ${missing.join('; ')}`);
  return listed.value;
}
