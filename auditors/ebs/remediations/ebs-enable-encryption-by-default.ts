/**
 * Fixes ebs-encryption-by-default-enabled: turns on EBS encryption by default
 * in the region. Rollback turns it off again, only if it was off before.
 */
import { defineRemediation, type PlannedCall } from '../../../src/core/remediation.js';
import check from '../checks/ebs-encryption-by-default-enabled.js';

/** What GetEbsEncryptionByDefault returns for the account in the region. */
export type EncryptionByDefaultSnapshot = { EbsEncryptionByDefault: boolean };

const ENABLE = 'ec2:EnableEbsEncryptionByDefault';
const DISABLE = 'ec2:DisableEbsEncryptionByDefault';

export default defineRemediation<EncryptionByDefaultSnapshot>({
  id: 'ebs-enable-encryption-by-default',
  checkId: check.meta.id,
  title: 'Turn on EBS encryption by default in the region',
  description:
    'Turns on EBS encryption by default for the account in the scanned region, so new volumes and snapshot copies are encrypted. The default KMS key, other regions and existing volumes and snapshots never change. Rollback turns the setting off again, only if it was off before the fix.',
  permissions: ['ec2:GetEbsEncryptionByDefault', ENABLE, DISABLE],
  async snapshot(ctx) {
    const { readEncryptionByDefault } = await import('./apply.js');
    return readEncryptionByDefault(ctx);
  },
  plan({ resource, snapshot }) {
    if (snapshot.EbsEncryptionByDefault) return { calls: [], left: [] };
    return { calls: [{ action: ENABLE, input: {}, description: `turn on EBS encryption by default in ${resource.region}` }], left: [] };
  },
  restore({ resource, backup, applied, current }): PlannedCall[] {
    if (!applied.some((call) => call.action === ENABLE) || backup.EbsEncryptionByDefault || !current.EbsEncryptionByDefault) return [];
    return [{ action: DISABLE, input: {}, description: `turn EBS encryption by default off again in ${resource.region}` }];
  },
  async perform(ctx, call) {
    const { performEncryptionByDefaultCall } = await import('./apply.js');
    await performEncryptionByDefaultCall(ctx, call);
  },
});
