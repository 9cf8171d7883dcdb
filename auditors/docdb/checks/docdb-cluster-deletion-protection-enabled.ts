import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { docdbCollector, type DocDbClusterItem, type DocDbInventory } from '../collect.js';

export default defineCheck<DocDbInventory, DocDbClusterItem>({
  meta: {
    id: 'docdb-cluster-deletion-protection-enabled',
    service: 'docdb',
    title: 'DocumentDB clusters have deletion protection enabled',
    description:
      'ElectricEye\'s "Is deletion protection enabled": a DocumentDB cluster must refuse to be deleted until deletion protection is turned off first, which guards against an accidental or unauthorised deletion of the database.',
    severity: 'MEDIUM',
    resourceType: 'AwsRdsDbCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Destruction'],
    remediation: {
      text: 'Modify the cluster and turn on deletion protection (applies immediately, no downtime).',
      url: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/db-cluster-delete.html',
    },
    compliance: { fsbp: ['DocumentDB.5'], nist: ['CM-3', 'SC-5(2)'] },
  },
  collector: docdbCollector,
  select: (inventory) => inventory.clusters,
  evaluate(cluster) {
    const protectedFromDeletion = reported(cluster.deletionProtection, 'DeletionProtection', cluster.identifier);
    if (!protectedFromDeletion) return fail(`DocumentDB cluster ${cluster.identifier} has deletion protection off`, { DeletionProtection: false });
    return pass('deletion protection is on', { DeletionProtection: true });
  },
});
