import type { Auditor } from '../../src/core/registry.js';
import { redshiftCollector } from './collect.js';
import auditLogging from './checks/redshift-cluster-audit-logging-enabled.js';
import encrypted from './checks/redshift-cluster-encrypted.js';
import enhancedVpcRouting from './checks/redshift-cluster-enhanced-vpc-routing.js';
import notPublic from './checks/redshift-cluster-not-publicly-accessible.js';
import disablePublicAccess from './remediations/redshift-disable-cluster-public-access.js';

export const redshiftAuditor: Auditor = {
  service: 'redshift',
  collector: redshiftCollector,
  checks: [notPublic, encrypted, enhancedVpcRouting, auditLogging],
  remediations: [disablePublicAccess],
};
