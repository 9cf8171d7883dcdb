import { defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { clusterKind, mskCollector, type MskClusterItem, type MskInventory } from '../collect.js';

export default defineCheck<MskInventory, MskClusterItem>({
  meta: {
    id: 'msk-cluster-encrypted-between-brokers',
    service: 'msk',
    title: 'MSK clusters encrypt traffic between brokers',
    description:
      'ElectricEye\'s "Is inter-cluster encryption in transit enabled": a provisioned MSK cluster must encrypt the replication traffic between its brokers with TLS (EncryptionInTransit.InCluster), which carries every message. Serverless clusters always do and are not applicable.',
    severity: 'MEDIUM',
    resourceType: 'AwsMskCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Encryption between brokers is chosen when a cluster is created and cannot be changed: create a new cluster with in-cluster encryption on (the default), move producers and consumers to it (for example with MirrorMaker 2), then delete the old cluster.',
      url: 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html',
    },
    compliance: { fsbp: ['MSK.1'], nist: ['SC-8', 'SC-8(1)', 'SC-13', 'SC-23'] },
  },
  collector: mskCollector,
  select: (inventory) => inventory.clusters,
  evaluate(item) {
    if (clusterKind(item) === 'SERVERLESS') return notApplicable(`MSK Serverless cluster ${item.name} always encrypts traffic with TLS`);
    const provisioned = reported(item.cluster.Provisioned, 'Provisioned', item.name);
    const inCluster = reported(provisioned.EncryptionInfo?.EncryptionInTransit?.InCluster, 'EncryptionInfo.EncryptionInTransit.InCluster', item.name);
    if (!inCluster) return fail(`MSK cluster ${item.name} sends data between its brokers in plaintext`, { InCluster: false });
    return pass('traffic between brokers is encrypted with TLS', { InCluster: true });
  },
});
