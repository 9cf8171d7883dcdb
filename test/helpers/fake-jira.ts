/** The local fake Jira for a test file: one server per describe block, reset before each test. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeJira, type FakeJira, type FakeJiraOptions } from '../../src/emulator/fake-jira.js';

export function useFakeJira(options: FakeJiraOptions = {}): () => FakeJira {
  let fake: FakeJira | undefined;
  beforeAll(async () => {
    fake = await startFakeJira(options);
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => fake?.reset());
  return () => fake as FakeJira;
}
