import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { DEMO_KEY_ID, DEMO_SECRET_KEY, seedCodeBuild } from '../../../src/emulator/seeds/codebuild.js';
import { codeBuildCollector } from '../../../auditors/codebuild/collect.js';
import { codebuildAuditor } from '../../../auditors/codebuild/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

const CHECK_ORDER = [
  'codebuild-project-no-plaintext-secrets',
  'codebuild-project-source-ssl-verified',
  'codebuild-project-artifacts-encrypted',
  'codebuild-project-s3-logs-encrypted',
  'codebuild-project-cloudwatch-logging-enabled',
] as const;

describe('codeBuildCollector against the emulator', () => {
  it('collects every project and the checks judge each one', async () => {
    // prepare
    await seedCodeBuild(emulator.clients());

    // act
    const inventory = await codeBuildCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(codebuildAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //                   secrets  ssl  artifacts s3logs cloudwatch
      'demo-build-leaky': ['FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL'],
      'demo-build-tidy':  ['PASS', 'PASS', 'PASS', 'PASS', 'PASS'],
    });
    const secrets = results.find((r) => r.checkId === 'codebuild-project-no-plaintext-secrets' && r.status === 'FAILED');
    assert.deepEqual((secrets?.evidence.variables as Array<{ name: string }>).map((v) => v.name), ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD']);
    const everything = JSON.stringify({ results, refs: inventory.projects.map((p) => p.ref) });
    for (const secret of [DEMO_KEY_ID, DEMO_SECRET_KEY, 'Summer2026!']) assert.ok(!everything.includes(secret), `no result or ASFF detail holds ${secret.slice(0, 6)}…`);
  });

  it('the demo seed fails every check at least once and its decoy fails none', async () => {
    // prepare
    const seed = await seedCodeBuild(emulator.clients());

    // act
    const { results } = evaluateChecks(task(codebuildAuditor.checks), await codeBuildCollector.collect(emulator.collectContext()));

    // assert
    for (const check of codebuildAuditor.checks) {
      assert.ok(results.some((r) => r.checkId === check.meta.id && r.status === 'FAILED' && seed.insecure.includes(r.resource.id)), `${check.meta.id} fails on the demo`);
    }
    assert.deepEqual(results.filter((r) => seed.compliant.includes(r.resource.id) && r.status !== 'PASSED').map((r) => r.checkId), []);
  });

  it('names each project by ARN with its tags, and ASFF details without variable values, in two calls', async () => {
    // prepare
    await seedCodeBuild(emulator.clients());
    const counter = new RequestCounter();

    // act
    const inventory = await codeBuildCollector.collect(emulator.collectContext({ counter }));

    // assert
    const leaky = inventory.projects.find((p) => p.name === 'demo-build-leaky');
    assert.equal(leaky?.ref.arn, `arn:aws:codebuild:${REGION}:${DEFAULT_ACCOUNT}:project/demo-build-leaky`);
    assert.deepEqual(leaky?.ref.tags, { owner: 'build-team' });
    const details = leaky?.ref.details?.AwsCodeBuildProject as { Environment: unknown; Source: unknown };
    assert.deepEqual(details.Source, { Type: 'GITHUB_ENTERPRISE', InsecureSsl: true });
    assert.deepEqual(details.Environment, {
      Type: 'LINUX_CONTAINER',
      EnvironmentVariables: [
        { Name: 'AWS_ACCESS_KEY_ID', Type: 'PLAINTEXT' }, { Name: 'AWS_SECRET_ACCESS_KEY', Type: 'PLAINTEXT' }, { Name: 'DB_PASSWORD', Type: 'PLAINTEXT' }, { Name: 'STAGE', Type: 'PLAINTEXT' },
      ],
    });
    assert.deepEqual(counter.snapshot(), { 'CodeBuild:BatchGetProjects': 1, 'CodeBuild:ListProjects': 1 });
  });

  it('a region without projects is an empty inventory, with no batch call', async () => {
    // prepare
    const counter = new RequestCounter();

    // act
    const inventory = await codeBuildCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(inventory, { projects: [] });
    assert.deepEqual(counter.snapshot(), { 'CodeBuild:ListProjects': 1 });
  });
});
