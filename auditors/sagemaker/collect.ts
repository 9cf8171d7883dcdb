/**
 * SageMaker AI inventory, per account and region: notebook instances,
 * endpoint configurations and models, each described once and its tags read
 * once (the list calls answer names only). The pattern is described in
 * auditors/sqs/collect.ts.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

/** What the checks read of DescribeNotebookInstance; a field the service left out stays undefined. */
export interface NotebookSettings {
  status?: string;
  /** The KMS key of the ML storage volume; undefined when SageMaker's own key is used. */
  kmsKeyId?: string;
  /** Enabled or Disabled. */
  directInternetAccess?: string;
  /** Set when the notebook has a network interface in a customer VPC. */
  subnetId?: string;
  securityGroups: string[];
  rootAccess?: string;
}

export interface ProductionVariant {
  name: string;
  /** Undefined for a serverless variant. */
  instanceType?: string;
  serverless: boolean;
}

export interface EndpointConfigSettings {
  /** The KMS key of the ML storage volumes of the endpoint's instances. */
  kmsKeyId?: string;
  variants: ProductionVariant[];
}

export interface ModelSettings {
  enableNetworkIsolation?: boolean;
  /** Subnets of the model's VPC configuration; empty when it has none. */
  vpcSubnets: string[];
}

export interface SageMakerItem<Settings> {
  ref: ResourceRef;
  name: string;
  settings: Fetched<Settings>;
}

export type NotebookItem = SageMakerItem<NotebookSettings>;
export type EndpointConfigItem = SageMakerItem<EndpointConfigSettings>;
export type ModelItem = SageMakerItem<ModelSettings>;

export interface SageMakerInventory {
  notebooks: NotebookItem[];
  endpointConfigs: EndpointConfigItem[];
  models: ModelItem[];
}

export const sageMakerCollector: Collector<SageMakerInventory> = {
  id: 'sagemaker',
  service: 'sagemaker',
  global: false,
  permissions: [
    'sagemaker:ListNotebookInstances', 'sagemaker:DescribeNotebookInstance',
    'sagemaker:ListEndpointConfigs', 'sagemaker:DescribeEndpointConfig',
    'sagemaker:ListModels', 'sagemaker:DescribeModel',
    'sagemaker:ListTags',
  ],
  async collect(ctx) {
    const { fetchSageMakerInventory } = await import('./fetch.js');
    return fetchSageMakerInventory(ctx);
  },
};
