/** Reads the MSK inventory, loaded by collect.ts on the first collect() (the pattern is described in auditors/sqs/collect.ts). */
import { KafkaClient, ListClustersV2Command, type ClientAuthentication, type Cluster, type ServerlessClientAuthentication } from '@aws-sdk/client-kafka';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { JsonValue } from '../../src/core/check.js';
import type { CollectContext } from '../../src/core/collector.js';
import type { MskClusterItem, MskInventory } from './collect.js';

/** ListClustersV2 returns at most 100 clusters a page. */
const PAGE_SIZE = 100;

type JsonObject = { [key: string]: JsonValue };

function compact(fields: Record<string, JsonValue | undefined>): JsonObject | undefined {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return Object.keys(out).length > 0 ? out : undefined;
}

const enabled = (setting: { Enabled?: boolean } | undefined): JsonObject | undefined => compact({ Enabled: setting?.Enabled });

function authenticationDetails(auth: ClientAuthentication | ServerlessClientAuthentication | undefined): JsonObject | undefined {
  if (!auth) return undefined;
  const sasl = auth.Sasl;
  const full = auth as ClientAuthentication;
  return compact({
    Sasl: sasl ? compact({ Iam: enabled(sasl.Iam), Scram: enabled('Scram' in sasl ? sasl.Scram : undefined) }) : undefined,
    Tls: full.Tls ? compact({ Enabled: full.Tls.Enabled, CertificateAuthorityArnList: full.Tls.CertificateAuthorityArnList }) : undefined,
    Unauthenticated: enabled(full.Unauthenticated),
  });
}

/** ASFF AwsMskClusterDetails. */
function clusterDetails(cluster: Cluster, name: string): JsonObject {
  const provisioned = cluster.Provisioned;
  const encryption = provisioned?.EncryptionInfo;
  const info = compact({
    ClusterName: name,
    CurrentVersion: cluster.CurrentVersion,
    NumberOfBrokerNodes: provisioned?.NumberOfBrokerNodes,
    EnhancedMonitoring: provisioned?.EnhancedMonitoring,
    EncryptionInfo: encryption
      ? compact({
          EncryptionInTransit: encryption.EncryptionInTransit ? compact({ InCluster: encryption.EncryptionInTransit.InCluster, ClientBroker: encryption.EncryptionInTransit.ClientBroker }) : undefined,
          EncryptionAtRest: encryption.EncryptionAtRest ? compact({ DataVolumeKMSKeyId: encryption.EncryptionAtRest.DataVolumeKMSKeyId }) : undefined,
        })
      : undefined,
    ClientAuthentication: authenticationDetails(provisioned ? provisioned.ClientAuthentication : cluster.Serverless?.ClientAuthentication),
  });
  return { ClusterInfo: info ?? { ClusterName: name } };
}

/** The item of a listed cluster; undefined without a name or an ARN (an MSK ARN ends in a generated id: it cannot be built). */
export function toItem(cluster: Cluster, ctx: CollectContext): MskClusterItem | undefined {
  const name = cluster.ClusterName;
  const arn = cluster.ClusterArn;
  if (!name || !arn) return undefined;
  return {
    ref: {
      type: 'AwsMskCluster',
      arn,
      id: name,
      region: ctx.region,
      partition: ctx.partition,
      tags: { ...(cluster.Tags ?? {}) },
      details: { AwsMskCluster: clusterDetails(cluster, name) },
    },
    name,
    cluster,
  };
}

/** Lists the clusters, provisioned and serverless; empty where MSK is not offered. */
export async function fetchMskInventory(ctx: CollectContext): Promise<MskInventory> {
  const kafka = ctx.clients.get(KafkaClient);
  const listed = await unlessNotOffered(
    () => collectPages(
      (NextToken) => kafka.send(new ListClustersV2Command({ MaxResults: PAGE_SIZE, NextToken })),
      (page) => page.NextToken,
      (page) => page.ClusterInfoList,
    ),
    () => [],
    (why) => ctx.logger.debug(`msk: not offered in ${ctx.region}: ${why}`),
  );
  const clusters = listed.flatMap((cluster) => toItem(cluster, ctx) ?? []);
  if (clusters.length < listed.length) ctx.logger.warn(`msk: ${listed.length - clusters.length} listed cluster(s) had no name or ARN and were not judged`);
  return { clusters };
}
