import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { reported } from '../../../src/core/check.js';
import { redshiftCollector, type RedshiftClusterItem, type RedshiftInventory } from '../collect.js';

export default defineCheck<RedshiftInventory, RedshiftClusterItem>({
  meta: {
    id: 'redshift-cluster-encrypted',
    service: 'redshift',
    title: 'Redshift clusters are encrypted at rest',
    description:
      'Flags a provisioned Redshift cluster whose database is not encrypted at rest, as Hammer (Redshift unencrypted) and ElectricEye ("Is the cluster encrypted") did. Redshift has encrypted new clusters by default since early 2025, so this finds older clusters and clusters restored from unencrypted snapshots. Any KMS key (AWS managed or customer managed) or HSM encryption passes; the key is shown.',
    severity: 'MEDIUM',
    resourceType: 'AwsRedshiftCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Modify the cluster and turn on database encryption with an AWS KMS key (a customer managed key gives you control of the key policy and rotation). Redshift migrates the data to an encrypted cluster; plan for the cluster to be read-only while it does.',
      url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/changing-cluster-encryption.html',
    },
    compliance: { fsbp: ['Redshift.10'], nist: ['SC-13', 'SC-28'] },
  },
  collector: redshiftCollector,
  select: (inventory) => inventory.clusters,
  evaluate(cluster) {
    if (reported(cluster.encrypted, 'Encrypted')) {
      return pass(cluster.kmsKeyId ? `the cluster is encrypted with KMS key ${cluster.kmsKeyId}` : 'the cluster is encrypted', { kmsKeyId: cluster.kmsKeyId ?? null });
    }
    return fail(`Redshift cluster ${cluster.identifier} is not encrypted at rest`, { Encrypted: false });
  },
});
