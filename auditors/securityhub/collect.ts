/**
 * Security Hub inventory of one account and region: the active, unresolved
 * (NEW or NOTIFIED) HIGH and CRITICAL findings of this account and region
 * from every product but rampart, oldest first, as one account-level item.
 * A region where Security Hub is not offered has an empty inventory. The AWS
 * calls are in fetch.ts, loaded on the first collect() (the pattern is
 * described in auditors/sqs/collect.ts).
 */
import type { Collector } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

/** The most findings read (oldest first): the request count stays bounded in an account with thousands. */
export const MAX_FINDINGS = 1000;

export interface HubFindingRecord {
  id: string;
  productName?: string;
  generatorId?: string;
  title?: string;
  severity?: string;
  /** When the finding provider first created it (ASFF CreatedAt). */
  createdAt?: string;
  resourceId?: string;
}

export interface SecurityHubAccountItem {
  ref: ResourceRef;
  /** False when Security Hub is not enabled in the region (InvalidAccessException). */
  enabled: boolean;
  /** Oldest first; at most MAX_FINDINGS. */
  findings: HubFindingRecord[];
  /** True when more findings matched than were read. */
  truncated: boolean;
}

export interface SecurityHubInventory {
  /** When the inventory was read: the "now" that finding ages are measured from. */
  collectedAt: string;
  /** Absent when Security Hub is not offered in the region. */
  account?: SecurityHubAccountItem;
}

export const securityHubCollector: Collector<SecurityHubInventory> = {
  id: 'securityhub',
  service: 'securityhub',
  global: false,
  permissions: ['securityhub:GetFindings'],
  async collect(ctx) {
    const { fetchSecurityHubInventory } = await import('./fetch.js');
    return fetchSecurityHubInventory(ctx);
  },
};
