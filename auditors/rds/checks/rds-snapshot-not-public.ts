import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { rdsCollector, type RdsInventory, type RdsSnapshotItem } from '../collect.js';

/** The restore attribute value that lets every AWS account copy or restore the snapshot. */
const PUBLIC = 'all';

export default defineCheck<RdsInventory, RdsSnapshotItem>({
  meta: {
    id: 'rds-snapshot-not-public',
    service: 'rds',
    title: 'RDS DB snapshots and DB cluster snapshots are not public',
    description:
      'Flags a manual DB snapshot or DB cluster snapshot whose restore attribute includes "all", so any AWS account can restore the data (Hammer rds_public_snapshot, ElectricEye\'s "Are snapshots public"). Snapshots shared with named accounts pass and the accounts are listed as evidence. Automated snapshots cannot be shared and are not judged; neither are DocumentDB and Neptune snapshots.',
    severity: 'CRITICAL',
    resourceType: 'AwsRdsDbSnapshot',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Remove "all" from the snapshot\'s restore attribute (ModifyDBSnapshotAttribute or ModifyDBClusterSnapshotAttribute with ValuesToRemove=all), and share with named accounts instead if they need it.',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html',
    },
    compliance: { fsbp: ['RDS.1'], nist: ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7'] },
  },
  collector: rdsCollector,
  select: (inventory) => inventory.snapshots.filter((s) => s.restoreAttribute !== undefined),
  evaluate(snapshot) {
    if (!snapshot.restoreAttribute) return notApplicable('only manual snapshots can be shared');
    const values = need(snapshot.restoreAttribute, `the restore attribute of ${snapshot.identifier}`);
    const accounts = values.filter((v) => v.toLowerCase() !== PUBLIC);
    const label = snapshot.kind === 'cluster' ? 'DB cluster snapshot' : 'DB snapshot';
    if (values.some((v) => v.toLowerCase() === PUBLIC)) {
      return fail(`${label} ${snapshot.identifier} can be restored by any AWS account`, { restore: values, sharedWithAccounts: accounts });
    }
    if (accounts.length > 0) return pass(`the ${label} is shared with ${accounts.length} named account(s) only`, { sharedWithAccounts: accounts });
    return pass(`the ${label} is not shared`, { sharedWithAccounts: [] });
  },
});
