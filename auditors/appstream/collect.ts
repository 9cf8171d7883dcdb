/**
 * AppStream 2.0 inventory, per account and region: the fleets, the images the
 * account owns (AWS's public base images and images other accounts share are
 * left out: they are not the account's to fix), and the users of the AppStream
 * user pool; fleets and owned images with their tags. A region where AppStream
 * is not offered has an empty inventory.
 * The pattern (types here, AWS calls in fetch.ts) is described in auditors/sqs/collect.ts.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface AppStreamFleetItem {
  ref: ResourceRef;
  name: string;
  state?: string;
  /** Undefined when AppStream did not report it. */
  enableDefaultInternetAccess?: boolean;
  tags: Fetched<Record<string, string>>;
}

export interface AppStreamImageItem {
  ref: ResourceRef;
  name: string;
  /** PUBLIC, PRIVATE or SHARED; undefined when not reported. */
  visibility?: string;
  /** TRUE when the owner shared the image with named accounts; undefined when not reported. */
  sharedWithOthers?: string;
  tags: Fetched<Record<string, string>>;
}

export interface AppStreamUserItem {
  ref: ResourceRef;
  /** The user's email address. */
  userName: string;
  /** Always USERPOOL: only user pool users exist as AppStream objects. */
  authenticationType: string;
  enabled?: boolean;
  /** UNCONFIRMED, CONFIRMED, ARCHIVED, COMPROMISED or UNKNOWN; undefined when not reported. */
  status?: string;
}

export interface AppStreamInventory {
  fleets: AppStreamFleetItem[];
  images: AppStreamImageItem[];
  users: AppStreamUserItem[];
}

export const appstreamCollector: Collector<AppStreamInventory> = {
  id: 'appstream',
  service: 'appstream',
  global: false,
  permissions: ['appstream:DescribeFleets', 'appstream:DescribeImages', 'appstream:DescribeUsers', 'appstream:ListTagsForResource'],
  async collect(ctx) {
    const { fetchAppStreamInventory } = await import('./fetch.js');
    return fetchAppStreamInventory(ctx);
  },
};
