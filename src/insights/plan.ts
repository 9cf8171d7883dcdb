/**
 * What it takes to bring one account and region's insights in step with the definitions (pure).
 *
 * rampart's insights are those whose name starts with INSIGHT_PREFIX; any other insight is foreign
 * and never touched. A definition matches the insight of the same name; an unmatched definition
 * takes over an unmatched rampart insight with the same filters and grouping (a rename, updated in
 * place). What matches but differs is updated in place (UpdateInsight: name, filters, group by);
 * what is missing is created; a rampart insight no definition claims, or a second one of the same
 * name, is deleted. An insight in step costs no call.
 */
import type { AwsSecurityFindingFilters, Insight } from '@aws-sdk/client-securityhub';
import { INSIGHT_PREFIX, type InsightDefinition } from './definitions.js';

export type InsightChange = 'name' | 'filters' | 'groupBy';

export type PlannedCall =
  | { action: 'create'; key: string; name: string; groupBy: string; filters: AwsSecurityFindingFilters }
  | { action: 'update'; key: string; arn: string; name: string; groupBy: string; filters: AwsSecurityFindingFilters; changes: InsightChange[]; previousName: string }
  | { action: 'delete'; arn: string; name: string; reason: 'no longer defined' | 'duplicate' };

export type InsightState = 'in-step' | 'missing' | 'differs' | 'stale' | 'foreign';

export interface InsightStatus {
  state: InsightState;
  name: string;
  /** The definition's key (in-step, missing, differs). */
  key?: string;
  /** The insight in Security Hub (all but missing). */
  arn?: string;
  /** differs: what is not as defined. */
  changes?: InsightChange[];
}

export interface InsightPlan {
  /** Deletes first (they free room under the 100-insight limit), then updates, then creates. */
  calls: PlannedCall[];
  /** One per definition, then the stale and foreign insights. */
  statuses: InsightStatus[];
  /** Custom insights the account and region will hold once the calls succeed (foreign ones included). */
  projectedCount: number;
}

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** A date as one instant, so 2026-01-01T00:00:00Z and 2026-01-01T00:00:00.000Z compare equal. */
function canonicalDate(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

function canonical(value: unknown, key?: string): Value | undefined {
  if (value === undefined || value === null) return undefined;
  if (key === 'Start' || key === 'End') return canonicalDate(value) as Value;
  if (Array.isArray(value)) return value.map((v) => canonical(v) ?? null);
  if (typeof value === 'object') {
    const out: { [key: string]: Value } = {};
    for (const k of Object.keys(value).sort()) {
      const v = canonical((value as Record<string, unknown>)[k], k);
      if (v !== undefined) out[k] = v;
    }
    // WITHIN is DateRange's default: a range stored without it is the same range.
    if (out.Unit !== undefined && out.Comparison === 'WITHIN') delete out.Comparison;
    return out;
  }
  return value as Value;
}

/**
 * The filters in one comparable form: attributes sorted, empty ones dropped, each attribute's
 * entries as a sorted set (their order means nothing to Security Hub).
 */
export function canonicalFilters(filters: AwsSecurityFindingFilters | undefined): string {
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(filters ?? {}).sort()) {
    const list = (filters as Record<string, unknown>)[key];
    if (!Array.isArray(list) || list.length === 0) continue;
    out[key] = [...new Set(list.map((entry) => JSON.stringify(canonical(entry))))].sort();
  }
  return JSON.stringify(out);
}

function changesOf(definition: InsightDefinition, insight: Insight): InsightChange[] {
  const changes: InsightChange[] = [];
  if (insight.Name !== definition.name) changes.push('name');
  if (canonicalFilters(insight.Filters) !== canonicalFilters(definition.filters)) changes.push('filters');
  if (insight.GroupByAttribute !== definition.groupBy) changes.push('groupBy');
  return changes;
}

export function isRampartInsight(insight: Pick<Insight, 'Name'>, prefix = INSIGHT_PREFIX): boolean {
  return (insight.Name ?? '').startsWith(prefix);
}

export function planInsights(definitions: readonly InsightDefinition[], existing: readonly Insight[], prefix = INSIGHT_PREFIX): InsightPlan {
  const ours = existing.filter((i) => i.InsightArn && isRampartInsight(i, prefix));
  const foreign = existing.filter((i) => !i.InsightArn || !isRampartInsight(i, prefix));
  const claimed = new Set<string>();
  const matched = new Map<string, Insight>();

  for (const d of definitions) {
    const same = ours.find((i) => i.Name === d.name && !claimed.has(i.InsightArn as string));
    if (same) {
      matched.set(d.key, same);
      claimed.add(same.InsightArn as string);
    }
  }
  // A rename: an unmatched definition takes an unclaimed rampart insight that is otherwise identical,
  // unless that insight's name is still wanted by another definition.
  const wantedNames = new Set(definitions.map((d) => d.name));
  for (const d of definitions) {
    if (matched.has(d.key)) continue;
    const renamed = ours.find((i) => !claimed.has(i.InsightArn as string) && !wantedNames.has(i.Name ?? '') && changesOf(d, i).every((c) => c === 'name'));
    if (renamed) {
      matched.set(d.key, renamed);
      claimed.add(renamed.InsightArn as string);
    }
  }

  const deletes: PlannedCall[] = [];
  const updates: PlannedCall[] = [];
  const creates: PlannedCall[] = [];
  const statuses: InsightStatus[] = [];
  for (const d of definitions) {
    const insight = matched.get(d.key);
    if (!insight) {
      creates.push({ action: 'create', key: d.key, name: d.name, groupBy: d.groupBy, filters: d.filters });
      statuses.push({ state: 'missing', name: d.name, key: d.key });
      continue;
    }
    const arn = insight.InsightArn as string;
    const changes = changesOf(d, insight);
    if (changes.length === 0) {
      statuses.push({ state: 'in-step', name: d.name, key: d.key, arn });
      continue;
    }
    updates.push({ action: 'update', key: d.key, arn, name: d.name, groupBy: d.groupBy, filters: d.filters, changes, previousName: insight.Name ?? '' });
    statuses.push({ state: 'differs', name: d.name, key: d.key, arn, changes });
  }
  for (const insight of ours) {
    const arn = insight.InsightArn as string;
    if (claimed.has(arn)) continue;
    const name = insight.Name ?? '';
    const reason = wantedNames.has(name) ? 'duplicate' : 'no longer defined';
    deletes.push({ action: 'delete', arn, name, reason });
    statuses.push({ state: 'stale', name, arn });
  }
  for (const insight of foreign) statuses.push({ state: 'foreign', name: insight.Name ?? '', ...(insight.InsightArn ? { arn: insight.InsightArn } : {}) });

  return { calls: [...deletes, ...updates, ...creates], statuses, projectedCount: existing.length - deletes.length + creates.length };
}
