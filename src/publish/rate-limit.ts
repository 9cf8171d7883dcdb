/** A token bucket per key: Security Hub allows 10 requests/s with a burst of 30 per account and region. */

export interface RateLimiterOptions {
  ratePerSecond: number;
  burst: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number; queue: Promise<void> }>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Waits until a request may be sent for `key`. Callers are served in order. */
  take(key: string): Promise<void> {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.options.burst, updated: this.now(), queue: Promise.resolve() };
      this.buckets.set(key, bucket);
    }
    const state = bucket;
    const turn = state.queue.then(async () => {
      for (;;) {
        const now = this.now();
        state.tokens = Math.min(this.options.burst, state.tokens + ((now - state.updated) / 1000) * this.options.ratePerSecond);
        state.updated = now;
        if (state.tokens >= 1) {
          state.tokens -= 1;
          return;
        }
        await this.sleep(Math.ceil(((1 - state.tokens) / this.options.ratePerSecond) * 1000));
      }
    });
    state.queue = turn;
    return turn;
  }
}

/** The service's limit for BatchImportFindings, per account and region. */
export const SECURITY_HUB_LIMIT = { ratePerSecond: 10, burst: 30 } as const;

/**
 * What the publisher paces at: just under the limit, because a request the
 * limiter released reaches the wire a little later, and bunched send times
 * would otherwise overshoot the service's bucket.
 */
export const SECURITY_HUB_RATE = { ratePerSecond: 9.5, burst: 28 } as const;
