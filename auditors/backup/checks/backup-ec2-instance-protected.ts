import { defineCheck } from '../../../src/core/check.js';
import { backupCollector, type BackupCandidate, type BackupInventory } from '../collect.js';
import { candidatesOf, judgeProtection } from '../coverage.js';
import { ASSIGNMENT_READING, PROTECTION_REMEDIATION_URL, protectionParameters, type ProtectionParameters } from '../params.js';

export default defineCheck<BackupInventory, BackupCandidate, ProtectionParameters>({
  meta: {
    id: 'backup-ec2-instance-protected',
    service: 'backup',
    title: 'EC2 instances are protected by AWS Backup',
    description: `ElectricEye's AWS Backup row for EC2: flags an instance (not terminated) that no backup plan assigns and that has no recent recovery point, so losing it (a deleted instance, a ransomware encryption) loses its data. ${ASSIGNMENT_READING}`,
    severity: 'MEDIUM',
    resourceType: 'AwsEc2Instance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Assign the instance to a backup plan: add it by ARN, or tag it to match a tag-based assignment (for example backup=daily), and make sure the EC2 resource type is opted in for the region. Check the first backup job completes.',
      url: PROTECTION_REMEDIATION_URL,
    },
    compliance: { nist: ['CP-9', 'CP-10'] },
  },
  collector: backupCollector,
  parameters: protectionParameters,
  select: (inventory) => candidatesOf(inventory, 'ec2Instances', 'the EC2 instances'),
  evaluate: (instance, params, inventory) => judgeProtection(instance, inventory, params.maxDaysSinceBackup, `instance ${instance.ref.id}`),
});
