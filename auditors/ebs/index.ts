import type { Auditor } from '../../src/core/registry.js';
import { ebsCollector } from './collect.js';
import encryptionByDefault from './checks/ebs-encryption-by-default-enabled.js';
import snapshotEncrypted from './checks/ebs-snapshot-encrypted.js';
import snapshotNotPublic from './checks/ebs-snapshot-not-public.js';
import volumeAttached from './checks/ebs-volume-attached.js';
import deletedOnTermination from './checks/ebs-volume-deleted-on-termination.js';
import volumeEncrypted from './checks/ebs-volume-encrypted.js';
import enableEncryptionByDefault from './remediations/ebs-enable-encryption-by-default.js';
import removePublicPermission from './remediations/ebs-snapshot-remove-public-permission.js';

export const ebsAuditor: Auditor = {
  service: 'ebs',
  collector: ebsCollector,
  checks: [volumeAttached, deletedOnTermination, volumeEncrypted, snapshotEncrypted, snapshotNotPublic, encryptionByDefault],
  remediations: [removePublicPermission, enableEncryptionByDefault],
};
