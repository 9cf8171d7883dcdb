/** Compliance mappings as Security Hub RelatedRequirements strings. */
import type { ComplianceMapping } from '../core/check.js';

export function relatedRequirements(mapping: ComplianceMapping): string[] {
  return [
    ...(mapping.fsbp ?? []).map((id) => `AWS Foundational Security Best Practices ${id}`),
    ...(mapping.cis ?? []).map((id) => `CIS AWS Foundations Benchmark v3.0.0 ${id}`),
    ...(mapping.nist ?? []).map((id) => `NIST.800-53.r5 ${id}`),
  ];
}
