import { defineCheck } from '../../../src/core/check.js';
import { backupCollector, type BackupCandidate, type BackupInventory } from '../collect.js';
import { candidatesOf, judgeProtection } from '../coverage.js';
import { ASSIGNMENT_READING, PROTECTION_REMEDIATION_URL, protectionParameters, type ProtectionParameters } from '../params.js';

export default defineCheck<BackupInventory, BackupCandidate, ProtectionParameters>({
  meta: {
    id: 'backup-rds-instance-protected',
    service: 'backup',
    title: 'RDS DB instances are protected by AWS Backup',
    description: `ElectricEye's AWS Backup row for RDS, as FSBP RDS.26: flags a DB instance that no backup plan assigns and that has no recent recovery point; RDS automated backups are deleted with the instance. Instances of a DB cluster (protected as a cluster), DocumentDB and Neptune are left out. ${ASSIGNMENT_READING}`,
    severity: 'MEDIUM',
    resourceType: 'AwsRdsDbInstance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Assign the DB instance to a backup plan: by ARN, or with a tag that a tag-based assignment matches, and make sure the RDS resource type is opted in for the region. Check the first backup job completes.',
      url: PROTECTION_REMEDIATION_URL,
    },
    compliance: { fsbp: ['RDS.26'], nist: ['CP-9', 'CP-10'] },
  },
  collector: backupCollector,
  parameters: protectionParameters,
  select: (inventory) => candidatesOf(inventory, 'rdsInstances', 'the RDS DB instances'),
  evaluate: (db, params, inventory) => judgeProtection(db, inventory, params.maxDaysSinceBackup, `DB instance ${db.ref.id}`),
});
