/**
 * The one retry policy: exponential backoff with full jitter. The SDK clients
 * use it through their retry strategy, and the publishers use it for the
 * per-finding retries the SDK cannot see (BatchImportFindings FailedFindings,
 * DynamoDB UnprocessedItems).
 */
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { isRetryableAwsError } from './errors.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 20_000 };

export function backoffMs(attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function sdkRetryStrategy(policy: RetryPolicy = DEFAULT_RETRY_POLICY): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(policy.maxAttempts, (attempt) => backoffMs(attempt, policy));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries `task` on throttling and 5xx errors that reach the caller (after the
 * SDK's own attempts, or from calls the SDK does not retry).
 */
export async function withRetry<T>(task: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY, delay: (ms: number) => Promise<void> = sleep): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= policy.maxAttempts || !isRetryableAwsError(error)) throw error;
      await delay(backoffMs(attempt, policy));
    }
  }
}
