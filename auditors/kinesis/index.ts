import type { Auditor } from '../../src/core/registry.js';
import { kinesisCollector } from './collect.js';
import encrypted from './checks/kinesis-stream-encrypted.js';
import enhancedMonitoring from './checks/kinesis-stream-enhanced-monitoring-enabled.js';

export const kinesisAuditor: Auditor = {
  service: 'kinesis',
  collector: kinesisCollector,
  checks: [encrypted, enhancedMonitoring],
};
