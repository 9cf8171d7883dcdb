import { defineCheck, fail, MissingInputError, notApplicable, pass } from '../../../src/core/check.js';
import { ebsCollector, type EbsInventory, type EbsVolumeItem } from '../collect.js';

export default defineCheck<EbsInventory, EbsVolumeItem>({
  meta: {
    id: 'ebs-volume-attached',
    service: 'ebs',
    title: 'EBS volumes are attached to an instance',
    description:
      'Flags a volume in the available state, attached to no instance (ElectricEye "Is the Volume attached"). A forgotten volume still holds its data and costs money, and nobody patches, backs up or reviews what is on it. Volumes being created or deleted, or in error, are not judged.',
    severity: 'LOW',
    resourceType: 'AwsEc2Volume',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Attach the volume to the instance that needs it, or snapshot it (encrypted) when its data must be kept and delete the volume.',
      url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-deleting-volume.html',
    },
    compliance: {},
  },
  collector: ebsCollector,
  select: (inventory) => inventory.volumes,
  evaluate(volume) {
    const facts = {
      state: volume.state ?? null,
      size_gib: volume.sizeGiB ?? null,
      volume_type: volume.volumeType ?? null,
      created: volume.createTime ?? null,
      encrypted: volume.encrypted ?? null,
    };
    if (volume.state === 'in-use') return pass(`attached to ${volume.attachments.map((a) => a.instanceId ?? 'an instance').join(', ')}`);
    if (volume.state === 'available') return fail(`volume ${volume.volumeId} is attached to no instance`, facts);
    if (volume.state !== undefined) return notApplicable(`the volume is ${volume.state}`);
    if (volume.attachments.length > 0) return pass(`attached to ${volume.attachments.map((a) => a.instanceId ?? 'an instance').join(', ')}`);
    throw new MissingInputError('the volume state was not reported');
  },
});
