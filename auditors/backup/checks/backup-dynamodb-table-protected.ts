import { defineCheck } from '../../../src/core/check.js';
import { backupCollector, type BackupCandidate, type BackupInventory } from '../collect.js';
import { candidatesOf, judgeProtection } from '../coverage.js';
import { ASSIGNMENT_READING, PROTECTION_REMEDIATION_URL, protectionParameters, type ProtectionParameters } from '../params.js';

export default defineCheck<BackupInventory, BackupCandidate, ProtectionParameters>({
  meta: {
    id: 'backup-dynamodb-table-protected',
    service: 'backup',
    title: 'DynamoDB tables are protected by AWS Backup',
    description: `ElectricEye's AWS Backup row for DynamoDB: flags a table that no backup plan assigns and that has no recent recovery point. Point-in-time recovery is not counted: it keeps at most 35 days, in the table's own account and region. ${ASSIGNMENT_READING}`,
    severity: 'MEDIUM',
    resourceType: 'AwsDynamoDbTable',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Assign the table to a backup plan: by ARN, or with a tag that a tag-based assignment matches, and make sure the DynamoDB resource type is opted in for the region. Copy recovery points to another account or region for tables you cannot lose.',
      url: PROTECTION_REMEDIATION_URL,
    },
    compliance: { fsbp: ['DynamoDB.4'], nist: ['CP-9', 'CP-10'] },
  },
  collector: backupCollector,
  parameters: protectionParameters,
  select: (inventory) => candidatesOf(inventory, 'dynamoDbTables', 'the DynamoDB tables'),
  evaluate: (table, params, inventory) => judgeProtection(table, inventory, params.maxDaysSinceBackup, `table ${table.ref.id}`),
});
