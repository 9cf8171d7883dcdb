/**
 * rampart's Security Hub insights as data: insights/<key>.json at the package root, one insight a
 * file, checked when loaded against Security Hub's rules (CreateInsight and AwsSecurityFindingFilters):
 * at most 10 filter attributes of at most 20 values each, string comparisons EQUALS, PREFIX,
 * NOT_EQUALS and PREFIX_NOT_EQUALS (CONTAINS is for automation rules), EQUALS never with a negative
 * comparison on one attribute, a GroupByAttribute that is a string attribute, and at most 100 custom
 * insights per account and region. Every error names the file and the field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AwsSecurityFindingFilters } from '@aws-sdk/client-securityhub';
import { z } from 'zod';
import { formatZodIssues } from '../config/schema.js';
import { FILTER_KINDS, GROUP_BY_ATTRIBUTES, type FilterKind } from './filter-fields.js';

/** Every rampart insight's name starts with it: it is how sync tells rampart's insights from the others. */
export const INSIGHT_PREFIX = 'rampart: ';

export const INSIGHT_LIMITS = {
  /** AwsSecurityFindingFilters: "You can filter by up to ten finding attributes." */
  attributes: 10,
  /** "For each attribute, you can provide up to 20 filter values." */
  valuesPerAttribute: 20,
  /** Custom insights per account and region (Security Hub quotas). */
  customInsights: 100,
  /** The API documents no maximum for Name (only that it is not blank): rampart's own bound, to stay readable in the console. */
  nameLength: 128,
  descriptionLength: 1024,
} as const;

export interface InsightDefinition {
  /** The file name without .json (kebab-case). */
  key: string;
  /** The file, as shown in errors. */
  file: string;
  name: string;
  /** rampart's own text (Security Hub insights have no description): what the insight shows and how it is defined. */
  description: string;
  groupBy: string;
  filters: AwsSecurityFindingFilters;
}

export class InsightDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InsightDefinitionError';
  }
}

const KEY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const STRING_COMPARISONS = ['EQUALS', 'PREFIX', 'NOT_EQUALS', 'PREFIX_NOT_EQUALS'] as const;
const MAP_COMPARISONS = ['EQUALS', 'NOT_EQUALS'] as const;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const CIDR = /^[0-9a-fA-F:.]+\/\d{1,3}$/;

const timestamp = z.string().refine((v) => TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)), { message: 'must be an ISO 8601 timestamp such as 2026-01-31T00:00:00Z' });

const ENTRY_SCHEMAS: Record<FilterKind, z.ZodType> = {
  string: z.strictObject({ Value: z.string().min(1), Comparison: z.enum(STRING_COMPARISONS, { message: `must be one of ${STRING_COMPARISONS.join(', ')}` }) }),
  map: z.strictObject({ Key: z.string().min(1), Value: z.string().min(1), Comparison: z.enum(MAP_COMPARISONS, { message: `must be one of ${MAP_COMPARISONS.join(', ')}` }) }),
  date: z
    .strictObject({
      Start: timestamp.optional(),
      End: timestamp.optional(),
      DateRange: z.strictObject({
        Value: z.number().int().min(1),
        Unit: z.literal('DAYS', { message: 'must be DAYS' }),
        /** WITHIN (the default): in the last Value days; OLDER_THAN: before them. */
        Comparison: z.enum(['WITHIN', 'OLDER_THAN'], { message: 'must be WITHIN or OLDER_THAN' }).optional(),
      }).optional(),
    })
    .refine((d) => (d.DateRange !== undefined) !== (d.Start !== undefined || d.End !== undefined), { message: 'give either DateRange or Start/End, not both and not neither' }),
  number: z
    .strictObject({ Gte: z.number().optional(), Lte: z.number().optional(), Eq: z.number().optional(), Gt: z.number().optional(), Lt: z.number().optional() })
    .refine((n) => Object.values(n).some((v) => v !== undefined), { message: 'give at least one of Gte, Lte, Eq, Gt, Lt' }),
  ip: z.strictObject({ Cidr: z.string().regex(CIDR, { message: 'must be a CIDR such as 10.0.0.0/8' }) }),
  boolean: z.strictObject({ Value: z.boolean() }),
  keyword: z.strictObject({ Value: z.string().min(1) }),
};

