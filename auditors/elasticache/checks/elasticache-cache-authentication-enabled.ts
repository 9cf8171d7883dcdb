import { defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { cacheLabel, elastiCacheCollector, isMemcached, type ElastiCacheInventory, type ElastiCacheItem } from '../collect.js';

export default defineCheck<ElastiCacheInventory, ElastiCacheItem>({
  meta: {
    id: 'elasticache-cache-authentication-enabled',
    service: 'elasticache',
    title: 'ElastiCache Valkey and Redis OSS caches require authentication',
    description:
      'Flags a Valkey or Redis OSS replication group (or single-node cluster) that any client reaching its port may use: neither an AUTH token nor role-based access control (RBAC user groups) is set. A user group passes by being attached; the users in it are not judged. Memcached caches are not applicable: ElastiCache for Memcached has no AUTH or RBAC, only network controls.',
    severity: 'HIGH',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Attach an RBAC user group whose default user is disabled or password-protected (Valkey 7.2+, Redis OSS 6.0+), or set an AUTH token with the ROTATE strategy; both need in-transit encryption. Update the clients to authenticate before switching the strategy to SET.',
      url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html',
    },
    compliance: { fsbp: ['ElastiCache.6'], nist: ['AC-2', 'AC-3', 'IA-2'] },
  },
  collector: elastiCacheCollector,
  select: (inventory) => inventory.caches,
  evaluate(cache) {
    if (isMemcached(cache)) return notApplicable('ElastiCache for Memcached has no AUTH or RBAC: its access is controlled by security groups');
    if (cache.userGroupIds.length > 0) return pass(`RBAC user group(s) ${cache.userGroupIds.join(', ')} control access`, { userGroupIds: cache.userGroupIds });
    const authToken = reported(cache.authTokenEnabled, 'AuthTokenEnabled', cacheLabel(cache));
    const evidence = { authTokenEnabled: authToken, userGroupIds: [] };
    if (authToken) return pass('an AUTH token is required', evidence);
    return fail(`${cacheLabel(cache)} accepts commands without authentication: no AUTH token and no RBAC user group`, evidence);
  },
});
