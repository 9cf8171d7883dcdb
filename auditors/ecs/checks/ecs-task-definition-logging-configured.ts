import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { ecsCollector, whyJudged, type EcsInventory, type TaskDefinitionItem } from '../collect.js';

export default defineCheck<EcsInventory, TaskDefinitionItem>({
  meta: {
    id: 'ecs-task-definition-logging-configured',
    service: 'ecs',
    title: 'ECS task definitions configure logging for every container',
    description:
      'Flags a task definition with a container that has no logConfiguration (no log driver): its output is lost, or stays on the host, and cannot be investigated. Hammer reported these as "no log configuration". Any log driver passes (awslogs, awsfirelens, splunk, fluentd…); the driver is reported. Judges the latest active revision of each family and every revision an ECS service still runs.',
    severity: 'MEDIUM',
    resourceType: 'AwsEcsTaskDefinition',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Register a new revision that gives each listed container a logConfiguration, e.g. the awslogs driver with a CloudWatch Logs group, or awsfirelens; then update the services to the new revision.',
      url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html',
    },
    compliance: { fsbp: ['ECS.9'], nist: ['AU-2', 'AU-3', 'AU-12'] },
  },
  collector: ecsCollector,
  select: (inventory) => inventory.taskDefinitions,
  evaluate(item) {
    const definition = need(item.definition, 'the task definition');
    if (definition.containers.length === 0) return notApplicable('the task definition has no containers');
    const drivers = Object.fromEntries(definition.containers.map((c) => [c.name, c.logDriver ?? null]));
    const missing = definition.containers.filter((c) => !c.logDriver).map((c) => c.name);
    if (missing.length === 0) return pass('every container has a log driver', { logDrivers: drivers });
    return fail(`${item.ref.id} (${whyJudged(item)}) has no log configuration for container(s) ${missing.join(', ')}`, {
      containersWithoutLogging: missing,
      logDrivers: drivers,
      latestActive: item.latestActive,
      services: item.services,
    });
  },
});
