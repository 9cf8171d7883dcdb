/**
 * Test hooks around the moto emulator: the file uses its worker's emulator
 * (global-emulators.ts), reset before the file and before each test.
 */
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js';
import type { RequestCounter } from '../../src/aws/request-counter.js';
import type { RetryPolicy } from '../../src/aws/retry.js';
import type { CollectContext } from '../../src/core/collector.js';
import { partitionOf } from '../../src/core/resource.js';
import { emulatorEnv, resetEmulator, type Emulator } from '../../src/emulator/moto.js';
import { createLimiter } from '../../src/util/limit.js';
import { silentLogger } from '../../src/util/logger.js';

export const DEFAULT_ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing', sessionToken: 'testing' };

export interface CollectContextOptions {
  /** Attached to every client the context makes, in any region. */
  counter?: RequestCounter;
  /** The context's home region; REGION unless given. */
  region?: string;
  /** DEFAULT_ACCOUNT unless given. */
  accountId?: string;
  /** The detail-call limit; 4 unless given. */
  concurrency?: number;
  /** The SDK retry policy of the clients; the default policy unless given. */
  retryPolicy?: RetryPolicy;
}

export interface EmulatorHandle {
  readonly endpoint: string;
  /** SDK clients for the default account against the emulator. */
  clients(region?: string): AwsClients;
  /** A collector's context against the emulator; its clients, in every region, are destroyed after the file's tests. */
  collectContext(options?: CollectContextOptions): CollectContext;
}

/** The emulator of this worker slot, started by the global setup and shared by the files the worker runs in turn. */
function workerEmulator(): Pick<Emulator, 'endpoint' | 'reset'> {
  const slot = Number(process.env.VITEST_POOL_ID ?? '1');
  const endpoint = inject('emulatorEndpoints')[slot - 1];
  if (!endpoint) throw new Error(`no emulator for worker ${slot}: is test/helpers/global-emulators.ts the global setup?`);
  return { endpoint, reset: () => resetEmulator(endpoint) };
}

export function useEmulator(options: { resetEach?: boolean } = {}): EmulatorHandle {
  let emulator: Pick<Emulator, 'endpoint' | 'reset'> | undefined;
  const made: AwsClients[] = [];
  beforeAll(async () => {
    emulator = workerEmulator();
    await emulator.reset();
    Object.assign(process.env, emulatorEnv(emulator.endpoint));
  });
  if (options.resetEach !== false) {
    beforeEach(async () => {
      await emulator?.reset();
    });
  }
  afterAll(() => {
    for (const c of made) c.destroy();
  });
  const make = (accountId: string, region: string, settings: { counter?: RequestCounter; retryPolicy?: RetryPolicy } = {}): AwsClients => {
    if (!emulator) throw new Error('emulator not started: call inside a test');
    const c = createAwsClients(accountId, region, CREDENTIALS, {
      endpointUrl: emulator.endpoint,
      ...(settings.counter ? { counter: settings.counter } : {}),
      ...(settings.retryPolicy ? { retryPolicy: settings.retryPolicy } : {}),
    });
    made.push(c);
    return c;
  };
  return {
    get endpoint() {
      if (!emulator) throw new Error('emulator not started: call inside a test');
      return emulator.endpoint;
    },
    clients(region = REGION) {
      return make(DEFAULT_ACCOUNT, region);
    },
    collectContext({ counter, region = REGION, accountId = DEFAULT_ACCOUNT, concurrency, retryPolicy }: CollectContextOptions = {}) {
      const clientsIn = (other: string): AwsClients => make(accountId, other, { ...(counter ? { counter } : {}), ...(retryPolicy ? { retryPolicy } : {}) });
      return {
        accountId,
        region,
        partition: partitionOf(region),
        clients: clientsIn(region),
        clientsIn,
        limit: createLimiter(concurrency ?? 4),
        logger: silentLogger,
      };
    },
  };
}
