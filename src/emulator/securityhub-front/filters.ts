/**
 * AwsSecurityFindingFilters, SortCriteria and GroupByAttribute over ASFF findings, for the fields
 * in FIELDS (fields.ts); any other filter is an InvalidInputException naming the front, so a test never
 * passes by a filter being silently ignored.
 *
 * Semantics as the API reference gives them: the filters of different fields are AND'ed; for
 * one field, positive comparisons (EQUALS, PREFIX, CONTAINS) are OR'ed and negative ones
 * (NOT_EQUALS, PREFIX_NOT_EQUALS, NOT_CONTAINS) AND'ed, and a finding must pass both groups.
 * EQUALS with NOT_EQUALS or PREFIX_NOT_EQUALS on one field is an error, and CONTAINS or
 * NOT_CONTAINS mix only with themselves. A field with several values (ResourceId, Type, …)
 * passes a positive filter when any value matches and fails a negative one when any value
 * matches; a missing field fails positive filters and passes negative ones. Number, date and
 * boolean filters of one field are OR'ed; string comparisons are case-sensitive.
 */
import { FIELDS, knownField, valuesAt, type Field, type Kind } from './fields.js';
import { invalidInput, isObject, type JsonObject } from './wire.js';

export type Predicate = (finding: JsonObject) => boolean;

const STRING_COMPARISONS = ['EQUALS', 'PREFIX', 'NOT_EQUALS', 'PREFIX_NOT_EQUALS', 'CONTAINS', 'NOT_CONTAINS'] as const;
const MAP_COMPARISONS = ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'NOT_CONTAINS'] as const;
type Comparison = (typeof STRING_COMPARISONS)[number];
const NEGATIVE = new Set<Comparison>(['NOT_EQUALS', 'PREFIX_NOT_EQUALS', 'NOT_CONTAINS']);

/** Whether a value matches the comparison's pattern (for a negative comparison: is the value excluded). */
function matcher(comparison: Comparison, pattern: string): (value: string) => boolean {
  switch (comparison) {
    case 'EQUALS':
    case 'NOT_EQUALS':
      return (value) => value === pattern;
    case 'PREFIX':
    case 'PREFIX_NOT_EQUALS':
      return (value) => value.startsWith(pattern);
    case 'CONTAINS':
    case 'NOT_CONTAINS':
      return (value) => value.includes(pattern);
  }
}

function comparisonOf(entry: JsonObject, where: string, allowed: readonly Comparison[]): Comparison {
  const comparison = entry.Comparison;
  if (typeof comparison !== 'string' || !(allowed as readonly string[]).includes(comparison)) {
    throw invalidInput(`Invalid parameter '${where}.Comparison': must be one of ${allowed.join(', ')}`);
  }
  return comparison as Comparison;
}

function checkCombination(name: string, comparisons: ReadonlySet<Comparison>): void {
  if (comparisons.has('EQUALS') && (comparisons.has('NOT_EQUALS') || comparisons.has('PREFIX_NOT_EQUALS'))) {
    throw invalidInput(`Invalid parameter 'Filters.${name}': EQUALS cannot be combined with NOT_EQUALS or PREFIX_NOT_EQUALS on the same field`);
  }
  for (const alone of ['CONTAINS', 'NOT_CONTAINS'] as const) {
    if (comparisons.has(alone) && comparisons.size > 1) {
      throw invalidInput(`Invalid parameter 'Filters.${name}': ${alone} can only be combined with other ${alone} filters`);
    }
  }
}

interface Split<T> {
  positive: T[];
  negative: T[];
}

/** Positive tests OR'ed, negative tests (each true when a value is excluded) AND'ed. */
function passes<T>(values: readonly T[], { positive, negative }: Split<(value: T) => boolean>): boolean {
  if (positive.length > 0 && !values.some((value) => positive.some((test) => test(value)))) return false;
  return !values.some((value) => negative.some((test) => test(value)));
}

