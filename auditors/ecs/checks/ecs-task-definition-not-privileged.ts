import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { ecsCollector, whyJudged, type EcsInventory, type TaskDefinitionItem } from '../collect.js';

export default defineCheck<EcsInventory, TaskDefinitionItem>({
  meta: {
    id: 'ecs-task-definition-not-privileged',
    service: 'ecs',
    title: 'ECS task definitions do not run privileged containers',
    description:
      'Flags a task definition with a container whose privileged parameter is true: the container gets root on its host (every device, every capability), so a compromise of the container is a compromise of the EC2 container instance. Judges the latest active revision of each family and every revision an ECS service still runs, as Hammer\'s ECS privileged access issue did for the latest revision.',
    severity: 'HIGH',
    resourceType: 'AwsEcsTaskDefinition',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'TTPs/Privilege Escalation'],
    remediation: {
      text: 'Register a new revision with privileged set to false (or removed) for the listed containers, granting only the Linux capabilities the workload needs through linuxParameters.capabilities, then update the services to the new revision and deregister the old one.',
      url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security',
    },
    compliance: { fsbp: ['ECS.4'], nist: ['AC-6', 'AC-6(10)'] },
  },
  collector: ecsCollector,
  select: (inventory) => inventory.taskDefinitions,
  evaluate(item) {
    const definition = need(item.definition, 'the task definition');
    if (definition.containers.length === 0) return notApplicable('the task definition has no containers');
    const privileged = definition.containers.filter((c) => c.privileged === true).map((c) => c.name);
    if (privileged.length === 0) return pass('no container is privileged');
    return fail(`${item.ref.id} (${whyJudged(item)}) runs privileged container(s) ${privileged.join(', ')}`, {
      privilegedContainers: privileged,
      latestActive: item.latestActive,
      services: item.services,
    });
  },
});
