import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { ebsCollector, type EbsInventory, type EbsVolumeItem } from '../collect.js';

/** Attachment states in which the volume still belongs to the instance. */
const CURRENT = new Set(['attaching', 'attached', 'busy']);

export default defineCheck<EbsInventory, EbsVolumeItem>({
  meta: {
    id: 'ebs-volume-deleted-on-termination',
    service: 'ebs',
    title: 'Attached EBS volumes are deleted when their instance terminates',
    description:
      'Flags an attached volume whose DeleteOnTermination flag is off, so it outlives its instance as an orphaned, unreviewed copy of the data (ElectricEye "Is the Volume configured to be deleted on instance termination"). Unattached volumes are not applicable. A data volume kept on purpose beyond its instance is a legitimate exemption.',
    severity: 'LOW',
    resourceType: 'AwsEc2Volume',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Turn on DeleteOnTermination for the volume (aws ec2 modify-instance-attribute --instance-id <id> --block-device-mappings DeviceName=<device>,Ebs={DeleteOnTermination=true}), after making sure its data is backed up elsewhere if it must be kept.',
      url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/preserving-volumes-on-termination.html',
    },
    compliance: {},
  },
  collector: ebsCollector,
  select: (inventory) => inventory.volumes,
  evaluate(volume) {
    const current = volume.attachments.filter((a) => a.state === undefined || CURRENT.has(a.state));
    if (current.length === 0) return notApplicable('the volume is not attached');
    const kept = current.filter((a) => !need(a.deleteOnTermination, `DeleteOnTermination of ${volume.volumeId} on ${a.instanceId ?? 'its instance'}`));
    if (kept.length === 0) return pass('deleted with its instance');
    return fail(`volume ${volume.volumeId} survives the termination of ${kept.map((a) => a.instanceId ?? 'its instance').join(', ')}`, {
      attachments: kept.map((a) => ({ instance_id: a.instanceId ?? null, device: a.device ?? null, delete_on_termination: false })),
    });
  },
});
