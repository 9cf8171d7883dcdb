/**
 * The check contract. A check is metadata plus a pure function over one
 * collector's inventory. It never calls AWS; the runner turns anything it
 * throws into an ERROR result.
 */
import type { z } from 'zod';
import type { Collector } from './collector.js';
import type { ResourceRef } from './resource.js';
import { redact } from '../util/redact.js';

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Evidence = Record<string, JsonValue>;

/** The three-way answer of a check for one resource (plus the runner's ERROR). */
export type Verdict =
  | { status: 'PASSED'; summary?: string; evidence?: Evidence }
  | { status: 'FAILED'; summary: string; evidence: Evidence; levelsBelow?: number }
  | { status: 'NOT_APPLICABLE'; summary?: string };

export const pass = (summary?: string, evidence?: Evidence): Verdict => ({ status: 'PASSED', summary, evidence });
export const fail = (summary: string, evidence: Evidence = {}): Verdict => ({ status: 'FAILED', summary, evidence });

/**
 * A FAILED verdict whose finding is less severe than the check: `levels`
 * below the check's (configured) severity, never below LOW.
 */
export const failBelow = (levels: number, summary: string, evidence: Evidence = {}): Verdict => ({ status: 'FAILED', summary, evidence, levelsBelow: levels });

/** The check's severity lowered by `levels`, never below LOW (a FAILED finding is never informational). */
export function lowerSeverity(severity: Severity, levels: number): Severity {
  const rank = Math.max(severityRank('LOW'), severityRank(severity) - Math.max(0, Math.trunc(levels)));
  return SEVERITIES[Math.min(rank, severityRank(severity))] as Severity;
}
export const notApplicable = (summary?: string): Verdict => ({ status: 'NOT_APPLICABLE', summary });

export interface ComplianceMapping {
  /** AWS Foundational Security Best Practices control ids, e.g. "EC2.2". */
  fsbp?: string[];
  /** CIS AWS Foundations Benchmark v3.0 ids, e.g. "5.4". */
  cis?: string[];
  /** NIST SP 800-53 rev. 5 control ids, e.g. "AC-4". */
  nist?: string[];
}

export interface CheckMetadata {
  /** kebab-case, prefixed by the service, named for the compliant state; equals the file name. */
  id: string;
  service: string;
  title: string;
  description: string;
  severity: Severity;
  /** ASFF resource type, e.g. AwsEc2SecurityGroup. */
  resourceType: string;
  /** ASFF finding type namespaces. */
  findingTypes: string[];
  remediation: { text: string; url: string };
  compliance: ComplianceMapping;
}

/**
 * A check over the items of one collector's inventory.
 * `select` names the items the check judges; `evaluate` judges one of them.
 * Both are pure.
 */
export interface Check<Inventory = unknown, Item extends { ref: ResourceRef } = { ref: ResourceRef }, Params = unknown> {
  meta: CheckMetadata;
  collector: Collector<Inventory>;
  /** Parameters with defaults; validated from the config file. */
  parameters?: z.ZodType<Params>;
  select(inventory: Inventory): readonly Item[];
  evaluate(item: Item, params: Params, inventory: Inventory): Verdict;
}

/** Type-erased check, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry must hold checks of every inventory type
export type AnyCheck = Check<any, any, any>;

export function defineCheck<Inventory, Item extends { ref: ResourceRef }, Params = Record<string, never>>(
  check: Check<Inventory, Item, Params>,
): Check<Inventory, Item, Params> {
  return check;
}

/** Thrown by evaluate when an input it needs could not be collected; the runner makes it an ERROR. */
export class MissingInputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    // Its message becomes an ERROR result's summary: it may quote an AWS error.
    super(redact(message), options);
    this.name = 'MissingInputError';
  }
}

/**
 * Reads a field the service may leave out of its answer. A missing field is
 * unknown: the check becomes an ERROR naming it, never a guess either way.
 */
export function reported<T>(value: T | undefined, field: string, resource?: string): T {
  if (value !== undefined) return value;
  throw new MissingInputError(`the service did not report ${field}${resource ? ` for ${resource}` : ''}, so it cannot be judged`);
}
