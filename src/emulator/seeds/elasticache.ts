/**
 * Demo seed for the ElastiCache checks: an open, unencrypted Redis OSS
 * replication group and a plaintext Memcached cluster, each with a compliant
 * decoy (a Valkey group with AUTH and both encryptions, a Memcached cluster with TLS).
 */
import { CreateCacheClusterCommand, CreateReplicationGroupCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const NODE = { CacheNodeType: 'cache.t4g.micro' } as const;

export async function seedElastiCache(clients: AwsClients): Promise<SeedResult> {
  const elasticache = clients.get(ElastiCacheClient);
  const open = 'demo-cache-open';
  await elasticache.send(new CreateReplicationGroupCommand({
    ...NODE, ReplicationGroupId: open, ReplicationGroupDescription: 'sessions, no AUTH, no encryption', Engine: 'redis', EngineVersion: '7.1', NumCacheClusters: 2,
    TransitEncryptionEnabled: false, AtRestEncryptionEnabled: false, Tags: [{ Key: 'owner', Value: 'web-team' }],
  }));
  const secure = 'demo-cache-secure';
  await elasticache.send(new CreateReplicationGroupCommand({
    ...NODE, ReplicationGroupId: secure, ReplicationGroupDescription: 'sessions, AUTH and encryption', Engine: 'valkey', EngineVersion: '8.0', NumCacheClusters: 2,
    AuthToken: 'demo-only-auth-token-0123456789', TransitEncryptionEnabled: true, AtRestEncryptionEnabled: true,
  }));
  const plain = 'demo-memcached-plain';
  await elasticache.send(new CreateCacheClusterCommand({ ...NODE, CacheClusterId: plain, Engine: 'memcached', EngineVersion: '1.6.22', NumCacheNodes: 1, TransitEncryptionEnabled: false }));
  const tls = 'demo-memcached-tls';
  await elasticache.send(new CreateCacheClusterCommand({ ...NODE, CacheClusterId: tls, Engine: 'memcached', EngineVersion: '1.6.22', NumCacheNodes: 1, TransitEncryptionEnabled: true }));
  return { insecure: [open, plain], compliant: [secure, tls] };
}
