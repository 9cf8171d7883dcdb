import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateRepositoryCommand, ECRClient, PutRegistryScanningConfigurationCommand } from '@aws-sdk/client-ecr';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedEcr } from '../../../src/emulator/seeds/ecr.js';
import { ecrCollector } from '../../../auditors/ecr/collect.js';
import { ecrAuditor } from '../../../auditors/ecr/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

const CHECK_ORDER = ['ecr-repository-policy-not-public', 'ecr-repository-image-scanning-configured', 'ecr-repository-tag-immutability-enabled', 'ecr-repository-lifecycle-policy-configured'] as const;

describe('ecrCollector against the emulator', () => {
  it('collects every repository and the checks judge each one', async () => {
    // prepare
    await seedEcr(emulator.clients());

    // act
    const inventory = await ecrCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(ecrAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //                     policy  scanning immutable lifecycle
      'demo-images-public':  ['FAIL', 'FAIL', 'FAIL', 'FAIL'],
      'demo-images-private': ['PASS', 'PASS', 'PASS', 'PASS'],
    });
  });

  it('an enhanced registry configuration decides over each repository\'s own setting', async () => {
    // prepare
    const ecr = emulator.clients().get(ECRClient);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'prod-api', imageScanningConfiguration: { scanOnPush: false } }));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'dev-api', imageScanningConfiguration: { scanOnPush: true } }));
    await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules: [{ scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: 'prod-*', filterType: 'WILDCARD' }] }] }));

    // act
    const inventory = await ecrCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task([ecrAuditor.checks[1]!]), inventory);

    // assert
    assert.deepEqual(inventory.registryScanning, { ok: true, value: { scanType: 'ENHANCED', rules: [{ scanFrequency: 'CONTINUOUS_SCAN', filters: [{ filter: 'prod-*', filterType: 'WILDCARD' }] }] } });
    assert.deepEqual(results.map((r) => `${r.status} ${r.resource.id}`).sort(), ['FAILED dev-api', 'PASSED prod-api']);
  });

  it('names each repository by ARN, with its tags and ASFF details', async () => {
    // prepare
    await seedEcr(emulator.clients());

    // act
    const inventory = await ecrCollector.collect(emulator.collectContext());

    // assert
    const open = inventory.repositories.find((r) => r.name === 'demo-images-public');
    assert.equal(open?.ref.arn, `arn:aws:ecr:${REGION}:${DEFAULT_ACCOUNT}:repository/demo-images-public`);
    assert.deepEqual(open?.ref.tags, { owner: 'platform-team' });
    const details = open?.ref.details?.AwsEcrRepository as Record<string, unknown>;
    assert.deepEqual([details.RepositoryName, details.ImageTagMutability, details.ImageScanningConfiguration, details.LifecyclePolicy], ['demo-images-public', 'MUTABLE', { ScanOnPush: false }, undefined]);
    assert.match(String(details.RepositoryPolicyText), /AnyonePulls/);
  });

  it('reads the registry configuration once and each repository\'s details once', async () => {
    // prepare
    await seedEcr(emulator.clients());
    const counter = new RequestCounter();

    // act
    await ecrCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(counter.snapshot(), {
      'ECR:DescribeRepositories': 1, 'ECR:GetLifecyclePolicy': 2, 'ECR:GetRegistryScanningConfiguration': 1, 'ECR:GetRepositoryPolicy': 2, 'ECR:ListTagsForResource': 2,
    });
  });

  it('a region without repositories is an empty inventory, read with one call', async () => {
    // prepare
    const counter = new RequestCounter();

    // act
    const inventory = await ecrCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(inventory.repositories, []);
    assert.deepEqual(counter.snapshot(), { 'ECR:DescribeRepositories': 1 });
  });
});
