/** Hand-built MSK inventory items for the check unit tests. */
import type { Cluster, Provisioned, Serverless } from '@aws-sdk/client-kafka';
import type { AnyCheck } from '../../../src/core/check.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { mskCollector, type MskClusterItem, type MskInventory } from '../../../auditors/msk/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const arnOf = (name: string, kind = 'cluster'): string => `arn:aws:kafka:${REGION}:${ACCOUNT}:${kind}/${name}/1a2b3c4d-5e6f-7a8b-9c0d-e1f2a3b4c5d6-1`;

/** A hardened provisioned cluster as ListClustersV2 describes it; override what the test is about. */
export function provisioned(name: string, overrides: Partial<Provisioned> = {}): Cluster {
  return {
    ClusterName: name,
    ClusterArn: arnOf(name),
    ClusterType: 'PROVISIONED',
    State: 'ACTIVE',
    CurrentVersion: 'K3AEGXETSR30VB',
    Tags: {},
    Provisioned: {
      BrokerNodeGroupInfo: { InstanceType: 'kafka.m5.large', ClientSubnets: ['subnet-1', 'subnet-2', 'subnet-3'] },
      NumberOfBrokerNodes: 3,
      EncryptionInfo: { EncryptionInTransit: { InCluster: true, ClientBroker: 'TLS' }, EncryptionAtRest: { DataVolumeKMSKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k1` } },
      ClientAuthentication: { Sasl: { Iam: { Enabled: true }, Scram: { Enabled: false } }, Tls: { Enabled: false, CertificateAuthorityArnList: [] }, Unauthenticated: { Enabled: false } },
      EnhancedMonitoring: 'PER_TOPIC_PER_BROKER',
      ...overrides,
    },
  };
}

/** A serverless cluster with IAM access control; override what the test is about. */
export function serverless(name: string, overrides: Partial<Serverless> = {}): Cluster {
  return {
    ClusterName: name,
    ClusterArn: arnOf(name, 'serverless-cluster'),
    ClusterType: 'SERVERLESS',
    State: 'ACTIVE',
    Serverless: { VpcConfigs: [{ SubnetIds: ['subnet-1', 'subnet-2'] }], ClientAuthentication: { Sasl: { Iam: { Enabled: true } } }, ...overrides },
  };
}

export function item(cluster: Cluster): MskClusterItem {
  const name = cluster.ClusterName ?? 'unnamed';
  return { ref: { type: 'AwsMskCluster', arn: cluster.ClusterArn ?? arnOf(name), id: name, region: REGION, partition: 'aws', tags: {} }, name, cluster };
}

export const inventory = (...clusters: MskClusterItem[]): MskInventory => ({ clusters });

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: mskCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
