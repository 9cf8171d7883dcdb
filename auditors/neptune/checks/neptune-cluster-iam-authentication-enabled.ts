import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { neptuneCollector, type NeptuneClusterItem, type NeptuneInventory } from '../collect.js';

export default defineCheck<NeptuneInventory, NeptuneClusterItem>({
  meta: {
    id: 'neptune-cluster-iam-authentication-enabled',
    service: 'neptune',
    title: 'Neptune DB clusters require IAM database authentication',
    description:
      'ElectricEye\'s "Is IAM database authentication enabled": with IAM database authentication on, every request to the cluster must be signed with AWS Signature Version 4 by an IAM identity allowed to connect, instead of reaching the endpoint with no credentials from anywhere in the network.',
    severity: 'MEDIUM',
    resourceType: 'AwsRdsDbCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Modify the cluster and turn on IAM database authentication, after granting the applications neptune-db:* (or narrower) permissions for the cluster and moving their clients to SigV4-signed requests.',
      url: 'https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth-enable.html',
    },
    compliance: { fsbp: ['Neptune.7'], nist: ['AC-2(1)', 'AC-3', 'AC-6'] },
  },
  collector: neptuneCollector,
  select: (inventory) => inventory.clusters,
  evaluate(cluster) {
    const enabled = reported(cluster.iamAuthentication, 'IAMDatabaseAuthenticationEnabled', cluster.identifier);
    if (!enabled) return fail(`Neptune cluster ${cluster.identifier} accepts requests without IAM authentication`, { IAMDatabaseAuthenticationEnabled: false });
    return pass('IAM database authentication is on', { IAMDatabaseAuthenticationEnabled: true });
  },
});