const filtersSchema = z
  .strictObject(
    Object.fromEntries(
      [...FILTER_KINDS].map(([attribute, kind]) => [
        attribute,
        z.array(ENTRY_SCHEMAS[kind])
          .min(1, { message: 'is empty: remove the attribute or give it a value' })
          .max(INSIGHT_LIMITS.valuesPerAttribute, { message: `has more than ${INSIGHT_LIMITS.valuesPerAttribute} values (Security Hub's limit per attribute)` })
          .optional(),
      ]),
    ),
  )
  .superRefine((filters, ctx) => {
    const attributes = Object.entries(filters).filter(([, list]) => list !== undefined);
    if (attributes.length === 0) ctx.addIssue({ code: 'custom', message: 'filter on at least one attribute' });
    if (attributes.length > INSIGHT_LIMITS.attributes) {
      ctx.addIssue({ code: 'custom', message: `filters on ${attributes.length} attributes: Security Hub allows at most ${INSIGHT_LIMITS.attributes}` });
    }
    for (const [attribute, list] of attributes) {
      const comparisons = new Set((list as Array<{ Comparison?: unknown }>).map((entry) => entry.Comparison));
      if (comparisons.has('EQUALS') && (comparisons.has('NOT_EQUALS') || comparisons.has('PREFIX_NOT_EQUALS'))) {
        ctx.addIssue({ code: 'custom', path: [attribute], message: 'EQUALS cannot be combined with NOT_EQUALS or PREFIX_NOT_EQUALS on one attribute (Security Hub rejects it)' });
      }
    }
  });

const definitionSchema = z.strictObject({
  name: z
    .string()
    .max(INSIGHT_LIMITS.nameLength, { message: `must be at most ${INSIGHT_LIMITS.nameLength} characters` })
    .refine((n) => n.startsWith(INSIGHT_PREFIX) && n.slice(INSIGHT_PREFIX.length).trim().length > 0, { message: `must start with "${INSIGHT_PREFIX}" and go on (sync recognises rampart's insights by the prefix)` })
    .refine((n) => n === n.trim(), { message: 'must not end with spaces' }),
  description: z.string().min(10, { message: 'must say what the insight shows' }).max(INSIGHT_LIMITS.descriptionLength),
  groupBy: z.string().refine((g) => GROUP_BY_ATTRIBUTES.has(g), { message: 'must be a string attribute of AwsSecurityFindingFilters, such as GeneratorId, AwsAccountId, ResourceType, ResourceId or SeverityLabel' }),
  filters: filtersSchema,
});

/** Checks one definition file's text; the error names the file and each field at fault. */
export function parseInsightDefinition(text: string, file: string): InsightDefinition {
  const base = file.split(/[\\/]/).at(-1) ?? file;
  const key = base.replace(/\.json$/, '');
  const problems: string[] = [];
  if (!KEY_PATTERN.test(key)) problems.push(`(file name): ${base} must be kebab-case, such as failed-by-check.json (the name is the insight's key)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InsightDefinitionError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const result = definitionSchema.safeParse(parsed);
  if (!result.success) problems.push(...formatZodIssues(result.error));
  if (problems.length > 0 || !result.success) throw new InsightDefinitionError(problems.map((p) => `${file}: ${p}`).join('\n'));
  return { key, file, name: result.data.name, description: result.data.description, groupBy: result.data.groupBy, filters: result.data.filters as AwsSecurityFindingFilters };
}

/** The package's root: where package.json says rampart (dist/src/insights or src/insights is below it). */
function packageRoot(): string {
  const candidates = ['../../..', '../..'].map((up) => fileURLToPath(new URL(`${up}/`, import.meta.url)));
  for (const dir of candidates) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (manifest.name === 'rampart') return dir;
    } catch {
      // not the root: try the next
    }
  }
  return candidates[0] as string;
}

/** The insights/ folder shipped with rampart, found from this module (not the working directory). */
export function insightsDirectory(): string {
  return join(packageRoot(), 'insights');
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Loads and checks every insights/*.json, sorted by key; all problems of all files in one error. */
export async function loadInsightDefinitions(dir: string = insightsDirectory()): Promise<InsightDefinition[]> {
  if (!existsSync(dir)) throw new InsightDefinitionError(`${shown(dir)}: no such directory (the insight definitions)`);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new InsightDefinitionError(`${shown(dir)}: no insight definitions (*.json)`);
  const problems: string[] = [];
  const definitions: InsightDefinition[] = [];
  for (const name of files) {
    const file = shown(join(dir, name));
    try {
      definitions.push(parseInsightDefinition(await readFile(join(dir, name), 'utf8'), file));
    } catch (error) {
      if (!(error instanceof InsightDefinitionError)) throw error;
      problems.push(error.message);
    }
  }
  const byName = new Map<string, string>();
  for (const d of definitions) {
    const other = byName.get(d.name);
    if (other) problems.push(`${d.file}: name: "${d.name}" is also the name of ${other} (sync matches insights by name)`);
    byName.set(d.name, d.file);
  }
  if (definitions.length > INSIGHT_LIMITS.customInsights) problems.push(`${shown(dir)}: ${definitions.length} insights: Security Hub allows at most ${INSIGHT_LIMITS.customInsights} custom insights per account and region`);
  if (problems.length > 0) throw new InsightDefinitionError(problems.join('\n'));
  return definitions;
}
