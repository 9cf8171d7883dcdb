/**
 * GuardDuty inventory of one account and region: its detectors (at most one
 * per region) and their status, as one account-level item. A region where
 * GuardDuty is not offered has an empty inventory. The AWS calls are in
 * fetch.ts, loaded on the first collect() (the pattern is described in
 * auditors/sqs/collect.ts).
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface DetectorRecord {
  /** ENABLED or DISABLED (suspended); absent when the service did not say. */
  status?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface GuardDutyAccountItem {
  ref: ResourceRef;
  detectors: Array<{ detectorId: string; detail: Fetched<DetectorRecord> }>;
}

export interface GuardDutyInventory {
  /** Absent when GuardDuty is not offered in the region. */
  account?: GuardDutyAccountItem;
}

export const guardDutyCollector: Collector<GuardDutyInventory> = {
  id: 'guardduty',
  service: 'guardduty',
  global: false,
  permissions: ['guardduty:ListDetectors', 'guardduty:GetDetector'],
  async collect(ctx) {
    const { fetchGuardDutyInventory } = await import('./fetch.js');
    return fetchGuardDutyInventory(ctx);
  },
};
