import { defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { cacheLabel, elastiCacheCollector, isMemcached, type ElastiCacheInventory, type ElastiCacheItem } from '../collect.js';

export default defineCheck<ElastiCacheInventory, ElastiCacheItem>({
  meta: {
    id: 'elasticache-cache-encrypted-at-rest',
    service: 'elasticache',
    title: 'ElastiCache Valkey and Redis OSS caches are encrypted at rest',
    description:
      'Flags a Valkey or Redis OSS cache whose data on disk (sync, swap and backups in S3) is unencrypted: AtRestEncryptionEnabled is false. A single-node cluster outside a replication group cannot be encrypted at rest and fails. Memcached caches are not applicable: they keep data only in memory, with no backups.',
    severity: 'MEDIUM',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'At-rest encryption is set when a cache is created: take a backup, restore it into a new replication group created with at-rest encryption (a customer managed KMS key where required), move the clients to its endpoint, then delete the old cache.',
      url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
    },
    compliance: { fsbp: ['ElastiCache.4'], nist: ['SC-13', 'SC-28'] },
  },
  collector: elastiCacheCollector,
  select: (inventory) => inventory.caches,
  evaluate(cache) {
    if (isMemcached(cache)) return notApplicable('Memcached keeps data only in memory: ElastiCache offers no at-rest encryption for it');
    const encrypted = reported(cache.atRestEncryptionEnabled, 'AtRestEncryptionEnabled', cacheLabel(cache));
    if (encrypted) return pass('data at rest is encrypted', { atRestEncryptionEnabled: true });
    const how = cache.kind === 'cache-cluster' ? ' (a cluster outside a replication group cannot be)' : '';
    return fail(`${cacheLabel(cache)} is not encrypted at rest${how}`, { atRestEncryptionEnabled: false, kind: cache.kind });
  },
});
