import type { Auditor } from '../../src/core/registry.js';
import { ecsCollector } from './collect.js';
import notPrivileged from './checks/ecs-task-definition-not-privileged.js';
import loggingConfigured from './checks/ecs-task-definition-logging-configured.js';
import trustedRegistries from './checks/ecs-task-definition-images-from-trusted-registries.js';

export const ecsAuditor: Auditor = {
  service: 'ecs',
  collector: ecsCollector,
  checks: [notPrivileged, loggingConfigured, trustedRegistries],
};
