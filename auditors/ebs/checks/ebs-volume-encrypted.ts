import { z } from 'zod';
import { defineCheck, fail, MissingInputError, notApplicable, pass } from '../../../src/core/check.js';
import { ebsCollector, type EbsInventory, type EbsVolumeItem } from '../collect.js';

const parameters = z
  .object({
    /** FSBP EC2.3 judges attached volumes only; Hammer judged every volume. */
    includeUnattached: z.boolean().default(true),
  })
  .strict();

export default defineCheck<EbsInventory, EbsVolumeItem, z.infer<typeof parameters>>({
  meta: {
    id: 'ebs-volume-encrypted',
    service: 'ebs',
    title: 'EBS volumes are encrypted at rest',
    description:
      'Flags a volume that is not encrypted (Hammer ebs_unencrypted_volume, ElectricEye "Is the Volume encrypted"). Its data, and every snapshot taken of it, is stored unencrypted. Unattached volumes are judged too, as Hammer did; set includeUnattached to false to judge attached volumes only, as FSBP EC2.3 does.',
    severity: 'MEDIUM',
    resourceType: 'AwsEc2Volume',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'A volume cannot be encrypted in place: snapshot it, copy the snapshot with encryption on (a KMS key), create a volume from the copy and swap it in. Turn on EBS encryption by default so new volumes are encrypted.',
      url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    },
    compliance: { fsbp: ['EC2.3'], nist: ['SC-13', 'SC-28'] },
  },
  collector: ebsCollector,
  parameters,
  select: (inventory) => inventory.volumes,
  evaluate(volume, params) {
    if (!params.includeUnattached && volume.state === 'available') return notApplicable('unattached volumes are not judged (includeUnattached is false)');
    if (volume.encrypted === undefined) throw new MissingInputError(`the encryption of ${volume.volumeId} was not reported`);
    if (volume.encrypted) return pass('encrypted', { kms_key_id: volume.kmsKeyId ?? null });
    return fail(`volume ${volume.volumeId} is not encrypted`, {
      encrypted: false,
      state: volume.state ?? null,
      attached_to: volume.attachments.flatMap((a) => (a.instanceId ? [a.instanceId] : [])),
    });
  },
});
