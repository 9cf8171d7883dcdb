import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { reported } from '../../../src/core/check.js';
import { redshiftCollector, type RedshiftClusterItem, type RedshiftInventory } from '../collect.js';

export default defineCheck<RedshiftInventory, RedshiftClusterItem>({
  meta: {
    id: 'redshift-cluster-enhanced-vpc-routing',
    service: 'redshift',
    title: 'Redshift clusters use enhanced VPC routing',
    description:
      'Flags a provisioned Redshift cluster without enhanced VPC routing, as ElectricEye ("Is enhanced VPC routing enabled") did. Without it, COPY and UNLOAD traffic to S3 and other data sources leaves through the internet path instead of the VPC, out of reach of security groups, network ACLs, VPC endpoint policies and flow logs.',
    severity: 'MEDIUM',
    resourceType: 'AwsRedshiftCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Modify the cluster and turn on Enhanced VPC routing. Make sure the VPC can still reach S3 (a gateway endpoint or a NAT route) before you do, or COPY and UNLOAD will fail.',
      url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-enabling-cluster.html',
    },
    compliance: { fsbp: ['Redshift.7'], nist: ['AC-4', 'SC-7'] },
  },
  collector: redshiftCollector,
  select: (inventory) => inventory.clusters,
  evaluate(cluster) {
    if (reported(cluster.enhancedVpcRouting, 'EnhancedVpcRouting')) return pass('enhanced VPC routing is on');
    return fail(`Redshift cluster ${cluster.identifier} does not use enhanced VPC routing`, { EnhancedVpcRouting: false, vpcId: cluster.vpcId ?? null });
  },
});
