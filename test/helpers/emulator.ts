/** Test hooks around the moto emulator: one server per test file, reset before each test. */
import { after, before, beforeEach } from 'node:test';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js';
import type { RequestCounter } from '../../src/aws/request-counter.js';
import type { RetryPolicy } from '../../src/aws/retry.js';
import type { CollectContext } from '../../src/core/collector.js';
import { partitionOf } from '../../src/core/resource.js';
import { emulatorEnv, startEmulator, type Emulator } from '../../src/emulator/moto.js';
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

export function useEmulator(options: { resetEach?: boolean } = {}): EmulatorHandle {
  let emulator: Emulator | undefined;
  const made: AwsClients[] = [];
  before(async () => {
    emulator = await startEmulator();
    Object.assign(process.env, emulatorEnv(emulator.endpoint));
  });
  if (options.resetEach !== false) {
    beforeEach(async () => {
      await emulator?.reset();
    });
  }
  after(async () => {
    for (const c of made) c.destroy();
    await emulator?.stop();
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
