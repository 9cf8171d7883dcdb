import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { rdsCollector, type RdsInstanceItem, type RdsInventory } from '../collect.js';
import { clusterLevel } from '../reported.js';
import { reported } from '../../../src/core/check.js';

export default defineCheck<RdsInventory, RdsInstanceItem>({
  meta: {
    id: 'rds-instance-deletion-protection-enabled',
    service: 'rds',
    title: 'RDS DB instances have deletion protection enabled',
    description:
      'Flags a DB instance that can be deleted without first turning deletion protection off. Instances in an Aurora or Multi-AZ DB cluster are not applicable: deletion protection is a cluster setting there (FSBP RDS.7), and the instance always reports it off. DocumentDB and Neptune instances are not judged.',
    severity: 'LOW',
    resourceType: 'AwsRdsDbInstance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Destruction'],
    remediation: {
      text: 'Modify the DB instance and turn on deletion protection (applies immediately, no downtime).',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html',
    },
    compliance: { fsbp: ['RDS.8'], nist: ['CM-3', 'SC-5'] },
  },
  collector: rdsCollector,
  select: (inventory) => inventory.instances,
  evaluate(db) {
    const cluster = clusterLevel(db.clusterId, 'Deletion protection', 'FSBP RDS.7');
    if (cluster) return notApplicable(cluster);
    const protectedFromDeletion = reported(db.deletionProtection, 'DeletionProtection', db.identifier);
    if (protectedFromDeletion) return pass('deletion protection is on', { DeletionProtection: true });
    return fail(`DB instance ${db.identifier} has deletion protection off`, { DeletionProtection: false });
  },
});
