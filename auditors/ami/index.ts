import type { Auditor } from '../../src/core/registry.js';
import { amiCollector } from './collect.js';
import amiEncrypted from './checks/ami-encrypted.js';
import amiNotPublic from './checks/ami-not-public.js';
import removePublicLaunchPermission from './remediations/ami-remove-public-launch-permission.js';

export const amiAuditor: Auditor = {
  service: 'ami',
  collector: amiCollector,
  checks: [amiNotPublic, amiEncrypted],
  remediations: [removePublicLaunchPermission],
};
