import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { cacheLabel, elastiCacheCollector, type ElastiCacheInventory, type ElastiCacheItem } from '../collect.js';

export default defineCheck<ElastiCacheInventory, ElastiCacheItem>({
  meta: {
    id: 'elasticache-cache-encrypted-in-transit',
    service: 'elasticache',
    title: 'ElastiCache caches accept only encrypted connections',
    description:
      'Flags a cache that accepts plaintext connections: TransitEncryptionEnabled is false, or it is on in "preferred" mode (TLS and plaintext both accepted, a migration state). Applies to Valkey and Redis OSS replication groups and clusters and, since ElastiCache supports TLS for Memcached 1.6.12 and later, to Memcached clusters too (an older Memcached cluster fails until it is replaced by one with TLS).',
    severity: 'MEDIUM',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Valkey and Redis OSS: turn on in-transit encryption in "preferred" mode, move every client to TLS, then set the mode to "required". Memcached: create a cluster with in-transit encryption (engine 1.6.12 or later) and move the clients to it.',
      url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html',
    },
    compliance: { fsbp: ['ElastiCache.5'], nist: ['SC-8', 'SC-23'] },
  },
  collector: elastiCacheCollector,
  select: (inventory) => inventory.caches,
  evaluate(cache) {
    const enabled = reported(cache.transitEncryptionEnabled, 'TransitEncryptionEnabled', cacheLabel(cache));
    const evidence = { transitEncryptionEnabled: enabled, transitEncryptionMode: cache.transitEncryptionMode ?? null, engine: cache.engine ?? null };
    if (!enabled) return fail(`${cacheLabel(cache)} accepts unencrypted connections: in-transit encryption is off`, evidence);
    if (cache.transitEncryptionMode === 'preferred') return fail(`${cacheLabel(cache)} still accepts unencrypted connections: in-transit encryption is in "preferred" mode`, evidence);
    return pass('only encrypted connections are accepted', evidence);
  },
});
