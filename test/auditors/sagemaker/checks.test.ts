import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import type { SageMakerInventory } from '../../../auditors/sagemaker/collect.js';
import { isGone, toEndpointConfigSettings, toModelSettings, toNotebookSettings } from '../../../auditors/sagemaker/fetch.js';
import endpointConfigKms from '../../../auditors/sagemaker/checks/sagemaker-endpoint-config-kms-encrypted.js';
import modelIsolation from '../../../auditors/sagemaker/checks/sagemaker-model-network-isolation-enabled.js';
import notebookInVpc from '../../../auditors/sagemaker/checks/sagemaker-notebook-instance-in-vpc.js';
import notebookKms from '../../../auditors/sagemaker/checks/sagemaker-notebook-instance-kms-encrypted.js';
import notebookNoInternet from '../../../auditors/sagemaker/checks/sagemaker-notebook-instance-no-direct-internet-access.js';
import { endpointConfig, failed, inventory, KEY, model, notebook, PRIVATE_NOTEBOOK } from './fixtures.js';

function evaluate<Item extends { ref: ResourceRef }>(check: Check<SageMakerInventory, Item, unknown>, item: Item): Verdict {
  return check.evaluate(item, {}, inventory());
}

/** The defaults of a notebook created with nothing but a name, a type and a role. */
const DEFAULT_NOTEBOOK = { directInternetAccess: 'Enabled', securityGroups: [] };

describe('sagemaker-notebook-instance-kms-encrypted', () => {
  it('fails a notebook without a KMS key', () => {
    const verdict = evaluate(notebookKms, notebook('nb', fetched(DEFAULT_NOTEBOOK)));
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { KmsKeyId: null });
  });

  it('passes a notebook with a key, named by ARN or by alias', () => {
    assert.equal(evaluate(notebookKms, notebook('nb')).status, 'PASSED');
    assert.equal(evaluate(notebookKms, notebook('nb', fetched({ ...PRIVATE_NOTEBOOK, kmsKeyId: 'alias/notebooks' }))).status, 'PASSED');
  });

  it('a notebook that could not be described is an error (edge)', () => {
    assert.throws(() => evaluate(notebookKms, notebook('nb', failed())), MissingInputError);
  });
});

describe('sagemaker-notebook-instance-no-direct-internet-access', () => {
  it('fails DirectInternetAccess Enabled, also inside a VPC', () => {
    const verdict = evaluate(notebookNoInternet, notebook('nb', fetched({ ...PRIVATE_NOTEBOOK, directInternetAccess: 'Enabled' })));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { DirectInternetAccess: 'Enabled', SubnetId: 'subnet-0abc' });
  });

  it('passes DirectInternetAccess Disabled', () => {
    assert.equal(evaluate(notebookNoInternet, notebook('nb')).status, 'PASSED');
  });

  it('an unreported DirectInternetAccess is an error, never a pass (edge)', () => {
    assert.throws(() => evaluate(notebookNoInternet, notebook('nb', fetched({ securityGroups: [] }))), /DirectInternetAccess/);
  });
});

describe('sagemaker-notebook-instance-in-vpc', () => {
  it('fails a notebook without a subnet', () => {
    assert.equal(evaluate(notebookInVpc, notebook('nb', fetched(DEFAULT_NOTEBOOK))).status, 'FAILED');
  });

  it('passes a notebook in a subnet, naming it and its security groups', () => {
    const verdict = evaluate(notebookInVpc, notebook('nb'));
    assert.deepEqual(verdict.status === 'PASSED' && verdict.evidence, { SubnetId: 'subnet-0abc', SecurityGroups: ['sg-0abc'] });
  });

  it('a notebook that could not be described is an error, not a notebook without a subnet (edge)', () => {
    assert.throws(() => evaluate(notebookInVpc, notebook('nb', failed())), MissingInputError);
  });
});

describe('sagemaker-endpoint-config-kms-encrypted', () => {
  it('fails a configuration without a key, listing its instance types', () => {
    const verdict = evaluate(endpointConfigKms, endpointConfig('ec', fetched({ variants: [{ name: 'a', instanceType: 'ml.m5.large', serverless: false }, { name: 'b', serverless: true }] })));
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { KmsKeyId: null, instanceTypes: ['ml.m5.large', 'serverless'] });
  });

  it('passes a configuration with a key', () => {
    assert.equal(evaluate(endpointConfigKms, endpointConfig('ec')).status, 'PASSED');
  });

  it('a configuration that could not be described is an error (edge)', () => {
    assert.throws(() => evaluate(endpointConfigKms, endpointConfig('ec', failed())), MissingInputError);
  });
});

describe('sagemaker-model-network-isolation-enabled', () => {
  it('fails a model without network isolation', () => {
    const verdict = evaluate(modelIsolation, model('m', fetched({ enableNetworkIsolation: false, vpcSubnets: ['subnet-0abc'] })));
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { EnableNetworkIsolation: false, vpcSubnets: ['subnet-0abc'] });
  });

  it('passes an isolated model', () => {
    assert.equal(evaluate(modelIsolation, model('m')).status, 'PASSED');
  });

  it('an unreported EnableNetworkIsolation is an error (edge)', () => {
    assert.throws(() => evaluate(modelIsolation, model('m', fetched({ vpcSubnets: [] }))), /EnableNetworkIsolation/);
  });
});

describe('sagemaker model', () => {
  it('reads the describe answers, keeping unreported fields undefined', () => {
    assert.deepEqual(toNotebookSettings({ DirectInternetAccess: 'Enabled', KmsKeyId: '' }), { securityGroups: [], directInternetAccess: 'Enabled' });
    assert.deepEqual(toEndpointConfigSettings({ KmsKeyId: KEY, ProductionVariants: [{ VariantName: 'v', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 1 } }] }), {
      kmsKeyId: KEY,
      variants: [{ name: 'v', serverless: true }],
    });
    assert.deepEqual(toModelSettings({}), { vpcSubnets: [] });
  });

  it('recognises a resource deleted since the listing by SageMaker\'s ValidationException', () => {
    const error = (name: string, message: string): Error => Object.assign(new Error(message), { name });
    assert.equal(isGone(error('ValidationException', 'Could not find model "arn:aws:sagemaker:us-east-1:123456789012:model/m".')), true);
    assert.equal(isGone(error('ValidationException', 'RecordNotFound')), true);
    assert.equal(isGone(error('ValidationException', '1 validation error detected')), false);
    assert.equal(isGone(error('AccessDeniedException', 'Could not find the caller')), false);
  });
});
