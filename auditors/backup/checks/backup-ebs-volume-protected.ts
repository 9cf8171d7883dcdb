import { defineCheck } from '../../../src/core/check.js';
import { backupCollector, type BackupCandidate, type BackupInventory } from '../collect.js';
import { candidatesOf, judgeProtection } from '../coverage.js';
import { ASSIGNMENT_READING, PROTECTION_REMEDIATION_URL, protectionParameters, type ProtectionParameters } from '../params.js';

export default defineCheck<BackupInventory, BackupCandidate, ProtectionParameters>({
  meta: {
    id: 'backup-ebs-volume-protected',
    service: 'backup',
    title: 'EBS volumes are protected by AWS Backup',
    description: `ElectricEye's AWS Backup row for EBS: flags a volume that no backup plan assigns, that has no recent recovery point and that is not attached to a protected instance (an instance backup snapshots its volumes). ${ASSIGNMENT_READING}`,
    severity: 'LOW',
    resourceType: 'AwsEc2Volume',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Assign the volume, or the instance it is attached to, to a backup plan: by ARN, or with a tag that a tag-based assignment matches; make sure the EBS (or EC2) resource type is opted in for the region. A detached volume nobody needs can be deleted instead.',
      url: PROTECTION_REMEDIATION_URL,
    },
    compliance: { fsbp: ['EC2.28'], nist: ['CP-9', 'CP-10'] },
  },
  collector: backupCollector,
  parameters: protectionParameters,
  select: (inventory) => candidatesOf(inventory, 'ebsVolumes', 'the EBS volumes'),
  evaluate: (volume, params, inventory) => judgeProtection(volume, inventory, params.maxDaysSinceBackup, `volume ${volume.ref.id}`),
});
