/**
 * IAM Access Analyzer inventory of one account and region: its analyzers,
 * as one account-level item. A region where Access Analyzer is not offered
 * has an empty inventory. The AWS calls are in fetch.ts, loaded on the first
 * collect() (the pattern is described in auditors/sqs/collect.ts).
 */
import type { Collector } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface AnalyzerRecord {
  name: string;
  arn?: string;
  /** ACCOUNT or ORGANIZATION (external access), or an unused- or internal-access type. */
  type?: string;
  /** ACTIVE, CREATING, DISABLED or FAILED. */
  status?: string;
  statusReason?: string;
}

export interface AccessAnalyzerAccountItem {
  ref: ResourceRef;
  analyzers: AnalyzerRecord[];
}

export interface AccessAnalyzerInventory {
  /** Absent when IAM Access Analyzer is not offered in the region. */
  account?: AccessAnalyzerAccountItem;
}

export const accessAnalyzerCollector: Collector<AccessAnalyzerInventory> = {
  id: 'accessanalyzer',
  service: 'accessanalyzer',
  global: false,
  permissions: ['access-analyzer:ListAnalyzers'],
  async collect(ctx) {
    const { fetchAccessAnalyzerInventory } = await import('./fetch.js');
    return fetchAccessAnalyzerInventory(ctx);
  },
};
