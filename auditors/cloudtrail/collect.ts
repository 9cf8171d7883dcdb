/**
 * CloudTrail inventory of one region: every trail that records events here
 * (homed here, or a multi-region or organization trail homed elsewhere) with
 * its status and the management events it records.
 *
 * Status and event selectors are read in the trail's home region, by ARN:
 * that is where every trail, shadow copies included, answers for itself.
 * An organization trail owned by another account is not asked for its event
 * selectors (a member account is refused them); DescribeTrails'
 * HasCustomEventSelectors stands in.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';
import type { ManagementEvents, TrailStatus } from './model.js';

export type { ManagementEvents, TrailStatus } from './model.js';

export interface TrailItem {
  ref: ResourceRef;
  name: string;
  arn: string;
  homeRegion: string;
  /** The account that owns the trail: another one for an organization trail seen from a member account. */
  ownerAccountId: string;
  /** A copy of a trail homed in another region or owned by another account: judged there, not here. */
  shadow: boolean;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  /** Undefined when DescribeTrails did not say. */
  logFileValidationEnabled?: boolean;
  kmsKeyId?: string;
  s3BucketName?: string;
  hasCustomEventSelectors?: boolean;
  status: Fetched<TrailStatus>;
  managementEvents: Fetched<ManagementEvents>;
}

export interface CloudTrailInventory {
  region: string;
  trails: TrailItem[];
  /** The account in this region: what cloudtrail-enabled-in-region judges. */
  account: { ref: ResourceRef };
}

export const cloudTrailCollector: Collector<CloudTrailInventory> = {
  id: 'cloudtrail',
  service: 'cloudtrail',
  global: false,
  permissions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors', 'cloudtrail:ListTags'],
  async collect(ctx) {
    const { fetchCloudTrailInventory } = await import('./fetch.js');
    return fetchCloudTrailInventory(ctx);
  },
};
