import type { Auditor } from '../../src/core/registry.js';
import { shieldCollector } from './collect.js';
import hostedZoneProtected from './checks/shield-route53-hosted-zone-protected.js';
import classicProtected from './checks/shield-classic-load-balancer-protected.js';
import elbv2Protected from './checks/shield-elbv2-load-balancer-protected.js';
import elasticIpProtected from './checks/shield-elastic-ip-protected.js';
import distributionProtected from './checks/shield-cloudfront-distribution-protected.js';
import drtRole from './checks/shield-drt-access-role-authorized.js';
import drtLogBuckets from './checks/shield-drt-log-bucket-access-granted.js';
import autoRenews from './checks/shield-subscription-auto-renews.js';

export const shieldAuditor: Auditor = {
  service: 'shield',
  collector: shieldCollector,
  checks: [hostedZoneProtected, classicProtected, elbv2Protected, elasticIpProtected, distributionProtected, drtRole, drtLogBuckets, autoRenews],
};
