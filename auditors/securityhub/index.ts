import type { Auditor } from '../../src/core/registry.js';
import { securityHubCollector } from './collect.js';
import noStaleFindings from './checks/securityhub-no-stale-high-severity-findings.js';

export const securityHubAuditor: Auditor = {
  service: 'securityhub',
  collector: securityHubCollector,
  checks: [noStaleFindings],
};
