import { defineCheck } from '../../../src/core/check.js';
import { docdbCollector, type DocDbClusterItem, type DocDbInventory } from '../collect.js';
import { judgeZones } from '../family.js';

export default defineCheck<DocDbInventory, DocDbClusterItem>({
  meta: {
    id: 'docdb-cluster-multi-az',
    service: 'docdb',
    title: 'DocumentDB clusters run instances in more than one Availability Zone',
    description:
      'ElectricEye\'s "Is the DocumentDB cluster multi-AZ": a cluster should have at least two instances, in two different Availability Zones, so that a replica in another zone is promoted when the primary or its zone fails. Judged from the zones of the member instances; a cluster with no instances is not applicable.',
    severity: 'MEDIUM',
    resourceType: 'AwsRdsDbCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Add a replica instance to the cluster in an Availability Zone other than the primary\'s (same instance class as the primary), so that DocumentDB can fail over to it.',
      url: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/replication.html',
    },
    compliance: { nist: ['CP-10', 'SC-36'] },
  },
  collector: docdbCollector,
  select: (inventory) => inventory.clusters,
  evaluate(cluster, _params, inventory) {
    const zones = new Map(inventory.instances.map((i) => [i.identifier, i.availabilityZone]));
    return judgeZones('DocumentDB', cluster.identifier, cluster.memberIds, (id) => zones.get(id));
  },
});
