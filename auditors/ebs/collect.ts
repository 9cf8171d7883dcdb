/**
 * EBS inventory of one account and region: every volume, every snapshot the
 * account owns with its createVolumePermission, and the region's
 * encryption-by-default setting. collectOne re-reads one snapshot, or the
 * setting (the account resource), for a fix.
 */
import type { Collector } from '../../src/core/collector.js';
import type { EbsInventory } from './model.js';

export type { CreateVolumePermissions, EbsAccountItem, EbsInventory, EbsSnapshotItem, EbsVolumeItem, VolumeAttachmentRecord } from './model.js';

export const ebsCollector: Collector<EbsInventory> = {
  id: 'ebs',
  service: 'ebs',
  global: false,
  permissions: ['ec2:DescribeVolumes', 'ec2:DescribeInstances', 'ec2:DescribeSnapshots', 'ec2:DescribeSnapshotAttribute', 'ec2:GetEbsEncryptionByDefault'],
  async collect(ctx) {
    const { fetchEbsInventory } = await import('./fetch.js');
    return fetchEbsInventory(ctx);
  },
  async collectOne(ctx, resource) {
    const { fetchOneEbsResource } = await import('./fetch.js');
    return fetchOneEbsResource(ctx, resource);
  },
};
