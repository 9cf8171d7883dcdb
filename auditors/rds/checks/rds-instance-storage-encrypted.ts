import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { rdsCollector, type RdsInstanceItem, type RdsInventory } from '../collect.js';
import { reported } from '../../../src/core/check.js';

export default defineCheck<RdsInventory, RdsInstanceItem>({
  meta: {
    id: 'rds-instance-storage-encrypted',
    service: 'rds',
    title: 'RDS DB instances encrypt their storage at rest',
    description:
      'Flags a DB instance whose storage is not encrypted with KMS, as Hammer rds_encryption and ElectricEye\'s "Is DB storage encrypted" did. The setting also covers the instance\'s automated backups, read replicas and snapshots. Aurora members report their cluster\'s setting. DocumentDB and Neptune instances are not judged.',
    severity: 'MEDIUM',
    resourceType: 'AwsRdsDbInstance',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
      'Effects/Data Exposure',
    ],
    remediation: {
      text: 'Encryption cannot be turned on in place: take a snapshot, copy it with encryption under a KMS key, restore a new instance from the encrypted copy, move clients to it, then delete the unencrypted instance and its snapshots.',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
    },
    compliance: { fsbp: ['RDS.3'], cis: ['2.3.1'], nist: ['SC-13', 'SC-28'] },
  },
  collector: rdsCollector,
  select: (inventory) => inventory.instances,
  evaluate(db) {
    const encrypted = reported(db.storageEncrypted, 'StorageEncrypted', db.identifier);
    if (encrypted) return pass('the instance storage is encrypted', { StorageEncrypted: true, kmsKeyId: db.kmsKeyId ?? null });
    return fail(`the storage of DB instance ${db.identifier} is not encrypted`, { StorageEncrypted: false });
  },
});
