import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { Verdict } from '../../../src/core/check.js';
import type { NeptuneClusterItem, NeptuneInventory } from '../../../auditors/neptune/collect.js';
import { isNeptuneEngine } from '../../../auditors/neptune/fetch.js';
import iamAuthentication from '../../../auditors/neptune/checks/neptune-cluster-iam-authentication-enabled.js';
import multiAz from '../../../auditors/neptune/checks/neptune-cluster-multi-az.js';
import storageEncrypted from '../../../auditors/neptune/checks/neptune-cluster-storage-encrypted.js';
import { cluster, inventory, placed } from './fixtures.js';

const judge = (check: typeof storageEncrypted, item: NeptuneClusterItem, inv: NeptuneInventory = inventory([item])): Verdict => check.evaluate(item, {}, inv);

describe('neptune-cluster-multi-az', () => {
  it('fails a cluster whose only instance runs in one zone', () => {
    // prepare
    const item = cluster('graph', ['graph-1']);

    // act
    const verdict = judge(multiAz, item, inventory([item], [placed('graph-1', 'graph', 'us-east-1a')]));

    // assert
    assert.deepEqual(verdict, {
      status: 'FAILED',
      summary: 'Neptune cluster graph cannot fail over to another Availability Zone: its only instance runs in us-east-1a',
      evidence: { availabilityZones: { 'us-east-1a': ['graph-1'] }, instanceCount: 1 },
    });
  });

  it('passes a primary and a replica in two zones', () => {
    const item = cluster('graph', ['graph-1', 'graph-2']);
    const verdict = judge(multiAz, item, inventory([item], [placed('graph-1', 'graph', 'us-east-1a'), placed('graph-2', 'graph', 'us-east-1b')]));
    assert.equal(verdict.summary, 'the cluster\'s 2 instances run in 2 Availability Zones (us-east-1a, us-east-1b)');
  });

  it('fails two instances in the same zone, although the cluster reports MultiAZ (edge)', () => {
    const item = cluster('graph', ['graph-1', 'graph-2'], { multiAz: true });
    const verdict = judge(multiAz, item, inventory([item], [placed('graph-1', 'graph', 'us-east-1a'), placed('graph-2', 'graph', 'us-east-1a')]));
    assert.equal(verdict.status, 'FAILED');
  });

  it('an instance missing from the listing, with no second zone known, is an error (edge)', () => {
    const item = cluster('graph', ['graph-1', 'graph-2']);
    assert.throws(() => judge(multiAz, item, inventory([item], [placed('graph-1', 'graph', 'us-east-1a')])), /graph-2 of cluster graph was not reported/);
  });
});

describe('neptune-cluster-storage-encrypted', () => {
  it('fails an unencrypted cluster', () => {
    assert.deepEqual(judge(storageEncrypted, cluster('graph', [], { storageEncrypted: false, kmsKeyId: undefined })), {
      status: 'FAILED',
      summary: 'Neptune cluster graph does not encrypt its storage',
      evidence: { StorageEncrypted: false },
    });
  });

  it('passes an encrypted cluster', () => {
    assert.equal(judge(storageEncrypted, cluster('graph', [])).status, 'PASSED');
  });

  it('an unreported StorageEncrypted is an error (edge)', () => {
    assert.throws(() => judge(storageEncrypted, cluster('graph', [], { storageEncrypted: undefined })), /did not report StorageEncrypted for graph/);
  });
});

describe('neptune-cluster-iam-authentication-enabled', () => {
  it('fails a cluster without IAM database authentication', () => {
    assert.deepEqual(judge(iamAuthentication, cluster('graph', [], { iamAuthentication: false })), {
      status: 'FAILED',
      summary: 'Neptune cluster graph accepts requests without IAM authentication',
      evidence: { IAMDatabaseAuthenticationEnabled: false },
    });
  });

  it('passes a cluster with IAM database authentication', () => {
    assert.equal(judge(iamAuthentication, cluster('graph', [])).status, 'PASSED');
  });

  it('an unreported IAMDatabaseAuthenticationEnabled is an error, never a pass (edge)', () => {
    assert.throws(() => judge(iamAuthentication, cluster('graph', [], { iamAuthentication: undefined })), /did not report IAMDatabaseAuthenticationEnabled/);
  });
});

describe('neptune engines', () => {
  it('keeps Neptune (and an unreported engine, which the engine filter asked for) and nothing else of the RDS family', () => {
    assert.deepEqual(['neptune', undefined, 'docdb', 'aurora-mysql'].map(isNeptuneEngine), [true, true, false, false]);
  });
});
