import type { Auditor } from '../../src/core/registry.js';
import { rdsCollector } from './collect.js';
import multiAz from './checks/rds-instance-multi-az.js';
import notPubliclyAccessible from './checks/rds-instance-not-publicly-accessible.js';
import storageEncrypted from './checks/rds-instance-storage-encrypted.js';
import iamAuthentication from './checks/rds-instance-iam-authentication-enabled.js';
import domainJoined from './checks/rds-instance-domain-joined.js';
import performanceInsights from './checks/rds-instance-performance-insights-enabled.js';
import deletionProtection from './checks/rds-instance-deletion-protection-enabled.js';
import snapshotEncrypted from './checks/rds-snapshot-encrypted.js';
import snapshotNotPublic from './checks/rds-snapshot-not-public.js';
import removePublicRestore from './remediations/rds-snapshot-remove-public-restore.js';

export const rdsAuditor: Auditor = {
  service: 'rds',
  collector: rdsCollector,
  checks: [
    notPubliclyAccessible,
    snapshotNotPublic,
    storageEncrypted,
    snapshotEncrypted,
    multiAz,
    deletionProtection,
    iamAuthentication,
    domainJoined,
    performanceInsights,
  ],
  remediations: [removePublicRestore],
};
