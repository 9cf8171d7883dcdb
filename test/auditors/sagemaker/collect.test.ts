import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedSageMaker } from '../../../src/emulator/seeds/sagemaker.js';
import { sageMakerCollector } from '../../../auditors/sagemaker/collect.js';
import { sagemakerAuditor } from '../../../auditors/sagemaker/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

const CHECK_ORDER = [
  'sagemaker-notebook-instance-no-direct-internet-access',
  'sagemaker-notebook-instance-in-vpc',
  'sagemaker-notebook-instance-kms-encrypted',
  'sagemaker-endpoint-config-kms-encrypted',
  'sagemaker-model-network-isolation-enabled',
] as const;

describe('sageMakerCollector against the emulator', () => {
  it('collects notebooks, endpoint configurations and models, and the checks judge each one', async () => {
    // prepare
    await seedSageMaker(emulator.clients());

    // act
    const inventory = await sageMakerCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(sagemakerAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //                                  internet  vpc   kms   config   model
      'demo-notebook-open':               ['FAIL', 'FAIL', 'FAIL', '-', '-'],
      'demo-notebook-private':            ['PASS', 'PASS', 'PASS', '-', '-'],
      'demo-endpoint-config-unencrypted': ['-', '-', '-', 'FAIL', '-'],
      'demo-endpoint-config-kms':         ['-', '-', '-', 'PASS', '-'],
      'demo-model-networked':             ['-', '-', '-', '-', 'FAIL'],
    });
  });

  it('the demo seed fails every check at least once and its decoys fail none', async () => {
    // prepare
    const seed = await seedSageMaker(emulator.clients());

    // act
    const { results } = evaluateChecks(task(sagemakerAuditor.checks), await sageMakerCollector.collect(emulator.collectContext()));

    // assert
    for (const check of sagemakerAuditor.checks) {
      assert.ok(results.some((r) => r.checkId === check.meta.id && r.status === 'FAILED' && seed.insecure.includes(r.resource.id)), `${check.meta.id} fails on the demo`);
    }
    assert.deepEqual(results.filter((r) => seed.compliant.includes(r.resource.id) && r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), []);
  });

  it('names each resource by ARN with its tags and ASFF details, describing and tagging each once', async () => {
    // prepare
    await seedSageMaker(emulator.clients());
    const counter = new RequestCounter();

    // act
    const inventory = await sageMakerCollector.collect(emulator.collectContext({ counter }));

    // assert
    const open = inventory.notebooks.find((n) => n.name === 'demo-notebook-open');
    assert.equal(open?.ref.arn, `arn:aws:sagemaker:${REGION}:${DEFAULT_ACCOUNT}:notebook-instance/demo-notebook-open`);
    assert.deepEqual(open?.ref.tags, { owner: 'data-science' });
    assert.deepEqual(open?.ref.details, { AwsSageMakerNotebookInstance: { NotebookInstanceName: 'demo-notebook-open', NotebookInstanceStatus: 'InService', DirectInternetAccess: 'Enabled' } });
    assert.deepEqual(inventory.endpointConfigs.find((c) => c.name === 'demo-endpoint-config-kms')?.ref.details, {
      Other: { EndpointConfigName: 'demo-endpoint-config-kms', KmsKeyId: `arn:aws:kms:${REGION}:${DEFAULT_ACCOUNT}:alias/demo-sagemaker`, InstanceTypes: 'ml.m5.large' },
    });
    assert.deepEqual(counter.snapshot(), {
      'SageMaker:DescribeEndpointConfig': 2,
      'SageMaker:DescribeModel': 1,
      'SageMaker:DescribeNotebookInstance': 2,
      'SageMaker:ListEndpointConfigs': 1,
      'SageMaker:ListModels': 1,
      'SageMaker:ListNotebookInstances': 1,
      'SageMaker:ListTags': 5,
    });
  });

  it('a region without SageMaker resources is an empty inventory', async () => {
    assert.deepEqual(await sageMakerCollector.collect(emulator.collectContext()), { notebooks: [], endpointConfigs: [], models: [] });
  });
});
