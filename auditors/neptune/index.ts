import type { Auditor } from '../../src/core/registry.js';
import { neptuneCollector } from './collect.js';
import iamAuthentication from './checks/neptune-cluster-iam-authentication-enabled.js';
import multiAz from './checks/neptune-cluster-multi-az.js';
import storageEncrypted from './checks/neptune-cluster-storage-encrypted.js';

export const neptuneAuditor: Auditor = {
  service: 'neptune',
  collector: neptuneCollector,
  checks: [storageEncrypted, iamAuthentication, multiAz],
};
