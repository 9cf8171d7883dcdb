/** Key ages, measured from the inventory's collection time so checks stay pure. */
export const DAY_MS = 86_400_000;

/** Milliseconds from `since` to `now`; undefined when either date does not parse. */
export function elapsedMs(since: string, now: string): number | undefined {
  const start = Date.parse(since);
  const end = Date.parse(now);
  return Number.isNaN(start) || Number.isNaN(end) ? undefined : end - start;
}

/** Days for display, rounded down to a tenth so 90.4 days never reads as "90, over 90". */
export function displayDays(ms: number): number {
  return Math.max(0, Math.floor((ms / DAY_MS) * 10) / 10);
}

/** Hammer's comparison: older than N days means more than N × 24 hours. */
export function olderThan(ms: number, days: number): boolean {
  return ms > days * DAY_MS;
}

export const daysText = (days: number): string => `${days} day${days === 1 ? '' : 's'}`;
