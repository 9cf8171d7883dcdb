import type { Auditor } from '../../src/core/registry.js';
import { mskCollector } from './collect.js';
import clientAuthentication from './checks/msk-cluster-client-authentication-required.js';
import clientBrokerTls from './checks/msk-cluster-client-broker-tls-only.js';
import encryptedBetweenBrokers from './checks/msk-cluster-encrypted-between-brokers.js';
import enhancedMonitoring from './checks/msk-cluster-enhanced-monitoring-enabled.js';

export const mskAuditor: Auditor = {
  service: 'msk',
  collector: mskCollector,
  checks: [clientAuthentication, clientBrokerTls, encryptedBetweenBrokers, enhancedMonitoring],
};
