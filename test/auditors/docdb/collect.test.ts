/**
 * The DocumentDB collector against the emulator. The emulator serves the RDS
 * API that DocumentDB speaks but refuses the docdb engine, so no DocumentDB
 * resource can be made there: these tests show that the collector reads
 * through the DocumentDB client and keeps only DocumentDB, leaving out the
 * RDS and Neptune resources of the same API. Judging DocumentDB answers is
 * tested with injected answers (collect-faults.test.ts).
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateDBClusterCommand as CreateDocDbClusterCommand, DocDBClient } from '@aws-sdk/client-docdb';
import { CreateDBClusterCommand, CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { iamActionFor } from '../../../src/aws/iam-actions.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { docdbCollector } from '../../../auditors/docdb/collect.js';
import { useEmulator } from '../../helpers/emulator.js';

const emulator = useEmulator();

describe('docdbCollector against the emulator', () => {
  it('leaves out the Aurora, RDS and Neptune resources the same API holds, and calls only what it declares', async () => {
    // prepare
    const rds = emulator.clients().get(RDSClient);
    await rds.send(new CreateDBClusterCommand({ DBClusterIdentifier: 'aurora', Engine: 'aurora-postgresql', MasterUsername: 'admin', MasterUserPassword: 'password-123' }));
    await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'aurora-1', Engine: 'aurora-postgresql', DBInstanceClass: 'db.r6g.large', DBClusterIdentifier: 'aurora' }));
    await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'orders', Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20, MasterUsername: 'admin', MasterUserPassword: 'password-123' }));
    await rds.send(new CreateDBClusterCommand({ DBClusterIdentifier: 'graph', Engine: 'neptune' }));
    await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'graph-1', Engine: 'neptune', DBInstanceClass: 'db.r5.large', DBClusterIdentifier: 'graph' }));
    const counter = new RequestCounter();

    // act
    const inventory = await docdbCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(inventory, { clusters: [], instances: [] });
    assert.deepEqual(counter.snapshot(), { 'DocDB:DescribeDBClusters': 1, 'DocDB:DescribeDBInstances': 1 });
    for (const action of Object.keys(counter.snapshot()).map(iamActionFor)) assert.ok(docdbCollector.permissions.includes(action), action);
  });

  it('the emulator still refuses the docdb engine (when this fails, seed DocumentDB in the demo and test the collector here)', async () => {
    const docdb = emulator.clients().get(DocDBClient);
    await assert.rejects(
      () => docdb.send(new CreateDocDbClusterCommand({ DBClusterIdentifier: 'docs', Engine: 'docdb', MasterUsername: 'admin', MasterUserPassword: 'password-123' })),
      /Engine 'docdb' is not supported/,
    );
  });
});