function compileString(name: string, path: string, entries: JsonObject[]): Predicate {
  const tests: Split<(value: string) => boolean> = { positive: [], negative: [] };
  const used = new Set<Comparison>();
  entries.forEach((entry, i) => {
    const where = `Filters.${name}[${i}]`;
    const comparison = comparisonOf(entry, where, STRING_COMPARISONS);
    if (typeof entry.Value !== 'string') throw invalidInput(`Missing required parameter '${where}.Value'`);
    used.add(comparison);
    (NEGATIVE.has(comparison) ? tests.negative : tests.positive).push(matcher(comparison, entry.Value));
  });
  checkCombination(name, used);
  return (finding) => passes(valuesAt(finding, path).filter((v): v is string => typeof v === 'string'), tests);
}

function compileMap(name: string, path: string, entries: JsonObject[]): Predicate {
  const tests: Split<(map: JsonObject) => boolean> = { positive: [], negative: [] };
  const used = new Set<Comparison>();
  entries.forEach((entry, i) => {
    const where = `Filters.${name}[${i}]`;
    const comparison = comparisonOf(entry, where, MAP_COMPARISONS);
    const { Key: key, Value: value } = entry;
    if (typeof key !== 'string' || key.length === 0) throw invalidInput(`Missing required parameter '${where}.Key'`);
    if (typeof value !== 'string') throw invalidInput(`Missing required parameter '${where}.Value'`);
    used.add(comparison);
    const test = matcher(comparison, value);
    (NEGATIVE.has(comparison) ? tests.negative : tests.positive).push((map) => typeof map[key] === 'string' && test(map[key]));
  });
  checkCombination(name, used);
  return (finding) => passes(valuesAt(finding, path).filter(isObject), tests);
}

