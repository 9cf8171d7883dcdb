/** Test hooks around the moto emulator: one server per test file, reset before each test. */
import { after, before, beforeEach } from 'node:test';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js';
import { emulatorEnv, startEmulator, type Emulator } from '../../src/emulator/moto.js';

export const DEFAULT_ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export interface EmulatorHandle {
  readonly endpoint: string;
  /** SDK clients for the default account against the emulator. */
  clients(region?: string): AwsClients;
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
  return {
    get endpoint() {
      if (!emulator) throw new Error('emulator not started: call inside a test');
      return emulator.endpoint;
    },
    clients(region = REGION) {
      if (!emulator) throw new Error('emulator not started: call inside a test');
      const c = createAwsClients(DEFAULT_ACCOUNT, region, { accessKeyId: 'testing', secretAccessKey: 'testing', sessionToken: 'testing' }, { endpointUrl: emulator.endpoint });
      made.push(c);
      return c;
    },
  };
}
