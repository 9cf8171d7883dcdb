import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { ebsCollector, type EbsInventory, type EbsSnapshotItem } from '../collect.js';

export default defineCheck<EbsInventory, EbsSnapshotItem>({
  meta: {
    id: 'ebs-snapshot-not-public',
    service: 'ebs',
    title: 'EBS snapshots are not public',
    description:
      'Flags a snapshot whose createVolumePermission includes the group "all": any AWS account can create a volume from it and read its data (Hammer ebs_public_snapshot, ElectricEye "Is the Snapshot public"). A snapshot shared with named accounts passes, and the evidence lists those accounts for review.',
    severity: 'CRITICAL',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Remove the public permission (aws ec2 modify-snapshot-attribute --snapshot-id <id> --attribute createVolumePermission --operation-type remove --group-names all), share with named accounts instead, and turn on block public access for EBS snapshots.',
      url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html',
    },
    compliance: { fsbp: ['EC2.1'], nist: ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7'] },
  },
  collector: ebsCollector,
  select: (inventory) => inventory.snapshots,
  evaluate(snapshot) {
    const permissions = need(snapshot.createVolumePermission, 'the snapshot createVolumePermission');
    const shared = { shared_with_accounts: permissions.accounts };
    if (permissions.public) return fail(`snapshot ${snapshot.snapshotId} grants createVolumePermission to everyone (group "all")`, { group: 'all', ...shared });
    if (permissions.accounts.length > 0) return pass(`not public; shared with ${permissions.accounts.length} account(s): ${permissions.accounts.join(', ')}`, shared);
    return pass('not shared', shared);
  },
});
