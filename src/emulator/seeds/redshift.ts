/** Demo seed for the Redshift checks: an exposed, unencrypted, unlogged cluster and a compliant decoy. */
import { CreateClusterCommand, EnableLoggingCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const NODE = { NodeType: 'ra3.xlplus', ClusterType: 'single-node', MasterUsername: 'warehouse_admin', MasterUserPassword: 'Demo-only-passw0rd' } as const;

export async function seedRedshift(clients: AwsClients): Promise<SeedResult> {
  const redshift = clients.get(RedshiftClient);
  const insecure = 'demo-redshift-exposed';
  await redshift.send(new CreateClusterCommand({
    ...NODE, ClusterIdentifier: insecure, PubliclyAccessible: true, Encrypted: false, EnhancedVpcRouting: false,
    Tags: [{ Key: 'owner', Value: 'analytics' }],
  }));
  const compliant = 'demo-redshift-private';
  await redshift.send(new CreateClusterCommand({
    ...NODE, ClusterIdentifier: compliant, PubliclyAccessible: false, Encrypted: true, EnhancedVpcRouting: true,
    KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-00000000d3a0',
  }));
  await redshift.send(new EnableLoggingCommand({ ClusterIdentifier: compliant, LogDestinationType: 'cloudwatch', LogExports: ['connectionlog', 'userlog', 'useractivitylog'] }));
  return { insecure: [insecure], compliant: [compliant] };
}
