import type { Auditor } from '../../src/core/registry.js';
import { guardDutyCollector } from './collect.js';
import guardDutyEnabled from './checks/guardduty-enabled.js';

export const guardDutyAuditor: Auditor = {
  service: 'guardduty',
  collector: guardDutyCollector,
  checks: [guardDutyEnabled],
};
