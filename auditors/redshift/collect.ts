/**
 * Redshift inventory: the provisioned clusters of one account and region,
 * each with its audit logging status (one DescribeLoggingStatus per cluster).
 * Tags come with DescribeClusters.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface RedshiftLogging {
  enabled: boolean;
  /** "s3" or "cloudwatch"; absent when not reported. */
  destination?: string;
  bucketName?: string;
  s3KeyPrefix?: string;
  /** The log types exported to CloudWatch (connectionlog, userlog, useractivitylog). */
  logExports: string[];
  lastSuccessfulDeliveryTime?: string;
  lastFailureTime?: string;
  lastFailureMessage?: string;
}

export interface RedshiftClusterItem {
  ref: ResourceRef;
  identifier: string;
  status?: string;
  /** The flags are undefined when the answer did not carry them: unknown, never "no". */
  publiclyAccessible?: boolean;
  encrypted?: boolean;
  kmsKeyId?: string;
  enhancedVpcRouting?: boolean;
  vpcId?: string;
  endpoint?: { address?: string; port?: number };
  elasticIp?: string;
  logging: Fetched<RedshiftLogging>;
}

export interface RedshiftInventory {
  clusters: RedshiftClusterItem[];
}

export const redshiftCollector: Collector<RedshiftInventory> = {
  id: 'redshift',
  service: 'redshift',
  global: false,
  permissions: ['redshift:DescribeClusters', 'redshift:DescribeLoggingStatus'],
  async collect(ctx) {
    const { fetchRedshiftInventory } = await import('./fetch.js');
    return fetchRedshiftInventory(ctx);
  },
  async collectOne(ctx, resource) {
    const { fetchOneCluster } = await import('./fetch.js');
    return fetchOneCluster(ctx, resource.id);
  },
};
