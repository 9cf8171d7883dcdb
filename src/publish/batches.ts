/** Splits findings into BatchImportFindings requests: ≤ 100 findings and ≤ 6 MB each. */
import { LIMITS } from '../findings/limits.js';

export function batchBySizeAndCount<T>(items: readonly T[], sizeOf: (item: T) => number, maxItems = LIMITS.findingsPerRequest, maxBytes = LIMITS.bytesPerRequest): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  // Room for the request envelope: {"Findings":[...]} and separators.
  let bytes = 64;
  for (const item of items) {
    const size = sizeOf(item) + 1;
    if (current.length > 0 && (current.length >= maxItems || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 64;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
