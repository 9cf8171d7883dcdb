import type { Auditor } from '../../src/core/registry.js';
import { elbv2Collector } from './collect.js';
import accessLogging from './checks/elbv2-load-balancer-access-logging-enabled.js';
import deletionProtection from './checks/elbv2-load-balancer-deletion-protection-enabled.js';
import internetTrafficEncrypted from './checks/elbv2-load-balancer-internet-traffic-encrypted.js';
import tlsPolicy from './checks/elbv2-load-balancer-tls-1-2-or-newer.js';

export const elbv2Auditor: Auditor = {
  service: 'elbv2',
  collector: elbv2Collector,
  checks: [internetTrafficEncrypted, tlsPolicy, accessLogging, deletionProtection],
};
