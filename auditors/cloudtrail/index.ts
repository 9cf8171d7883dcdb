import type { Auditor } from '../../src/core/registry.js';
import { cloudTrailCollector } from './collect.js';
import enabledInRegion from './checks/cloudtrail-enabled-in-region.js';
import deliversLogs from './checks/cloudtrail-trail-delivers-logs.js';
import encryptedWithKms from './checks/cloudtrail-trail-encrypted-with-kms.js';
import logFileValidation from './checks/cloudtrail-trail-log-file-validation-enabled.js';

export const cloudtrailAuditor: Auditor = {
  service: 'cloudtrail',
  collector: cloudTrailCollector,
  checks: [enabledInRegion, deliversLogs, logFileValidation, encryptedWithKms],
};
