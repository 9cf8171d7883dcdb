/** A counting semaphore: at most `concurrency` tasks run at once. */
export interface Limiter {
  <T>(task: () => Promise<T>): Promise<T>;
  readonly concurrency: number;
}

export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    active -= 1;
    const next = waiting.shift();
    if (next) next();
  };
  const run = async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
  return Object.assign(run, { concurrency });
}

/** Maps with bounded concurrency, keeping the input order. */
export async function mapLimited<T, R>(items: readonly T[], limit: Limiter, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map((item, index) => limit(() => fn(item, index))));
}
