/** Deterministic finding ids and the Security Hub product ARN. */
import { createHash } from 'node:crypto';

export const MAX_ID_LENGTH = 512;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Stable across runs and unique per account, region, check and resource.
 * Long resource ARNs are replaced by their hash so the id stays within 512 characters.
 */
export function findingId(accountId: string, region: string, checkId: string, resourceArn: string): string {
  const readable = `rampart/${accountId}/${region}/${checkId}/${resourceArn}`;
  if (readable.length <= MAX_ID_LENGTH) return readable;
  return `rampart/${accountId}/${region}/${checkId}/sha256:${sha256Hex(resourceArn)}`;
}

export function productArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:securityhub:${region}:${accountId}:product/${accountId}/default`;
}

/** Canonical JSON: object keys sorted, so equal content hashes equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
