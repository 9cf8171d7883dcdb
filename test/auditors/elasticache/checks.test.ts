import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import type { ElastiCacheInventory, ElastiCacheItem } from '../../../auditors/elasticache/collect.js';
import { elasticacheAuditor } from '../../../auditors/elasticache/index.js';
import authentication from '../../../auditors/elasticache/checks/elasticache-cache-authentication-enabled.js';
import atRest from '../../../auditors/elasticache/checks/elasticache-cache-encrypted-at-rest.js';
import inTransit from '../../../auditors/elasticache/checks/elasticache-cache-encrypted-in-transit.js';
import { cluster, group, inventory, task } from './fixtures.js';

function evaluate(check: Check<ElastiCacheInventory, ElastiCacheItem, unknown>, item: ElastiCacheItem): Verdict {
  return check.evaluate(item, {}, inventory(item));
}

describe('elasticache-cache-authentication-enabled', () => {
  it('fails a replication group with neither an AUTH token nor a user group', () => {
    // prepare
    const item = group('sessions', { authTokenEnabled: false });

    // act
    const verdict = evaluate(authentication, item);

    // assert
    assert.deepEqual(verdict, {
      status: 'FAILED',
      summary: 'replication group sessions accepts commands without authentication: no AUTH token and no RBAC user group',
      evidence: { authTokenEnabled: false, userGroupIds: [] },
    });
  });

  it('passes an AUTH token, and an RBAC user group without one', () => {
    assert.equal(evaluate(authentication, group('a')).summary, 'an AUTH token is required');
    assert.equal(evaluate(authentication, group('b', { authTokenEnabled: false, userGroupIds: ['app-users'] })).summary, 'RBAC user group(s) app-users control access');
  });

  it('Memcached is not applicable; a Redis cluster outside a group without AUTH fails; an unreported flag is an error (edge)', () => {
    assert.equal(evaluate(authentication, cluster('mc')).status, 'NOT_APPLICABLE');
    assert.equal(evaluate(authentication, cluster('single', { engine: 'redis', authTokenEnabled: false })).status, 'FAILED');
    assert.throws(() => evaluate(authentication, group('g', { authTokenEnabled: undefined })), MissingInputError);
  });
});

describe('elasticache-cache-encrypted-at-rest', () => {
  it('fails an unencrypted replication group', () => {
    const verdict = evaluate(atRest, group('g', { atRestEncryptionEnabled: false }));
    assert.deepEqual([verdict.status, verdict.summary], ['FAILED', 'replication group g is not encrypted at rest']);
  });

  it('passes an encrypted one', () => {
    assert.equal(evaluate(atRest, group('g')).status, 'PASSED');
  });

  it('a Redis cluster outside a group fails and says why; Memcached is not applicable (edge)', () => {
    const single = evaluate(atRest, cluster('single', { engine: 'redis', atRestEncryptionEnabled: false }));
    assert.equal(single.summary, 'cache cluster single is not encrypted at rest (a cluster outside a replication group cannot be)');
    assert.equal(evaluate(atRest, cluster('mc')).status, 'NOT_APPLICABLE');
    assert.throws(() => evaluate(atRest, cluster('single', { engine: 'redis' })), /did not report AtRestEncryptionEnabled for cache cluster single/);
  });
});

describe('elasticache-cache-encrypted-in-transit', () => {
  it('fails a group without in-transit encryption', () => {
    const verdict = evaluate(inTransit, group('g', { transitEncryptionEnabled: false, transitEncryptionMode: undefined }));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { transitEncryptionEnabled: false, transitEncryptionMode: null, engine: 'valkey' });
  });

  it('passes required mode, and Memcached with TLS', () => {
    assert.equal(evaluate(inTransit, group('g')).status, 'PASSED');
    assert.equal(evaluate(inTransit, cluster('mc')).status, 'PASSED');
  });

  it('"preferred" mode still accepts plaintext and fails; plaintext Memcached fails (edge)', () => {
    assert.match(evaluate(inTransit, group('g', { transitEncryptionMode: 'preferred' })).summary ?? '', /"preferred" mode/);
    assert.equal(evaluate(inTransit, cluster('mc', { transitEncryptionEnabled: false })).status, 'FAILED');
  });

  it('an unreported flag is an error', () => {
    assert.throws(() => evaluate(inTransit, cluster('mc', { transitEncryptionEnabled: undefined })), /TransitEncryptionEnabled/);
  });
});

describe('elasticache auditor', () => {
  it('judges a Memcached cluster on transit encryption only', () => {
    const { results, notApplicable } = evaluateChecks(task(elasticacheAuditor.checks), inventory(cluster('mc', { transitEncryptionEnabled: false })));
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId}`), ['FAILED elasticache-cache-encrypted-in-transit']);
    assert.equal(notApplicable, 2);
  });
});
