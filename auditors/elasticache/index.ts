import type { Auditor } from '../../src/core/registry.js';
import { elastiCacheCollector } from './collect.js';
import authentication from './checks/elasticache-cache-authentication-enabled.js';
import atRest from './checks/elasticache-cache-encrypted-at-rest.js';
import inTransit from './checks/elasticache-cache-encrypted-in-transit.js';

export const elasticacheAuditor: Auditor = {
  service: 'elasticache',
  collector: elastiCacheCollector,
  checks: [authentication, atRest, inTransit],
};
