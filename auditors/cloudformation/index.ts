import type { Auditor } from '../../src/core/registry.js';
import { cloudFormationCollector } from './collect.js';
import driftCheckedInSync from './checks/cloudformation-stack-drift-checked-in-sync.js';
import notificationsConfigured from './checks/cloudformation-stack-notifications-configured.js';

export const cloudformationAuditor: Auditor = {
  service: 'cloudformation',
  collector: cloudFormationCollector,
  checks: [driftCheckedInSync, notificationsConfigured],
};
