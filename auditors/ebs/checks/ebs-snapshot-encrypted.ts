import { defineCheck, fail, MissingInputError, pass } from '../../../src/core/check.js';
import { ebsCollector, type EbsInventory, type EbsSnapshotItem } from '../collect.js';

export default defineCheck<EbsInventory, EbsSnapshotItem>({
  meta: {
    id: 'ebs-snapshot-encrypted',
    service: 'ebs',
    title: 'EBS snapshots owned by the account are encrypted',
    description:
      'Flags a snapshot the account owns that is not encrypted (ElectricEye "Is the Snapshot encrypted"). Anyone it is shared with, or who can copy it, gets the data in clear, and volumes restored from it are unencrypted unless encryption by default is on.',
    severity: 'MEDIUM',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Copy the snapshot with encryption on (aws ec2 copy-snapshot --encrypted --kms-key-id <key>), move its users to the copy and delete the unencrypted snapshot. Turn on EBS encryption by default.',
      url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    },
    compliance: { nist: ['SC-13', 'SC-28'] },
  },
  collector: ebsCollector,
  select: (inventory) => inventory.snapshots,
  evaluate(snapshot) {
    if (snapshot.encrypted === undefined) throw new MissingInputError(`the encryption of ${snapshot.snapshotId} was not reported`);
    if (snapshot.encrypted) return pass('encrypted', { kms_key_id: snapshot.kmsKeyId ?? null });
    return fail(`snapshot ${snapshot.snapshotId} is not encrypted`, { encrypted: false, volume_id: snapshot.volumeId ?? null, started: snapshot.startTime ?? null });
  },
});
