import type { Auditor } from '../../src/core/registry.js';
import { sageMakerCollector } from './collect.js';
import endpointConfigKmsEncrypted from './checks/sagemaker-endpoint-config-kms-encrypted.js';
import modelNetworkIsolation from './checks/sagemaker-model-network-isolation-enabled.js';
import notebookInVpc from './checks/sagemaker-notebook-instance-in-vpc.js';
import notebookKmsEncrypted from './checks/sagemaker-notebook-instance-kms-encrypted.js';
import notebookNoDirectInternet from './checks/sagemaker-notebook-instance-no-direct-internet-access.js';

export const sagemakerAuditor: Auditor = {
  service: 'sagemaker',
  collector: sageMakerCollector,
  checks: [notebookNoDirectInternet, notebookInVpc, notebookKmsEncrypted, endpointConfigKmsEncrypted, modelNetworkIsolation],
};
