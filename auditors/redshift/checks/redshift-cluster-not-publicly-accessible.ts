import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { reported } from '../../../src/core/check.js';
import { redshiftCollector, type RedshiftClusterItem, type RedshiftInventory } from '../collect.js';

export default defineCheck<RedshiftInventory, RedshiftClusterItem>({
  meta: {
    id: 'redshift-cluster-not-publicly-accessible',
    service: 'redshift',
    title: 'Redshift clusters are not publicly accessible',
    description:
      'Flags a provisioned Redshift cluster whose PubliclyAccessible setting is on, as Hammer (Redshift public) and ElectricEye ("Is the cluster publicly accessible") did: its endpoint then resolves to a public IP address and only its security groups stand between the database and the internet.',
    severity: 'CRITICAL',
    resourceType: 'AwsRedshiftCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Modify the cluster and set Publicly accessible to No. Reach the cluster from inside its VPC, through a VPN, AWS Direct Connect or a Redshift-managed VPC endpoint.',
      url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-console.html',
    },
    compliance: { fsbp: ['Redshift.1'], nist: ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7'] },
  },
  collector: redshiftCollector,
  select: (inventory) => inventory.clusters,
  evaluate(cluster) {
    if (!reported(cluster.publiclyAccessible, 'PubliclyAccessible')) return pass('the cluster is not publicly accessible');
    return fail(`Redshift cluster ${cluster.identifier} is publicly accessible`, {
      PubliclyAccessible: true,
      endpoint: cluster.endpoint?.address ?? null,
      port: cluster.endpoint?.port ?? null,
      elasticIp: cluster.elasticIp ?? null,
      vpcId: cluster.vpcId ?? null,
    });
  },
});
