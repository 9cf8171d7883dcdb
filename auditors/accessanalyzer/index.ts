import type { Auditor } from '../../src/core/registry.js';
import { accessAnalyzerCollector } from './collect.js';
import analyzerEnabled from './checks/accessanalyzer-external-access-analyzer-enabled.js';

export const accessAnalyzerAuditor: Auditor = {
  service: 'accessanalyzer',
  collector: accessAnalyzerCollector,
  checks: [analyzerEnabled],
};
