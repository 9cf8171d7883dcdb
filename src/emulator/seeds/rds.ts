/**
 * Demo seed for the RDS checks: an instance failing every instance check it
 * can, a compliant decoy, public and private snapshots, a public Aurora
 * cluster snapshot, and a Neptune cluster the RDS checks must not report.
 */
import {
  CreateDBClusterCommand, CreateDBClusterSnapshotCommand, CreateDBInstanceCommand, CreateDBSnapshotCommand,
  ModifyDBClusterSnapshotAttributeCommand, ModifyDBSnapshotAttributeCommand, RDSClient,
} from '@aws-sdk/client-rds';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const PASSWORD = 'demo-password-not-secret';
const PARTNER_ACCOUNT = '111122223333';

export async function seedRds(clients: AwsClients): Promise<SeedResult> {
  const rds = clients.get(RDSClient);
  const insecure: string[] = [];
  const compliant: string[] = [];

  const insecureDb = 'demo-db-insecure';
  await rds.send(new CreateDBInstanceCommand({
    DBInstanceIdentifier: insecureDb, Engine: 'mysql', DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20,
    MasterUsername: 'admin', MasterUserPassword: PASSWORD,
    PubliclyAccessible: true, StorageEncrypted: false, MultiAZ: false, DeletionProtection: false, EnableIAMDatabaseAuthentication: false,
    Tags: [{ Key: 'owner', Value: 'demo' }],
  }));
  insecure.push(insecureDb);

  const compliantDb = 'demo-db-compliant';
  await rds.send(new CreateDBInstanceCommand({
    DBInstanceIdentifier: compliantDb, Engine: 'postgres', DBInstanceClass: 'db.m6g.large', AllocatedStorage: 20,
    MasterUsername: 'dbadmin', MasterUserPassword: PASSWORD,
    PubliclyAccessible: false, StorageEncrypted: true, MultiAZ: true, DeletionProtection: true, EnableIAMDatabaseAuthentication: true,
    EnablePerformanceInsights: true, Domain: 'd-9067example', DomainIAMRoleName: 'rds-directory-service-access',
  }));
  compliant.push(compliantDb);

  const publicSnapshot = 'demo-db-snapshot-public';
  await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: insecureDb, DBSnapshotIdentifier: publicSnapshot }));
  await rds.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: publicSnapshot, AttributeName: 'restore', ValuesToAdd: ['all'] }));
  insecure.push(publicSnapshot);

  // Shared with one named account: private, and the account shows in the evidence.
  const privateSnapshot = 'demo-db-snapshot-private';
  await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: compliantDb, DBSnapshotIdentifier: privateSnapshot }));
  await rds.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: privateSnapshot, AttributeName: 'restore', ValuesToAdd: [PARTNER_ACCOUNT] }));
  compliant.push(privateSnapshot);

  await rds.send(new CreateDBClusterCommand({
    DBClusterIdentifier: 'demo-aurora', Engine: 'aurora-postgresql', MasterUsername: 'dbadmin', MasterUserPassword: PASSWORD,
  }));
  const publicClusterSnapshot = 'demo-aurora-snapshot-public';
  await rds.send(new CreateDBClusterSnapshotCommand({ DBClusterIdentifier: 'demo-aurora', DBClusterSnapshotIdentifier: publicClusterSnapshot }));
  await rds.send(new ModifyDBClusterSnapshotAttributeCommand({ DBClusterSnapshotIdentifier: publicClusterSnapshot, AttributeName: 'restore', ValuesToAdd: ['all'] }));
  insecure.push(publicClusterSnapshot);

  // A Neptune cluster, also served by the RDS API: none of the RDS checks may report it or its snapshots.
  await rds.send(new CreateDBClusterCommand({ DBClusterIdentifier: 'demo-neptune', Engine: 'neptune' }));
  await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'demo-neptune-1', Engine: 'neptune', DBInstanceClass: 'db.r5.large', DBClusterIdentifier: 'demo-neptune' }));

  return { insecure, compliant };
}
