/**
 * Per-task AWS call statistics (for --verbose): SDK calls, HTTP requests (every
 * attempt), and throttled answers. Collectors of one account and region share
 * their clients, so the counts follow the async context a task runs in rather
 * than the client.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { describeAwsError } from './errors.js';

export interface CallStats {
  /** SDK commands sent. */
  calls: number;
  /** HTTP attempts: a call retried twice is three requests. */
  requests: number;
  /** Attempts answered with a throttling error. */
  throttled: number;
}

const running = new AsyncLocalStorage<CallStats>();

export const emptyCallStats = (): CallStats => ({ calls: 0, requests: 0, throttled: 0 });

/** Runs `task`, counting into `stats` every AWS call made within it. */
export function withCallStats<T>(stats: CallStats, task: () => Promise<T>): Promise<T> {
  return running.run(stats, task);
}

interface Stackable {
  middlewareStack: { add: (middleware: never, options: { step: 'initialize' | 'deserialize'; name: string; override?: boolean; priority?: 'high' }) => void };
}

type Next = (args: unknown) => Promise<unknown>;

/** Adds the counting middleware to a client (once per command, and once per attempt). */
export function attachCallStats(client: Stackable): void {
  const perCall = (next: Next) => (args: unknown) => {
    const stats = running.getStore();
    if (stats) stats.calls += 1;
    return next(args);
  };
  const perAttempt = (next: Next) => async (args: unknown) => {
    const stats = running.getStore();
    if (stats) stats.requests += 1;
    try {
      return await next(args);
    } catch (error) {
      if (stats && describeAwsError(error).kind === 'throttling') stats.throttled += 1;
      throw error;
    }
  };
  client.middlewareStack.add(perCall as never, { step: 'initialize', name: 'rampartCallStats', override: true });
  // High priority: around the SDK's deserializer, so a throttling answer is seen as the error it becomes.
  client.middlewareStack.add(perAttempt as never, { step: 'deserialize', name: 'rampartAttemptStats', override: true, priority: 'high' });
}

export function describeCallStats(stats: CallStats): string {
  return `${stats.requests} request(s) for ${stats.calls} call(s), ${stats.requests - stats.calls} retried, ${stats.throttled} throttled`;
}
