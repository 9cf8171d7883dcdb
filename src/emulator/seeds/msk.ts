/**
 * Demo seed for the MSK checks: an open provisioned cluster (plaintext between
 * brokers and to clients, unauthenticated clients, default monitoring) and a
 * decoy with TLS everywhere, IAM access control and per-topic monitoring.
 *
 * moto stores these settings; its cluster listings carry creation times without
 * a time zone, which the emulator's front marks UTC so the SDK can read them.
 */
import { CreateClusterCommand, KafkaClient } from '@aws-sdk/client-kafka';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const BROKERS = { InstanceType: 'kafka.m5.large', ClientSubnets: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d', 'subnet-2a3b4c5d'] };

export async function seedMsk(clients: AwsClients): Promise<SeedResult> {
  const kafka = clients.get(KafkaClient);
  const open = await kafka.send(new CreateClusterCommand({
    ClusterName: 'demo-kafka-open', KafkaVersion: '3.6.0', NumberOfBrokerNodes: 3, BrokerNodeGroupInfo: BROKERS,
    EncryptionInfo: { EncryptionInTransit: { InCluster: false, ClientBroker: 'TLS_PLAINTEXT' } },
    ClientAuthentication: { Unauthenticated: { Enabled: true } },
    EnhancedMonitoring: 'DEFAULT',
    Tags: { owner: 'streaming-team' },
  }));
  const guarded = await kafka.send(new CreateClusterCommand({
    ClusterName: 'demo-kafka-private', KafkaVersion: '3.6.0', NumberOfBrokerNodes: 3, BrokerNodeGroupInfo: BROKERS,
    EncryptionInfo: { EncryptionInTransit: { InCluster: true, ClientBroker: 'TLS' } },
    ClientAuthentication: { Sasl: { Iam: { Enabled: true } }, Unauthenticated: { Enabled: false } },
    EnhancedMonitoring: 'PER_TOPIC_PER_BROKER',
  }));
  if (!open.ClusterArn || !guarded.ClusterArn) throw new Error('the emulator did not return the ARNs of the demo MSK clusters');
  // ARNs, not names: findings name clusters by ARN, which ends in a generated id.
  return { insecure: [open.ClusterArn], compliant: [guarded.ClusterArn] };
}
