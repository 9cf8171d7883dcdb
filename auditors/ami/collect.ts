/**
 * AMI inventory of one account and region: every image the account owns
 * (deprecated and disabled ones too: they still hold data and can be shared
 * or re-enabled), its launch permissions and the encryption of its EBS
 * snapshots. collectOne re-reads one image, for a fix.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface LaunchPermissions {
  /** The group "all": any AWS account can launch the image. */
  public: boolean;
  accounts: string[];
  organizations: string[];
  organizationalUnits: string[];
}

export interface AmiEbsDevice {
  deviceName: string;
  snapshotId?: string;
  /** From the image's block device mapping, or from the snapshot when the mapping omits it. */
  encrypted: Fetched<boolean>;
}

export interface AmiItem {
  ref: ResourceRef;
  imageId: string;
  name?: string;
  state?: string;
  /** The Public flag of DescribeImages; undefined when the answer did not say. */
  public?: boolean;
  rootDeviceType?: string;
  creationDate?: string;
  /** EBS mappings that hold image data (a snapshot); blank volumes are created at launch and hold none. */
  ebsDevices: AmiEbsDevice[];
  launchPermission: Fetched<LaunchPermissions>;
}

export interface AmiInventory {
  images: AmiItem[];
}

export const amiCollector: Collector<AmiInventory> = {
  id: 'ami',
  service: 'ami',
  global: false,
  permissions: ['ec2:DescribeImages', 'ec2:DescribeImageAttribute', 'ec2:DescribeSnapshots'],
  async collect(ctx) {
    const { fetchAmiInventory } = await import('./fetch.js');
    return fetchAmiInventory(ctx);
  },
  async collectOne(ctx, resource) {
    const { fetchOneImage } = await import('./fetch.js');
    return fetchOneImage(ctx, resource.id);
  },
};
