import type { Auditor } from '../../src/core/registry.js';
import { backupCollector } from './collect.js';
import dynamoDbTableProtected from './checks/backup-dynamodb-table-protected.js';
import ebsVolumeProtected from './checks/backup-ebs-volume-protected.js';
import ec2InstanceProtected from './checks/backup-ec2-instance-protected.js';
import rdsInstanceProtected from './checks/backup-rds-instance-protected.js';

export const backupAuditor: Auditor = {
  service: 'backup',
  collector: backupCollector,
  checks: [ec2InstanceProtected, ebsVolumeProtected, dynamoDbTableProtected, rdsInstanceProtected],
};
