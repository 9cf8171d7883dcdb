import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Test files wait on moto (a separate process) much of the time: one more worker than cores keeps both busy.
const workers = Number(process.env.RAMPART_TEST_WORKERS) || availableParallelism() + 1;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: workers,
    globalSetup: ['test/helpers/global-emulators.ts'],
    // Scans against the emulator and spawned CLIs take seconds, not milliseconds.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'auditors/**/*.ts', 'infra/**/*.ts'],
      reporter: ['text-summary'],
      // The floor sits a little under what the suite reaches (lines 89 %, statements 86.5 %, functions 91 %, branches 74.5 %).
      thresholds: { lines: 87, statements: 85, functions: 89, branches: 72 },
    },
  },
});
