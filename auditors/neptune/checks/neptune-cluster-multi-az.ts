import { defineCheck } from '../../../src/core/check.js';
import { judgeZones } from '../../docdb/family.js';
import { neptuneCollector, type NeptuneClusterItem, type NeptuneInventory } from '../collect.js';

export default defineCheck<NeptuneInventory, NeptuneClusterItem>({
  meta: {
    id: 'neptune-cluster-multi-az',
    service: 'neptune',
    title: 'Neptune DB clusters run instances in more than one Availability Zone',
    description:
      'ElectricEye\'s "Is the Neptune cluster multi-AZ": a Neptune DB cluster should have at least two instances, in two different Availability Zones, so that a read replica in another zone is promoted when the primary or its zone fails; without one the cluster is down until the primary is re-created. Judged from the zones of the member instances; a cluster with no instances is not applicable.',
    severity: 'MEDIUM',
    resourceType: 'AwsRdsDbCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Add a read-replica instance to the cluster in an Availability Zone other than the primary\'s, with the same instance class as the primary, so that Neptune can fail over to it.',
      url: 'https://docs.aws.amazon.com/neptune/latest/userguide/feature-overview-db-clusters.html',
    },
    compliance: { fsbp: ['Neptune.9'], nist: ['CP-10', 'SC-36'] },
  },
  collector: neptuneCollector,
  select: (inventory) => inventory.clusters,
  evaluate(cluster, _params, inventory) {
    const zones = new Map(inventory.instances.map((i) => [i.identifier, i.availabilityZone]));
    return judgeZones('Neptune', cluster.identifier, cluster.memberIds, (id) => zones.get(id));
  },
});
