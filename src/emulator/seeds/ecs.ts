/**
 * Demo seed for the ECS task definition checks: a privileged Docker Hub task
 * without logs, an older revision still run by a service that pulls from
 * Docker Hub, and compliant decoys from the account's own ECR.
 */
import { CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand, type ContainerDefinition, type LogConfiguration } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

async function register(ecs: ECSClient, family: string, containers: ContainerDefinition[], fargate = false): Promise<string> {
  const { taskDefinition } = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      containerDefinitions: containers,
      ...(fargate ? { requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512' } : {}),
      tags: [{ key: 'owner', value: 'rampart-demo' }],
    }),
  );
  if (!taskDefinition?.taskDefinitionArn) throw new Error(`the emulator did not return an ARN for ${family}`);
  return taskDefinition.taskDefinitionArn;
}

export async function seedEcs(clients: AwsClients): Promise<SeedResult> {
  const ecs = clients.get(ECSClient);
  const ecr = (repository: string): string => `${clients.accountId}.dkr.ecr.${clients.region}.amazonaws.com/${repository}`;
  const logs = (group: string): LogConfiguration => ({
    logDriver: 'awslogs',
    options: { 'awslogs-group': group, 'awslogs-region': clients.region, 'awslogs-stream-prefix': 'demo' },
  });

  const legacy = await register(ecs, 'demo-legacy-nginx', [{ name: 'nginx', image: 'nginx:latest', privileged: true, memory: 256, essential: true }]);
  // Revision 1 pulls from Docker Hub and stays in service; revision 2, the latest, is clean.
  const apiOld = await register(ecs, 'demo-api', [{ name: 'api', image: 'exampleorg/api:1.0', memory: 256, essential: true, logConfiguration: logs('/demo/api') }]);
  const apiNew = await register(ecs, 'demo-api', [{ name: 'api', image: ecr('demo-api:1.1'), memory: 256, essential: true, logConfiguration: logs('/demo/api') }]);
  await ecs.send(new CreateClusterCommand({ clusterName: 'demo' }));
  await ecs.send(new CreateServiceCommand({ cluster: 'demo', serviceName: 'api', taskDefinition: apiOld, desiredCount: 1 }));
  const web = await register(
    ecs,
    'demo-compliant-web',
    [
      { name: 'web', image: `${ecr('demo-web')}@sha256:${'a'.repeat(64)}`, essential: true, logConfiguration: logs('/demo/web') },
      { name: 'log-router', image: ecr('fluent-bit:stable'), essential: false, logConfiguration: logs('/demo/firelens') },
    ],
    true,
  );
  return { insecure: [legacy, apiOld], compliant: [apiNew, web] };
}
