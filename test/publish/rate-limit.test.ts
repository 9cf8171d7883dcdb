import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { RateLimiter } from '../../src/publish/rate-limit.js';
import { batchBySizeAndCount } from '../../src/publish/batches.js';

/** A fake clock: sleeping advances it, so the test measures the schedule, not the machine. */
function fakeClock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => { now += ms; } };
}

describe('rate limiter', () => {
  it('allows a burst of 30, then 10 requests per second per key', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 30, ...clock });
    const times: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      await limiter.take('a/us-east-1');
      times.push(clock.now());
    }
    assert.equal(times.filter((t) => t === 0).length, 30);
    // 30 more at 10/s take about 3 seconds.
    assert.ok(Math.abs((times.at(-1) ?? 0) - 3000) <= 110, `last at ${times.at(-1)}`);
    for (let i = 30; i < times.length; i += 1) {
      const windowStart = (times[i] as number) - 1000;
      const inWindow = times.filter((t) => t > windowStart && t <= (times[i] as number)).length;
      assert.ok(i < 40 || inWindow <= 11, `at most ~10 in any second after the burst (saw ${inWindow})`);
    }
  });

  it('keeps keys independent', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 2, ...clock });
    await limiter.take('a');
    await limiter.take('a');
    await limiter.take('b');
    assert.equal(clock.now(), 0);
    await limiter.take('a');
    assert.ok(clock.now() >= 100);
  });
});

describe('batching', () => {
  it('cuts batches at 100 items', () => {
    const batches = batchBySizeAndCount(Array.from({ length: 250 }, (_, i) => i), () => 10);
    assert.deepEqual(batches.map((b) => b.length), [100, 100, 50]);
  });

  it('cuts batches before 6 MB', () => {
    const big = 1024 * 1024;
    const batches = batchBySizeAndCount(Array.from({ length: 13 }, (_, i) => i), () => big);
    assert.ok(batches.every((b) => b.length * (big + 1) + 64 <= 6 * 1024 * 1024));
    assert.equal(batches.flat().length, 13);
  });

  it('never drops an item, even one larger than a request', () => {
    const batches = batchBySizeAndCount([1, 2], () => 7 * 1024 * 1024);
    assert.deepEqual(batches, [[1], [2]]);
  });
});
