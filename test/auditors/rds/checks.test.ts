import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import type { RdsInventory } from '../../../auditors/rds/collect.js';
import { iamAuthVersionGap, isRdsEngine } from '../../../auditors/rds/engines.js';
import { rdsAuditor } from '../../../auditors/rds/index.js';
import multiAz from '../../../auditors/rds/checks/rds-instance-multi-az.js';
import notPublic from '../../../auditors/rds/checks/rds-instance-not-publicly-accessible.js';
import storageEncrypted from '../../../auditors/rds/checks/rds-instance-storage-encrypted.js';
import iamAuth from '../../../auditors/rds/checks/rds-instance-iam-authentication-enabled.js';
import domainJoined from '../../../auditors/rds/checks/rds-instance-domain-joined.js';
import performanceInsights from '../../../auditors/rds/checks/rds-instance-performance-insights-enabled.js';
import deletionProtection from '../../../auditors/rds/checks/rds-instance-deletion-protection-enabled.js';
import snapshotEncrypted from '../../../auditors/rds/checks/rds-snapshot-encrypted.js';
import snapshotNotPublic from '../../../auditors/rds/checks/rds-snapshot-not-public.js';
import { failed, instance, inventory, snapshot, task } from './fixtures.js';

function evaluate<Item extends { ref: ResourceRef }, Params>(
  check: Check<RdsInventory, Item, Params>,
  item: Item,
  params: Record<string, unknown> = {},
): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inventory());
}

const evidenceOf = (verdict: Verdict): Record<string, unknown> | undefined => (verdict.status === 'NOT_APPLICABLE' ? undefined : verdict.evidence);

describe('rds-instance-multi-az', () => {
  it('fails a single-AZ instance', () => {
    const verdict = evaluate(multiAz, instance('db', { multiAz: false }));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /db runs in a single Availability Zone/);
  });

  it('passes a Multi-AZ instance', () => {
    assert.equal(evaluate(multiAz, instance('db')).status, 'PASSED');
  });

  it('is not applicable to an Aurora member, whose availability is a cluster setting', () => {
    const verdict = evaluate(multiAz, instance('aurora-1', { engine: 'aurora-postgresql', clusterId: 'aurora', multiAz: false }));
    assert.equal(verdict.status, 'NOT_APPLICABLE');
    assert.match(verdict.summary ?? '', /DB cluster aurora is a cluster setting/);
  });

  it('an unreported MultiAZ is an error, not a verdict', () => {
    assert.throws(() => evaluate(multiAz, instance('db', { multiAz: undefined })), /the service did not report MultiAZ for db/);
  });
});

describe('rds-instance-not-publicly-accessible', () => {
  it('fails a public instance, naming its endpoint and security groups', () => {
    // prepare
    const item = instance('db', { publiclyAccessible: true, vpcSecurityGroupIds: ['sg-1', 'sg-2'] });

    // act
    const verdict = evaluate(notPublic, item);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(evidenceOf(verdict), {
      PubliclyAccessible: true,
      endpoint: 'db.abc.us-east-1.rds.amazonaws.com',
      port: 5432,
      vpcSecurityGroups: ['sg-1', 'sg-2'],
    });
  });

  it('passes a private instance', () => {
    assert.equal(evaluate(notPublic, instance('db')).status, 'PASSED');
  });

  it('judges Aurora members too (the setting is per instance), and an unreported setting is an error', () => {
    assert.equal(evaluate(notPublic, instance('a-1', { clusterId: 'a', engine: 'aurora-mysql', publiclyAccessible: true })).status, 'FAILED');
    assert.throws(() => evaluate(notPublic, instance('a-2', { clusterId: 'a', publiclyAccessible: undefined })), MissingInputError);
  });
});

describe('rds-instance-storage-encrypted', () => {
  it('fails unencrypted storage', () => {
    const verdict = evaluate(storageEncrypted, instance('db', { storageEncrypted: false, kmsKeyId: undefined }));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(evidenceOf(verdict), { StorageEncrypted: false });
  });

  it('passes encrypted storage, with its key', () => {
    const verdict = evaluate(storageEncrypted, instance('db'));
    assert.equal(verdict.status, 'PASSED');
    assert.equal(evidenceOf(verdict)?.kmsKeyId, 'arn:aws:kms:us-east-1:123456789012:key/k1');
  });

  it('an unreported StorageEncrypted is an error', () => {
    assert.throws(() => evaluate(storageEncrypted, instance('db', { storageEncrypted: undefined })), /StorageEncrypted/);
  });
});

