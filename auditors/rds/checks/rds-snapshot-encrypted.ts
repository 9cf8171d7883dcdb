import { z } from 'zod';
import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { rdsCollector, type RdsInventory, type RdsSnapshotItem } from '../collect.js';
import { reported } from '../../../src/core/check.js';

const parameters = z
  .object({
    /** Automated snapshots copy their instance's encryption; leave them out to report only the snapshots people made. */
    includeAutomated: z.boolean().default(true),
  })
  .strict();

export default defineCheck<RdsInventory, RdsSnapshotItem, z.infer<typeof parameters>>({
  meta: {
    id: 'rds-snapshot-encrypted',
    service: 'rds',
    title: 'RDS DB snapshots and DB cluster snapshots are encrypted',
    description:
      'ElectricEye\'s "Are snapshots encrypted" row, extended to DB cluster snapshots: flags every snapshot the account owns, manual or automated, whose storage is not encrypted. An unencrypted snapshot restores to an unencrypted database and can be shared publicly. Set includeAutomated to false to judge only manual snapshots. DocumentDB and Neptune snapshots are not judged.',
    severity: 'MEDIUM',
    resourceType: 'AwsRdsDbSnapshot',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Copy the snapshot with encryption under a KMS key and delete the unencrypted original. Automated snapshots follow their instance or cluster: encrypt that (restore from an encrypted copy) and the next ones will be encrypted.',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html',
    },
    compliance: { fsbp: ['RDS.4'], nist: ['SC-13', 'SC-28'] },
  },
  collector: rdsCollector,
  parameters,
  select: (inventory) => inventory.snapshots,
  evaluate(snapshot, params) {
    const field = snapshot.kind === 'cluster' ? 'StorageEncrypted' : 'Encrypted';
    const label = snapshot.kind === 'cluster' ? 'DB cluster snapshot' : 'DB snapshot';
    if (!params.includeAutomated && snapshot.snapshotType === 'automated') return notApplicable('automated snapshots are not judged (includeAutomated is false)');
    const encrypted = reported(snapshot.encrypted, field, snapshot.identifier);
    const evidence = { [field]: encrypted, snapshotType: snapshot.snapshotType ?? null, source: snapshot.sourceId ?? null };
    if (encrypted) return pass(`the ${label} is encrypted`, { ...evidence, kmsKeyId: snapshot.kmsKeyId ?? null });
    return fail(`${label} ${snapshot.identifier} is not encrypted`, evidence);
  },
});
