/** The Redshift fix's AWS calls (loaded when the fix runs, like the collectors' fetch.ts). */
import { DescribeClustersCommand, ModifyClusterCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { describeAwsError } from '../../../src/aws/errors.js';
import { ResourceGoneError, type PlannedCall, type RemediationContext } from '../../../src/core/remediation.js';
import { MODIFY_CLUSTER, publicAccessOf, type RedshiftClusterSnapshot } from './redshift-disable-cluster-public-access.js';

const GONE_CODES = ['ClusterNotFound', 'ClusterNotFoundFault'];

const gone = (identifier: string, cause?: unknown): ResourceGoneError => new ResourceGoneError(`Redshift cluster ${identifier} no longer exists`, cause === undefined ? undefined : { cause });

/** The cluster's network exposure as DescribeClusters returns it, undefined fields dropped and security groups in a stable order. */
export async function readCluster(ctx: RemediationContext, identifier: string): Promise<RedshiftClusterSnapshot> {
  try {
    const { Clusters } = await ctx.clients.get(RedshiftClient).send(new DescribeClustersCommand({ ClusterIdentifier: identifier }));
    const cluster = Clusters?.find((c) => c.ClusterIdentifier === identifier);
    if (!cluster) throw gone(identifier);
    const pending = cluster.PendingModifiedValues?.PubliclyAccessible;
    const snapshot: RedshiftClusterSnapshot = {
      ClusterIdentifier: identifier,
      ...(cluster.PubliclyAccessible !== undefined ? { PubliclyAccessible: cluster.PubliclyAccessible } : {}),
      ...(pending !== undefined ? { PendingModifiedValues: { PubliclyAccessible: pending } } : {}),
      ...(cluster.Endpoint ? { Endpoint: { ...(cluster.Endpoint.Address ? { Address: cluster.Endpoint.Address } : {}), ...(cluster.Endpoint.Port !== undefined ? { Port: cluster.Endpoint.Port } : {}) } } : {}),
      ...(cluster.VpcId ? { VpcId: cluster.VpcId } : {}),
      ...(cluster.ClusterSubnetGroupName ? { ClusterSubnetGroupName: cluster.ClusterSubnetGroupName } : {}),
      ...(cluster.VpcSecurityGroups
        ? {
            VpcSecurityGroups: cluster.VpcSecurityGroups.flatMap((g) => (g.VpcSecurityGroupId ? [{ VpcSecurityGroupId: g.VpcSecurityGroupId, ...(g.Status ? { Status: g.Status } : {}) }] : []))
              .sort((a, b) => a.VpcSecurityGroupId.localeCompare(b.VpcSecurityGroupId)),
          }
        : {}),
      ...(cluster.ElasticIpStatus ? { ElasticIpStatus: { ...(cluster.ElasticIpStatus.ElasticIp ? { ElasticIp: cluster.ElasticIpStatus.ElasticIp } : {}), ...(cluster.ElasticIpStatus.Status ? { Status: cluster.ElasticIpStatus.Status } : {}) } } : {}),
      ...(cluster.EnhancedVpcRouting !== undefined ? { EnhancedVpcRouting: cluster.EnhancedVpcRouting } : {}),
    };
    return snapshot;
  } catch (error) {
    if (GONE_CODES.includes(describeAwsError(error).code)) throw gone(identifier, error);
    throw error;
  }
}

/**
 * Sets PubliclyAccessible (and the elastic IP a rollback gives back). The cluster is read first: one
 * already in, or being brought to, that state needs no call, and Redshift refuses a second
 * ModifyCluster while the first is being applied (InvalidClusterState).
 */
export async function performClusterCall(ctx: RemediationContext, call: PlannedCall): Promise<void> {
  if (call.action !== MODIFY_CLUSTER) throw new Error(`the Redshift fix does not make ${call.action}`);
  const ClusterIdentifier = String(call.input.ClusterIdentifier);
  const PubliclyAccessible = call.input.PubliclyAccessible;
  if (typeof PubliclyAccessible !== 'boolean') throw new Error(`ModifyCluster for ${ClusterIdentifier} names no PubliclyAccessible setting`);
  const ElasticIp = typeof call.input.ElasticIp === 'string' ? call.input.ElasticIp : undefined;
  const current = await readCluster(ctx, ClusterIdentifier);
  if (publicAccessOf(current) === PubliclyAccessible && (ElasticIp === undefined || current.ElasticIpStatus?.ElasticIp === ElasticIp)) return;
  try {
    await ctx.clients.get(RedshiftClient).send(new ModifyClusterCommand({ ClusterIdentifier, PubliclyAccessible, ...(ElasticIp ? { ElasticIp } : {}) }));
  } catch (error) {
    if (GONE_CODES.includes(describeAwsError(error).code)) throw gone(ClusterIdentifier, error);
    throw error;
  }
}
