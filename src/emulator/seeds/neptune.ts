/**
 * Demo seed for the Neptune checks: a single-instance, unencrypted cluster
 * without IAM authentication, and beside it an encrypted cluster with
 * instances in two Availability Zones.
 *
 * The emulator refuses IAM database authentication on a Neptune cluster (it
 * allows it on Aurora only), so the second cluster still fails
 * neptune-cluster-iam-authentication-enabled and there is no fully compliant
 * Neptune decoy.
 */
import { CreateDBClusterCommand, CreateDBInstanceCommand, NeptuneClient } from '@aws-sdk/client-neptune';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const INSTANCE_CLASS = 'db.r6g.large';

export async function seedNeptune(clients: AwsClients): Promise<SeedResult> {
  const neptune = clients.get(NeptuneClient);
  const region = clients.region;
  const single = 'demo-graph-single';
  await neptune.send(new CreateDBClusterCommand({ DBClusterIdentifier: single, Engine: 'neptune', StorageEncrypted: false, Tags: [{ Key: 'owner', Value: 'fraud-team' }] }));
  await neptune.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: `${single}-1`, Engine: 'neptune', DBInstanceClass: INSTANCE_CLASS, DBClusterIdentifier: single, AvailabilityZone: `${region}a` }));

  const replicated = 'demo-graph-replicated';
  await neptune.send(new CreateDBClusterCommand({ DBClusterIdentifier: replicated, Engine: 'neptune', StorageEncrypted: true, DeletionProtection: true }));
  await neptune.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: `${replicated}-1`, Engine: 'neptune', DBInstanceClass: INSTANCE_CLASS, DBClusterIdentifier: replicated, AvailabilityZone: `${region}a` }));
  await neptune.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: `${replicated}-2`, Engine: 'neptune', DBInstanceClass: INSTANCE_CLASS, DBClusterIdentifier: replicated, AvailabilityZone: `${region}b` }));
  return { insecure: [single], compliant: [] };
}