describe('rds-instance-iam-authentication-enabled', () => {
  it('fails a MySQL instance without IAM authentication', () => {
    const verdict = evaluate(iamAuth, instance('db', { engine: 'mysql', engineVersion: '8.0.39', iamAuthentication: false }));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(evidenceOf(verdict), { IAMDatabaseAuthenticationEnabled: false, engine: 'mysql', engineVersion: '8.0.39' });
  });

  it('passes with IAM authentication, Aurora members included', () => {
    assert.equal(evaluate(iamAuth, instance('db')).status, 'PASSED');
    assert.equal(evaluate(iamAuth, instance('a-1', { engine: 'aurora-mysql', clusterId: 'a' })).status, 'PASSED');
  });

  it('is not applicable to engines that cannot use it, nor to MariaDB before 10.11', () => {
    assert.equal(evaluate(iamAuth, instance('ora', { engine: 'oracle-ee', iamAuthentication: false })).status, 'NOT_APPLICABLE');
    assert.equal(evaluate(iamAuth, instance('sql', { engine: 'sqlserver-se', iamAuthentication: false })).status, 'NOT_APPLICABLE');
    const old = evaluate(iamAuth, instance('maria', { engine: 'mariadb', engineVersion: '10.6.14', iamAuthentication: false }));
    assert.equal(old.status, 'NOT_APPLICABLE');
    assert.match(old.summary ?? '', /MariaDB 10.6.14 cannot use IAM database authentication/);
    assert.equal(evaluate(iamAuth, instance('maria', { engine: 'mariadb', engineVersion: '10.11.8', iamAuthentication: false })).status, 'FAILED');
  });

  it('narrowed engines leave the others out', () => {
    const verdict = evaluate(iamAuth, instance('db', { engine: 'mysql', iamAuthentication: false }), { engines: ['postgres'] });
    assert.equal(verdict.status, 'NOT_APPLICABLE');
  });

  it('an unreported engine is an error rather than not applicable', () => {
    assert.throws(() => evaluate(iamAuth, instance('db', { engine: undefined })), /the service did not report Engine for db/);
  });
});

describe('rds-instance-domain-joined', () => {
  it('fails a SQL Server instance outside any domain', () => {
    const verdict = evaluate(domainJoined, instance('sql', { engine: 'sqlserver-se', domainMemberships: [] }));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /sql \(sqlserver-se\) is not joined to a domain/);
  });

  it('fails a membership that failed', () => {
    const verdict = evaluate(domainJoined, instance('db', { domainMemberships: [{ domain: 'd-1', status: 'failed' }] }));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /is failed/);
  });

  it('passes a joined instance, and a join in progress', () => {
    assert.equal(evaluate(domainJoined, instance('db')).status, 'PASSED');
    assert.equal(evaluate(domainJoined, instance('db', { domainMemberships: [{ domain: 'd-1', status: 'pending-join' }] })).status, 'PASSED');
  });

  it('is not applicable to MariaDB, RDS Custom and cluster members', () => {
    assert.equal(evaluate(domainJoined, instance('m', { engine: 'mariadb', domainMemberships: [] })).status, 'NOT_APPLICABLE');
    assert.equal(evaluate(domainJoined, instance('c', { engine: 'custom-sqlserver-ee', domainMemberships: [] })).status, 'NOT_APPLICABLE');
    assert.equal(evaluate(domainJoined, instance('a-1', { engine: 'aurora-postgresql', clusterId: 'a', domainMemberships: [] })).status, 'NOT_APPLICABLE');
  });
});

describe('rds-instance-performance-insights-enabled', () => {
  it('fails with Performance Insights off', () => {
    const verdict = evaluate(performanceInsights, instance('db', { performanceInsights: false }));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(evidenceOf(verdict), { PerformanceInsightsEnabled: false, databaseInsightsMode: null });
  });

  it('passes with Performance Insights on, noting the Database Insights mode', () => {
    const verdict = evaluate(performanceInsights, instance('db', { databaseInsightsMode: 'advanced' }));
    assert.equal(verdict.status, 'PASSED');
    assert.equal(evidenceOf(verdict)?.databaseInsightsMode, 'advanced');
  });

  it('an unreported PerformanceInsightsEnabled (as from moto) is an ERROR with a clear message, never a pass or a failure', () => {
    // prepare
    const item = instance('quiet', { performanceInsights: undefined });

    // act
    const { results } = evaluateChecks(task([performanceInsights]), inventory([item]));

    // assert
    assert.equal(results.length, 1);
    assert.equal(results[0]?.status, 'ERROR');
    assert.match(results[0]?.summary ?? '', /the service did not report PerformanceInsightsEnabled for quiet/);
  });
});

describe('rds-instance-deletion-protection-enabled', () => {
  it('fails with deletion protection off', () => {
    const verdict = evaluate(deletionProtection, instance('db', { deletionProtection: false }));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(evidenceOf(verdict), { DeletionProtection: false });
  });

  it('passes with deletion protection on', () => {
    assert.equal(evaluate(deletionProtection, instance('db')).status, 'PASSED');
  });

  it('is not applicable to a cluster member, which always reports it off', () => {
    const verdict = evaluate(deletionProtection, instance('a-1', { engine: 'aurora-mysql', clusterId: 'a', deletionProtection: false }));
    assert.equal(verdict.status, 'NOT_APPLICABLE');
    assert.match(verdict.summary ?? '', /FSBP RDS.7/);
  });
});

