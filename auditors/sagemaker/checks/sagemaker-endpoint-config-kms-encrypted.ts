import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { sageMakerCollector, type EndpointConfigItem, type SageMakerInventory } from '../collect.js';

export default defineCheck<SageMakerInventory, EndpointConfigItem>({
  meta: {
    id: 'sagemaker-endpoint-config-kms-encrypted',
    service: 'sagemaker',
    title: 'SageMaker endpoint configurations encrypt endpoint storage with a KMS key',
    description:
      "ElectricEye's endpoint configuration encryption row: flags an endpoint configuration without a KmsKeyId, whose endpoints keep model artifacts and inference data on ML storage volumes encrypted with a transient key you cannot govern. Instance types with local NVMe storage (encrypted by the instance hardware) do not accept a key: exempt those configurations in the configuration file.",
    severity: 'MEDIUM',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Endpoint configurations cannot be changed: create a new one with a customer managed KMS key (KmsKeyId) whose key policy lets the endpoint role use it, switch the endpoint to it with UpdateEndpoint, then delete the old configuration.',
      url: 'https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html',
    },
    compliance: { nist: ['SC-12', 'SC-28'] },
  },
  collector: sageMakerCollector,
  select: (inventory) => inventory.endpointConfigs,
  evaluate(config) {
    const { kmsKeyId, variants } = need(config.settings, 'the endpoint configuration');
    const instanceTypes = variants.map((v) => v.instanceType ?? 'serverless');
    if (kmsKeyId) return pass(`endpoint storage is encrypted with KMS key ${kmsKeyId}`, { KmsKeyId: kmsKeyId, instanceTypes });
    return fail(`endpoint configuration ${config.name} has no KMS key for its endpoints' storage volumes`, { KmsKeyId: null, instanceTypes });
  },
});
