/** The local fake Slack for a test file: one server per describe block, reset before each test. */
import { after, before, beforeEach } from 'node:test';
import { startFakeSlack, type FakeSlack } from '../../src/emulator/fake-slack.js';

export function useFakeSlack(): () => FakeSlack {
  let fake: FakeSlack | undefined;
  before(async () => {
    fake = await startFakeSlack();
  });
  after(async () => {
    await fake?.close();
  });
  beforeEach(() => fake?.reset());
  return () => fake as FakeSlack;
}