function numberOf(entry: JsonObject, key: string, where: string): number | undefined {
  const value = entry[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw invalidInput(`Invalid parameter '${where}.${key}': must be a number`);
  return value;
}

function compileNumber(name: string, path: string, entries: JsonObject[]): Predicate {
  const tests = entries.map((entry, i) => {
    const where = `Filters.${name}[${i}]`;
    const [gte, lte, eq, gt, lt] = (['Gte', 'Lte', 'Eq', 'Gt', 'Lt'] as const).map((key) => numberOf(entry, key, where));
    if ([gte, lte, eq, gt, lt].every((bound) => bound === undefined)) throw invalidInput(`Invalid parameter '${where}': give at least one of Gte, Lte, Eq, Gt, Lt`);
    return (value: number): boolean =>
      (gte === undefined || value >= gte) && (lte === undefined || value <= lte) && (eq === undefined || value === eq) && (gt === undefined || value > gt) && (lt === undefined || value < lt);
  });
  return (finding) => valuesAt(finding, path).some((value) => typeof value === 'number' && tests.some((test) => test(value)));
}

function dateOf(entry: JsonObject, key: string, where: string): number | undefined {
  const value = entry[key];
  if (value === undefined || value === null) return undefined;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw invalidInput(`Invalid parameter '${where}.${key}': must be a date-time`);
  return time;
}

function compileDate(name: string, path: string, entries: JsonObject[]): Predicate {
  const tests = entries.map((entry, i) => {
    const where = `Filters.${name}[${i}]`;
    const start = dateOf(entry, 'Start', where);
    const end = dateOf(entry, 'End', where);
    const range = entry.DateRange;
    if (range !== undefined && range !== null) {
      if (!isObject(range) || typeof range.Value !== 'number' || range.Unit !== 'DAYS') {
        throw invalidInput(`Invalid parameter '${where}.DateRange': needs a numeric Value and the Unit DAYS`);
      }
      const days = range.Value;
      const comparison = range.Comparison ?? 'WITHIN';
      if (comparison !== 'WITHIN' && comparison !== 'OLDER_THAN') throw invalidInput(`Invalid parameter '${where}.DateRange.Comparison': must be WITHIN or OLDER_THAN`);
      const cutoff = Date.now() - days * 86_400_000;
      return comparison === 'OLDER_THAN' ? (time: number): boolean => time < cutoff : (time: number): boolean => time >= cutoff;
    }
    if (start === undefined && end === undefined) throw invalidInput(`Invalid parameter '${where}': give Start and End, or DateRange`);
    return (time: number): boolean => (start === undefined || time >= start) && (end === undefined || time <= end);
  });
  return (finding) =>
    valuesAt(finding, path).some((value) => {
      const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      return !Number.isNaN(time) && tests.some((test) => test(time));
    });
}

function compileBoolean(name: string, path: string, entries: JsonObject[]): Predicate {
  const wanted = entries.map((entry, i) => {
    if (typeof entry.Value !== 'boolean') throw invalidInput(`Invalid parameter 'Filters.${name}[${i}].Value': must be a boolean`);
    return entry.Value;
  });
  return (finding) => {
    const values = valuesAt(finding, path);
    const actual = values.length === 0 ? false : values[0] === true;
    return wanted.includes(actual);
  };
}

const COMPILERS: Record<Kind, (name: string, path: string, entries: JsonObject[]) => Predicate> = {
  string: compileString,
  map: compileMap,
  number: compileNumber,
  date: compileDate,
  boolean: compileBoolean,
};

/** Validates the filters and compiles them into one predicate; undefined or {} matches every finding. */
export function compileFilters(filters: unknown): Predicate {
  if (filters === undefined || filters === null) return () => true;
  if (!isObject(filters)) throw invalidInput(`Invalid parameter 'Filters': must be an object`);
  const predicates: Predicate[] = [];
  for (const [name, list] of Object.entries(filters)) {
    if (list === undefined || list === null) continue;
    const { kind, path } = knownField(name, `Filters.${name}`);
    if (!Array.isArray(list) || !list.every(isObject)) throw invalidInput(`Invalid parameter 'Filters.${name}': must be a list of filter objects`);
    if (list.length === 0) continue;
    predicates.push(COMPILERS[kind](name, path, list));
  }
  return (finding) => predicates.every((predicate) => predicate(finding));
}

type SortKey = string | number | undefined;

function sortKey(finding: JsonObject, { kind, path }: Field): SortKey {
  const value = valuesAt(finding, path)[0];
  if (kind === 'date' && typeof value === 'string') return Date.parse(value);
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

/** Validates SortCriteria (each { Field, SortOrder: asc | desc }) into a sort; findings without the field go last. */
export function compileSort(criteria: unknown): (findings: JsonObject[]) => JsonObject[] {
  if (criteria === undefined || criteria === null) return (findings) => findings;
  if (!Array.isArray(criteria) || !criteria.every(isObject)) throw invalidInput(`Invalid parameter 'SortCriteria': must be a list of { Field, SortOrder }`);
  const keys = criteria.map((criterion, i) => {
    const name = criterion.Field;
    if (typeof name !== 'string') throw invalidInput(`Missing required parameter 'SortCriteria[${i}].Field'`);
    const found = knownField(name, `SortCriteria[${i}].Field`);
    if (found.kind === 'map' || found.kind === 'boolean') throw invalidInput(`Invalid parameter 'SortCriteria[${i}].Field': cannot sort by ${name}`);
    const order = criterion.SortOrder ?? 'asc';
    if (order !== 'asc' && order !== 'desc') throw invalidInput(`Invalid parameter 'SortCriteria[${i}].SortOrder': must be asc or desc`);
    return { found, sign: order === 'asc' ? 1 : -1 };
  });
  return (findings) =>
    [...findings].sort((a, b) => {
      for (const { found, sign } of keys) {
        const x = sortKey(a, found);
        const y = sortKey(b, found);
        if (x === y) continue;
        if (x === undefined) return 1;
        if (y === undefined) return -1;
        return (x < y ? -1 : 1) * sign;
      }
      return 0;
    });
}

/** Checks a GroupByAttribute: any string field the filters know. */
export function checkGroupBy(attribute: string): void {
  const found = FIELDS.get(attribute);
  if (!found || found.kind !== 'string') throw invalidInput(`Invalid parameter 'GroupByAttribute': ${attribute} is not a string field the local Security Hub front can group by`);
}

/** The values a finding contributes to a GroupByAttribute's groups. */
export function groupValues(finding: JsonObject, attribute: string): string[] {
  const found = knownField(attribute, 'GroupByAttribute');
  return [...new Set(valuesAt(finding, found.path).filter((v): v is string => typeof v === 'string'))];
}
