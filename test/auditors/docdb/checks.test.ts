import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { Verdict } from '../../../src/core/check.js';
import type { DocDbClusterItem, DocDbInstanceItem, DocDbInventory } from '../../../auditors/docdb/collect.js';
import { isDocDbEngine } from '../../../auditors/docdb/fetch.js';
import deletionProtection from '../../../auditors/docdb/checks/docdb-cluster-deletion-protection-enabled.js';
import multiAz from '../../../auditors/docdb/checks/docdb-cluster-multi-az.js';
import storageEncrypted from '../../../auditors/docdb/checks/docdb-cluster-storage-encrypted.js';
import notPubliclyAccessible from '../../../auditors/docdb/checks/docdb-instance-not-publicly-accessible.js';
import { cluster, instance, inventory } from './fixtures.js';

const judgeCluster = (check: typeof storageEncrypted, item: DocDbClusterItem, inv: DocDbInventory = inventory([item])): Verdict => check.evaluate(item, {}, inv);
const judgeInstance = (item: DocDbInstanceItem): Verdict => notPubliclyAccessible.evaluate(item, {}, inventory([], [item]));

describe('docdb-instance-not-publicly-accessible', () => {
  it('fails an instance that reports PubliclyAccessible', () => {
    const verdict = judgeInstance(instance('docs-1', 'docs', 'us-east-1a', { publiclyAccessible: true }));
    assert.deepEqual(verdict, { status: 'FAILED', summary: 'DocumentDB instance docs-1 is publicly accessible', evidence: { PubliclyAccessible: true, cluster: 'docs' } });
  });

  it('passes a private instance', () => {
    assert.equal(judgeInstance(instance('docs-1', 'docs', 'us-east-1a')).status, 'PASSED');
  });

  it('an instance whose PubliclyAccessible is not reported is an error, never a pass (edge)', () => {
    assert.throws(() => judgeInstance(instance('docs-1', 'docs', 'us-east-1a', { publiclyAccessible: undefined })), /did not report PubliclyAccessible for docs-1/);
  });
});

describe('docdb-cluster-storage-encrypted', () => {
  it('fails an unencrypted cluster', () => {
    const verdict = judgeCluster(storageEncrypted, cluster('docs', ['docs-1'], { storageEncrypted: false, kmsKeyId: undefined }));
    assert.deepEqual(verdict, { status: 'FAILED', summary: 'DocumentDB cluster docs does not encrypt its storage', evidence: { StorageEncrypted: false } });
  });

  it('passes an encrypted cluster, naming the key', () => {
    const verdict = judgeCluster(storageEncrypted, cluster('docs', ['docs-1']));
    assert.equal(verdict.summary, 'storage is encrypted with KMS key arn:aws:kms:us-east-1:123456789012:key/k1');
  });

  it('an unreported StorageEncrypted is an error (edge)', () => {
    assert.throws(() => judgeCluster(storageEncrypted, cluster('docs', [], { storageEncrypted: undefined })), /did not report StorageEncrypted for docs/);
  });
});

describe('docdb-cluster-multi-az', () => {
  it('fails a cluster whose instances all run in one zone, naming it', () => {
    // prepare
    const item = cluster('docs', ['docs-1', 'docs-2']);
    const inv = inventory([item], [instance('docs-1', 'docs', 'us-east-1a'), instance('docs-2', 'docs', 'us-east-1a')]);

    // act
    const verdict = judgeCluster(multiAz, item, inv);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.summary, 'DocumentDB cluster docs cannot fail over to another Availability Zone: all 2 of its instances run in us-east-1a');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { availabilityZones: { 'us-east-1a': ['docs-1', 'docs-2'] }, instanceCount: 2 });
  });

  it('fails a single-instance cluster', () => {
    const item = cluster('docs', ['docs-1']);
    const verdict = judgeCluster(multiAz, item, inventory([item], [instance('docs-1', 'docs', 'us-east-1b')]));
    assert.match(verdict.summary ?? '', /its only instance runs in us-east-1b$/);
  });

  it('passes instances in two zones, even when a third member\'s zone is unknown (edge)', () => {
    const item = cluster('docs', ['docs-1', 'docs-2', 'docs-3']);
    const inv = inventory([item], [instance('docs-1', 'docs', 'us-east-1a'), instance('docs-2', 'docs', 'us-east-1c'), instance('docs-3', 'docs', undefined)]);
    const verdict = judgeCluster(multiAz, item, inv);
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(verdict.status === 'PASSED' && verdict.evidence, { availabilityZones: { 'us-east-1a': ['docs-1'], 'us-east-1c': ['docs-2'] }, instanceCount: 3 });
  });

  it('a member whose zone is unknown, beside one known zone, is an error, not a failure (edge)', () => {
    const item = cluster('docs', ['docs-1', 'docs-2']);
    const inv = inventory([item], [instance('docs-1', 'docs', 'us-east-1a')]);
    assert.throws(() => judgeCluster(multiAz, item, inv), /Availability Zone of instance\(s\) docs-2 of cluster docs was not reported/);
  });

  it('a cluster without instances is not applicable (edge)', () => {
    assert.deepEqual(judgeCluster(multiAz, cluster('empty', [])), { status: 'NOT_APPLICABLE', summary: 'DocumentDB cluster empty has no instances' });
  });
});

describe('docdb-cluster-deletion-protection-enabled', () => {
  it('fails a cluster without deletion protection', () => {
    assert.deepEqual(judgeCluster(deletionProtection, cluster('docs', [], { deletionProtection: false })), {
      status: 'FAILED',
      summary: 'DocumentDB cluster docs has deletion protection off',
      evidence: { DeletionProtection: false },
    });
  });

  it('passes a protected cluster', () => {
    assert.equal(judgeCluster(deletionProtection, cluster('docs', [])).status, 'PASSED');
  });

  it('an unreported DeletionProtection is an error (edge)', () => {
    assert.throws(() => judgeCluster(deletionProtection, cluster('docs', [], { deletionProtection: undefined })), /did not report DeletionProtection/);
  });
});

describe('docdb engines', () => {
  it('keeps DocumentDB (and an unreported engine, which the engine filter asked for) and nothing else of the RDS family', () => {
    assert.deepEqual(['docdb', undefined, 'neptune', 'aurora-postgresql', 'docdb-elastic'].map(isDocDbEngine), [true, true, false, false, false]);
  });
});
