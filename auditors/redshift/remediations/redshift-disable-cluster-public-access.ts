/**
 * Fixes redshift-cluster-not-publicly-accessible: ModifyCluster with
 * PubliclyAccessible=false, nothing else. The endpoint, port, subnet group,
 * security groups and every other setting stay as they are. Rollback sets
 * PubliclyAccessible=true again, with the cluster's elastic IP if it had one.
 */
import { defineRemediation, type PlannedCall } from '../../../src/core/remediation.js';
import check from '../checks/redshift-cluster-not-publicly-accessible.js';

/** The cluster's network exposure as DescribeClusters returns it (the API's own names). */
export type RedshiftClusterSnapshot = {
  ClusterIdentifier: string;
  PubliclyAccessible?: boolean;
  /** Only the pending change of PubliclyAccessible, when one is being applied. */
  PendingModifiedValues?: { PubliclyAccessible: boolean };
  Endpoint?: { Address?: string; Port?: number };
  VpcId?: string;
  ClusterSubnetGroupName?: string;
  VpcSecurityGroups?: { VpcSecurityGroupId: string; Status?: string }[];
  ElasticIpStatus?: { ElasticIp?: string; Status?: string };
  EnhancedVpcRouting?: boolean;
};

export const MODIFY_CLUSTER = 'redshift:ModifyCluster';

/** The setting the cluster has, or is being given by a modification in progress. */
export const publicAccessOf = (cluster: RedshiftClusterSnapshot): boolean | undefined => cluster.PendingModifiedValues?.PubliclyAccessible ?? cluster.PubliclyAccessible;

export default defineRemediation<RedshiftClusterSnapshot>({
  id: 'redshift-disable-cluster-public-access',
  checkId: check.meta.id,
  title: 'Make the Redshift cluster not publicly accessible',
  description:
    'Sets PubliclyAccessible=false on the cluster (ModifyCluster), so its endpoint resolves to private addresses only. Nothing else changes: endpoint name, port, subnet group, security groups and data stay. Rollback sets PubliclyAccessible=true again, with the elastic IP the cluster had.',
  permissions: ['redshift:DescribeClusters', MODIFY_CLUSTER],
  async snapshot(ctx, resource) {
    const { readCluster } = await import('./apply.js');
    return readCluster(ctx, resource.id);
  },
  plan({ snapshot }) {
    // A change to private already being applied needs no second call.
    if (publicAccessOf(snapshot) !== true) return { calls: [], left: [] };
    const address = snapshot.Endpoint?.Address;
    return {
      calls: [{
        action: MODIFY_CLUSTER,
        input: { ClusterIdentifier: snapshot.ClusterIdentifier, PubliclyAccessible: false },
        description: `make Redshift cluster ${snapshot.ClusterIdentifier} not publicly accessible${address ? ` (${address} then resolves to private addresses only)` : ''}`,
      }],
      left: [],
    };
  },
  restore({ backup, applied, current }) {
    const changed = applied.some((call) => call.action === MODIFY_CLUSTER && call.input.PubliclyAccessible === false);
    const before = publicAccessOf(backup);
    if (!changed || before === undefined) return [];
    const elasticIp = backup.ElasticIpStatus?.ElasticIp;
    const restored = publicAccessOf(current) === before && (elasticIp === undefined || current.ElasticIpStatus?.ElasticIp === elasticIp);
    if (restored) return [];
    const call: PlannedCall = {
      action: MODIFY_CLUSTER,
      input: { ClusterIdentifier: backup.ClusterIdentifier, PubliclyAccessible: before, ...(elasticIp ? { ElasticIp: elasticIp } : {}) },
      description: `make Redshift cluster ${backup.ClusterIdentifier} publicly accessible again${elasticIp ? ` on elastic IP ${elasticIp}` : ''}`,
    };
    return [call];
  },
  async perform(ctx, call) {
    const { performClusterCall } = await import('./apply.js');
    await performClusterCall(ctx, call);
  },
});
