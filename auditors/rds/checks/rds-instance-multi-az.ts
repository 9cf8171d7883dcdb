import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { rdsCollector, type RdsInstanceItem, type RdsInventory } from '../collect.js';
import { clusterLevel } from '../reported.js';
import { reported } from '../../../src/core/check.js';

export default defineCheck<RdsInventory, RdsInstanceItem>({
  meta: {
    id: 'rds-instance-multi-az',
    service: 'rds',
    title: 'RDS DB instances run in a Multi-AZ deployment',
    description:
      'ElectricEye\'s "Is HA configured" row: a DB instance should keep a standby in a second Availability Zone, so a zone failure or maintenance does not take the database down. Instances in an Aurora or Multi-AZ DB cluster are not applicable: availability is set on the cluster (FSBP RDS.15). DocumentDB and Neptune instances, which the RDS API also returns, are not judged.',
    severity: 'MEDIUM',
    resourceType: 'AwsRdsDbInstance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Modify the DB instance and turn on Multi-AZ deployment. The conversion needs no downtime but adds I/O load while the standby is built, so schedule it off-peak.',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html',
    },
    compliance: { fsbp: ['RDS.5'], nist: ['CP-10', 'SC-36'] },
  },
  collector: rdsCollector,
  select: (inventory) => inventory.instances,
  evaluate(db) {
    const cluster = clusterLevel(db.clusterId, 'Multi-AZ', 'FSBP RDS.15');
    if (cluster) return notApplicable(cluster);
    const multiAz = reported(db.multiAz, 'MultiAZ', db.identifier);
    if (multiAz) return pass('the instance runs in a Multi-AZ deployment', { MultiAZ: true });
    return fail(`DB instance ${db.identifier} runs in a single Availability Zone`, { MultiAZ: false, engine: db.engine ?? 'unknown' });
  },
});
