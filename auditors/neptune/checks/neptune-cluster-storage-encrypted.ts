import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { neptuneCollector, type NeptuneClusterItem, type NeptuneInventory } from '../collect.js';

export default defineCheck<NeptuneInventory, NeptuneClusterItem>({
  meta: {
    id: 'neptune-cluster-storage-encrypted',
    service: 'neptune',
    title: 'Neptune DB clusters encrypt their storage at rest',
    description:
      'ElectricEye\'s "Is the Neptune cluster encrypted": the cluster storage, its automated backups, snapshots and replicas must be encrypted with a KMS key. The RDS checks never judge Neptune: this one does.',
    severity: 'MEDIUM',
    resourceType: 'AwsRdsDbCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Encryption can only be chosen when a cluster is created: take a snapshot, restore it to a new cluster with encryption on (a KMS key of your choice), move the clients to it, then delete the old cluster.',
      url: 'https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html',
    },
    compliance: { fsbp: ['Neptune.1'], nist: ['SC-13', 'SC-28', 'SC-28(1)'] },
  },
  collector: neptuneCollector,
  select: (inventory) => inventory.clusters,
  evaluate(cluster) {
    const encrypted = reported(cluster.storageEncrypted, 'StorageEncrypted', cluster.identifier);
    if (!encrypted) return fail(`Neptune cluster ${cluster.identifier} does not encrypt its storage`, { StorageEncrypted: false });
    return pass(`storage is encrypted${cluster.kmsKeyId ? ` with KMS key ${cluster.kmsKeyId}` : ''}`, { StorageEncrypted: true, KmsKeyId: cluster.kmsKeyId ?? null });
  },
});