describe('rds-snapshot-encrypted', () => {
  it('fails an unencrypted DB snapshot and an unencrypted cluster snapshot, each with its own field name', () => {
    const dbVerdict = evaluate(snapshotEncrypted, snapshot('s1', { encrypted: false }));
    const clusterVerdict = evaluate(snapshotEncrypted, snapshot('c1', { kind: 'cluster', encrypted: false, sourceId: 'aurora' }));
    assert.equal(dbVerdict.status, 'FAILED');
    assert.deepEqual(evidenceOf(dbVerdict), { Encrypted: false, snapshotType: 'manual', source: 'db1' });
    assert.equal(clusterVerdict.status, 'FAILED');
    assert.match(clusterVerdict.summary ?? '', /DB cluster snapshot c1 is not encrypted/);
    assert.deepEqual(evidenceOf(clusterVerdict), { StorageEncrypted: false, snapshotType: 'manual', source: 'aurora' });
  });

  it('passes an encrypted snapshot', () => {
    assert.equal(evaluate(snapshotEncrypted, snapshot('s1', { kmsKeyId: 'k' })).status, 'PASSED');
  });

  it('judges automated snapshots by default, and leaves them out when told', () => {
    const automated = snapshot('rds:db1-2024-01-01', { snapshotType: 'automated', encrypted: false, restoreAttribute: undefined });
    assert.equal(evaluate(snapshotEncrypted, automated).status, 'FAILED');
    assert.equal(evaluate(snapshotEncrypted, automated, { includeAutomated: false }).status, 'NOT_APPLICABLE');
  });

  it('rejects unknown parameters', () => {
    assert.throws(() => snapshotEncrypted.parameters?.parse({ includeAutomatic: false }));
  });
});

describe('rds-snapshot-not-public', () => {
  it('fails a snapshot restorable by all, listing the named accounts too', () => {
    // prepare
    const item = snapshot('s1', { restoreAttribute: fetched(['111122223333', 'all']) });

    // act
    const verdict = evaluate(snapshotNotPublic, item);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /DB snapshot s1 can be restored by any AWS account/);
    assert.deepEqual(evidenceOf(verdict), { restore: ['111122223333', 'all'], sharedWithAccounts: ['111122223333'] });
  });

  it('fails a public cluster snapshot', () => {
    const verdict = evaluate(snapshotNotPublic, snapshot('c1', { kind: 'cluster', restoreAttribute: fetched(['all']) }));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /DB cluster snapshot c1/);
  });

  it('passes a snapshot shared with named accounts, listing them as evidence', () => {
    const verdict = evaluate(snapshotNotPublic, snapshot('s1', { restoreAttribute: fetched(['111122223333', '444455556666']) }));
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(evidenceOf(verdict), { sharedWithAccounts: ['111122223333', '444455556666'] });
  });

  it('selects manual snapshots only, and an unreadable attribute is an error', () => {
    // prepare
    const automated = snapshot('auto', { snapshotType: 'automated', restoreAttribute: undefined });
    const refused = snapshot('refused', { restoreAttribute: failed() });

    // act
    const { results } = evaluateChecks(task([snapshotNotPublic]), inventory([], [automated, refused]));

    // assert
    assert.deepEqual(results.map((r) => [r.resource.id, r.status]), [['refused', 'ERROR']]);
    assert.match(results[0]?.summary ?? '', /the restore attribute of refused could not be read: AccessDenied/);
  });
});

describe('rds engines', () => {
  it('tells DocumentDB and Neptune from RDS', () => {
    assert.deepEqual(['docdb', 'neptune', 'DocDB', 'docdb-elastic', 'mysql', 'aurora-postgresql', 'sqlserver-ee'].map(isRdsEngine), [false, false, false, false, true, true, true]);
    assert.equal(isRdsEngine(undefined), true);
  });

  it('knows when MariaDB gained IAM authentication', () => {
    assert.equal(iamAuthVersionGap('mariadb', '10.11.0'), undefined);
    assert.equal(iamAuthVersionGap('mariadb', '11.4.3'), undefined);
    assert.match(iamAuthVersionGap('mariadb', '10.5.2') ?? '', /10.5.2/);
    assert.equal(iamAuthVersionGap('mariadb', undefined), undefined);
    assert.equal(iamAuthVersionGap('mysql', '5.6.1'), undefined);
  });
});

describe('rds auditor', () => {
  it('a compliant instance and snapshot pass every check', () => {
    const { results } = evaluateChecks(task(rdsAuditor.checks), inventory([instance('good')], [snapshot('good-snap')]));
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => r.checkId), []);
    assert.equal(results.length, 9);
  });
});
