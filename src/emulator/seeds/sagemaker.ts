/**
 * Demo seed for the SageMaker checks: a notebook instance with SageMaker's
 * network and key defaults beside a locked-down decoy, an endpoint
 * configuration without a KMS key beside one with a key, and a model without
 * network isolation. The emulator ignores EnableNetworkIsolation (it always
 * answers false), so no isolated model can stand as a decoy.
 */
import { CreateEndpointConfigCommand, CreateModelCommand, CreateNotebookInstanceCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

export async function seedSageMaker(clients: AwsClients): Promise<SeedResult> {
  const sm = clients.get(SageMakerClient);
  const { accountId, region } = clients;
  const role = `arn:aws:iam::${accountId}:role/demo-sagemaker-execution`;
  const key = `arn:aws:kms:${region}:${accountId}:alias/demo-sagemaker`;
  await sm.send(new CreateNotebookInstanceCommand({
    NotebookInstanceName: 'demo-notebook-open',
    InstanceType: 'ml.t3.medium',
    RoleArn: role,
    Tags: [{ Key: 'owner', Value: 'data-science' }],
  }));
  await sm.send(new CreateNotebookInstanceCommand({
    NotebookInstanceName: 'demo-notebook-private',
    InstanceType: 'ml.t3.medium',
    RoleArn: role,
    KmsKeyId: key,
    SubnetId: 'subnet-0d3m0a1b2c3d4e5f6',
    SecurityGroupIds: ['sg-0d3m0a1b2c3d4e5f6'],
    DirectInternetAccess: 'Disabled',
    RootAccess: 'Disabled',
  }));
  await sm.send(new CreateModelCommand({
    ModelName: 'demo-model-networked',
    ExecutionRoleArn: role,
    PrimaryContainer: { Image: `${accountId}.dkr.ecr.${region}.amazonaws.com/churn-model:1` },
  }));
  const variant = { VariantName: 'AllTraffic', ModelName: 'demo-model-networked', InitialInstanceCount: 1, InstanceType: 'ml.m5.large' as const };
  await sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'demo-endpoint-config-unencrypted', ProductionVariants: [variant] }));
  await sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'demo-endpoint-config-kms', ProductionVariants: [variant], KmsKeyId: key }));
  return {
    insecure: ['demo-notebook-open', 'demo-model-networked', 'demo-endpoint-config-unencrypted'],
    compliant: ['demo-notebook-private', 'demo-endpoint-config-kms'],
  };
}
