import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { amiCollector, type AmiInventory, type AmiItem } from '../collect.js';

export default defineCheck<AmiInventory, AmiItem>({
  meta: {
    id: 'ami-encrypted',
    service: 'ami',
    title: 'AMIs owned by the account have encrypted EBS snapshots',
    description:
      'Flags an image the account owns with an EBS block device whose snapshot is not encrypted (ElectricEye "Are owned AMIs encrypted"). Every instance launched from it starts from unencrypted data unless encryption by default is on. Instance store-backed images, with no EBS snapshot, are not applicable.',
    severity: 'MEDIUM',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Copy the image with encryption on (aws ec2 copy-image --encrypted --kms-key-id <key>), move launch templates and users to the copy, then deregister the unencrypted image and delete its snapshots.',
      url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html',
    },
    compliance: { nist: ['SC-13', 'SC-28'] },
  },
  collector: amiCollector,
  select: (inventory) => inventory.images,
  evaluate(image) {
    if (image.ebsDevices.length === 0) return notApplicable('the image has no EBS snapshot');
    const unencrypted = image.ebsDevices.filter((d) => !need(d.encrypted, `the encryption of ${d.deviceName} (${d.snapshotId ?? 'no snapshot'})`));
    if (unencrypted.length === 0) return pass(`all ${image.ebsDevices.length} EBS device(s) are encrypted`);
    return fail(`image ${image.imageId} has ${unencrypted.length} unencrypted EBS device(s)`, {
      unencrypted_devices: unencrypted.map((d) => ({ device_name: d.deviceName, snapshot_id: d.snapshotId ?? null })),
    });
  },
});
