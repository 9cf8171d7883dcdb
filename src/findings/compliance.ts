/** Compliance mappings as Security Hub RelatedRequirements strings, and back. */
import type { ComplianceMapping } from '../core/check.js';

export interface Framework {
  key: keyof ComplianceMapping;
  /** The standard's name, as it prefixes each of its RelatedRequirements. */
  name: string;
}

export const FRAMEWORKS: readonly Framework[] = [
  { key: 'fsbp', name: 'AWS Foundational Security Best Practices' },
  { key: 'cis', name: 'CIS AWS Foundations Benchmark v3.0.0' },
  { key: 'nist', name: 'NIST.800-53.r5' },
];

export function relatedRequirements(mapping: ComplianceMapping): string[] {
  return FRAMEWORKS.flatMap((framework) => (mapping[framework.key] ?? []).map((id) => `${framework.name} ${id}`));
}

/** The framework and control id of a RelatedRequirements string; undefined for one rampart does not map. */
export function parseRequirement(requirement: string): { framework: Framework; control: string } | undefined {
  for (const framework of FRAMEWORKS) {
    const prefix = `${framework.name} `;
    if (requirement.startsWith(prefix) && requirement.length > prefix.length) return { framework, control: requirement.slice(prefix.length) };
  }
  return undefined;
}
