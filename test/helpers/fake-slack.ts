/** The local fake Slack for a test file: one server per describe block, reset before each test. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../src/emulator/fake-slack.js';

export function useFakeSlack(): () => FakeSlack {
  let fake: FakeSlack | undefined;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => fake?.reset());
  return () => fake as FakeSlack;
}
