/** The Access Analyzer check against the emulator (its front keeps analyzers per account and region). */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { AccessAnalyzerClient, CreateAnalyzerCommand } from '@aws-sdk/client-accessanalyzer';
import { accessAnalyzerAuditor } from '../../../auditors/accessanalyzer/index.js';
import { runPlan } from '../../../src/core/runner.js';
import { silentLogger } from '../../../src/util/logger.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';

const emulator = useEmulator();

describe('accessAnalyzerCollector against the emulator', () => {
  const scan = async () => {
    const [outcome] = await runPlan(
      [{ accountId: DEFAULT_ACCOUNT, region: REGION, collector: accessAnalyzerAuditor.collector, checks: accessAnalyzerAuditor.checks.map((check) => ({ check, params: check.parameters?.parse({}) ?? {}, severity: check.meta.severity })) }],
      { clientsFor: (_account, region) => emulator.clients(region), logger: silentLogger, concurrency: 1 },
    );
    return outcome?.results.map((r) => r.status) ?? [];
  };

  it('a region without an analyzer fails; one with an account analyzer passes', async () => {
    // act
    const without = await scan();
    await emulator.clients().get(AccessAnalyzerClient).send(new CreateAnalyzerCommand({ analyzerName: 'account', type: 'ACCOUNT' }));
    const withOne = await scan();
    // assert
    assert.deepEqual(without, ['FAILED']);
    assert.deepEqual(withOne, ['PASSED']);
  });
});
