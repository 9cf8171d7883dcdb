import type { Auditor } from '../../src/core/registry.js';
import { docdbCollector } from './collect.js';
import deletionProtection from './checks/docdb-cluster-deletion-protection-enabled.js';
import multiAz from './checks/docdb-cluster-multi-az.js';
import storageEncrypted from './checks/docdb-cluster-storage-encrypted.js';
import notPubliclyAccessible from './checks/docdb-instance-not-publicly-accessible.js';

export const docdbAuditor: Auditor = {
  service: 'docdb',
  collector: docdbCollector,
  checks: [notPubliclyAccessible, storageEncrypted, multiAz, deletionProtection],
};
