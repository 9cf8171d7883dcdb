/** Hand-built SageMaker inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import {
  sageMakerCollector, type EndpointConfigItem, type EndpointConfigSettings, type ModelItem, type ModelSettings, type NotebookItem, type NotebookSettings,
  type SageMakerInventory,
} from '../../../auditors/sagemaker/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

export const failed = <T>(error = 'AccessDeniedException: not authorized'): Fetched<T> => ({ ok: false, error });

const ref = (kind: string, type: string, name: string): NotebookItem['ref'] => ({
  type, arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${kind}/${name}`, id: name, region: REGION, partition: 'aws', tags: {},
});

/** A locked-down notebook (KMS key, VPC subnet, no direct internet access) unless the settings say otherwise. */
export const PRIVATE_NOTEBOOK: NotebookSettings = { kmsKeyId: KEY, directInternetAccess: 'Disabled', subnetId: 'subnet-0abc', securityGroups: ['sg-0abc'] };

export function notebook(name: string, settings: Fetched<NotebookSettings> = fetched(PRIVATE_NOTEBOOK)): NotebookItem {
  return { ref: ref('notebook-instance', 'AwsSageMakerNotebookInstance', name), name, settings };
}

export function endpointConfig(name: string, settings: Fetched<EndpointConfigSettings> = fetched({ kmsKeyId: KEY, variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.large', serverless: false }] })): EndpointConfigItem {
  return { ref: ref('endpoint-config', 'Other', name), name, settings };
}

export function model(name: string, settings: Fetched<ModelSettings> = fetched({ enableNetworkIsolation: true, vpcSubnets: [] })): ModelItem {
  return { ref: ref('model', 'Other', name), name, settings };
}

export const inventory = (items: Partial<SageMakerInventory> = {}): SageMakerInventory => ({ notebooks: [], endpointConfigs: [], models: [], ...items });

/** A plan task running the given checks with their default parameters. */
export function task(checks: readonly AnyCheck[]): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: sageMakerCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse({}) : {}, severity: check.meta.severity })),
  };
}
