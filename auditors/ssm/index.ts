import type { Auditor } from '../../src/core/registry.js';
import { ssmCollector } from './collect.js';
import managed from './checks/ssm-instance-managed.js';
import associationSucceeded from './checks/ssm-instance-association-succeeded.js';
import agentUpToDate from './checks/ssm-instance-agent-up-to-date.js';
import patchCompliant from './checks/ssm-instance-patch-compliant.js';

export const ssmAuditor: Auditor = {
  service: 'ssm',
  collector: ssmCollector,
  checks: [managed, associationSucceeded, agentUpToDate, patchCompliant],
};
