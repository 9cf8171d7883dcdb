/**
 * Security Hub's limits, enforced before sending. An oversize finding is
 * shrunk (evidence trimmed, details dropped, the trimming noted in
 * ProductFields), never dropped.
 */
import type { AsffFinding } from './types.js';

export const LIMITS = {
  findingsPerRequest: 100,
  bytesPerRequest: 6 * 1024 * 1024,
  bytesPerFinding: 240 * 1024,
  id: 512,
  title: 256,
  description: 1024,
  remediationText: 512,
  types: 50,
  productFields: 50,
  productFieldKey: 128,
  productFieldValue: 2048,
  resources: 32,
  url: 512,
} as const;

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = '… [truncated]';
  return text.slice(0, Math.max(0, max - marker.length)) + marker;
}

export function byteLength(finding: AsffFinding): number {
  return Buffer.byteLength(JSON.stringify(finding), 'utf8');
}

/** Returns a finding that satisfies every per-finding limit. */
export function enforceLimits(input: AsffFinding): AsffFinding {
  const finding: AsffFinding = {
    ...input,
    Title: truncate(input.Title, LIMITS.title),
    Description: truncate(input.Description, LIMITS.description),
    Types: input.Types.slice(0, LIMITS.types),
    Remediation: {
      Recommendation: {
        Text: truncate(input.Remediation.Recommendation.Text, LIMITS.remediationText),
        ...(input.Remediation.Recommendation.Url ? { Url: input.Remediation.Recommendation.Url.slice(0, LIMITS.url) } : {}),
      },
    },
    FindingProviderFields: { ...input.FindingProviderFields, Types: input.FindingProviderFields.Types.slice(0, LIMITS.types) },
    Resources: input.Resources.slice(0, LIMITS.resources),
    ProductFields: limitProductFields(input.ProductFields),
  };
  if (finding.Id.length > LIMITS.id || finding.GeneratorId.length > LIMITS.id) {
    throw new RangeError(`finding id or generator id longer than ${LIMITS.id} characters: ${finding.Id.slice(0, 80)}…`);
  }
  if (byteLength(finding) <= LIMITS.bytesPerFinding) return finding;
  // Too large: drop resource details first (they are a copy of live configuration), then tags.
  finding.Resources = finding.Resources.map(({ Details: _details, ...rest }) => rest);
  finding.ProductFields = limitProductFields({ ...finding.ProductFields, 'rampart/detailsTrimmed': 'true' });
  if (byteLength(finding) <= LIMITS.bytesPerFinding) return finding;
  finding.Resources = finding.Resources.map(({ Tags: _tags, ...rest }) => rest);
  return finding;
}

function limitProductFields(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  for (const [rawKey, rawValue] of Object.entries(fields)) {
    if (count >= LIMITS.productFields) break;
    const key = (rawKey.startsWith('aws/') ? `rampart/${rawKey.slice(4)}` : rawKey).slice(0, LIMITS.productFieldKey);
    out[key] = truncate(rawValue, LIMITS.productFieldValue);
    count += 1;
  }
  return out;
}
