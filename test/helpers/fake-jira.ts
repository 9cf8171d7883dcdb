/** The local fake Jira for a test file: one server per describe block, reset before each test. */
import { after, before, beforeEach } from 'node:test';
import { startFakeJira, type FakeJira, type FakeJiraOptions } from '../../src/emulator/fake-jira.js';

export function useFakeJira(options: FakeJiraOptions = {}): () => FakeJira {
  let fake: FakeJira | undefined;
  before(async () => {
    fake = await startFakeJira(options);
  });
  after(async () => {
    await fake?.close();
  });
  beforeEach(() => fake?.reset());
  return () => fake as FakeJira;
}
