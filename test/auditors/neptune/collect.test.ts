import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateDBClusterCommand, CreateDBInstanceCommand, NeptuneClient } from '@aws-sdk/client-neptune';
import { CreateDBClusterCommand as CreateRdsClusterCommand, CreateDBInstanceCommand as CreateRdsInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { iamActionFor } from '../../../src/aws/iam-actions.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedNeptune } from '../../../src/emulator/seeds/neptune.js';
import { neptuneCollector } from '../../../auditors/neptune/collect.js';
import { neptuneAuditor } from '../../../auditors/neptune/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';

const emulator = useEmulator();
const CHECKS = ['neptune-cluster-storage-encrypted', 'neptune-cluster-iam-authentication-enabled', 'neptune-cluster-multi-az'] as const;

const neptune = (): NeptuneClient => emulator.clients().get(NeptuneClient);

async function graphCluster(id: string, zones: string[], options: { encrypted?: boolean; tags?: Record<string, string> } = {}): Promise<void> {
  const Tags = Object.entries(options.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  await neptune().send(new CreateDBClusterCommand({ DBClusterIdentifier: id, Engine: 'neptune', StorageEncrypted: options.encrypted ?? false, ...(Tags.length ? { Tags } : {}) }));
  for (const [i, zone] of zones.entries()) {
    await neptune().send(new CreateDBInstanceCommand({ DBInstanceIdentifier: `${id}-${i + 1}`, Engine: 'neptune', DBInstanceClass: 'db.r6g.large', DBClusterIdentifier: id, AvailabilityZone: zone }));
  }
}

describe('neptuneCollector against the emulator', () => {
  it('reads Neptune clusters through the Neptune client, leaves RDS resources out, and the checks judge each cluster', async () => {
    // prepare
    await graphCluster('single', [`${REGION}a`], { tags: { owner: 'alice' } });
    await graphCluster('replicated', [`${REGION}a`, `${REGION}b`], { encrypted: true });
    await graphCluster('same-zone', [`${REGION}c`, `${REGION}c`], { encrypted: true });
    const rds = emulator.clients().get(RDSClient);
    await rds.send(new CreateRdsClusterCommand({ DBClusterIdentifier: 'aurora', Engine: 'aurora-mysql', MasterUsername: 'admin', MasterUserPassword: 'password-123' }));
    await rds.send(new CreateRdsInstanceCommand({ DBInstanceIdentifier: 'aurora-1', Engine: 'aurora-mysql', DBInstanceClass: 'db.r6g.large', DBClusterIdentifier: 'aurora' }));

    // act
    const inventory = await neptuneCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(neptuneAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECKS), {
      //             encrypt iamAuth multiAZ  (the emulator cannot turn IAM authentication on for Neptune)
      'single':     ['FAIL', 'FAIL', 'FAIL'],
      'replicated': ['PASS', 'FAIL', 'PASS'],
      'same-zone':  ['PASS', 'FAIL', 'FAIL'],
    });
    assert.deepEqual(inventory.instances.map((i) => i.identifier).sort(), ['replicated-1', 'replicated-2', 'same-zone-1', 'same-zone-2', 'single-1']);
    const single = inventory.clusters.find((c) => c.identifier === 'single');
    assert.equal(single?.ref.arn, `arn:aws:rds:${REGION}:${DEFAULT_ACCOUNT}:cluster:single`);
    assert.deepEqual(single?.ref.tags, { owner: 'alice' });
    const details = single?.ref.details?.AwsRdsDbCluster as Record<string, unknown>;
    assert.deepEqual([details.Engine, details.StorageEncrypted, details.IamDatabaseAuthenticationEnabled], ['neptune', false, false]);
  });

  it('reads tags once per cluster, none per instance, and calls only what it declares', async () => {
    // prepare
    await graphCluster('a', [`${REGION}a`, `${REGION}b`]);
    await graphCluster('b', [`${REGION}a`]);
    const counter = new RequestCounter();

    // act
    await neptuneCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(counter.snapshot(), { 'Neptune:DescribeDBClusters': 1, 'Neptune:DescribeDBInstances': 1, 'Neptune:ListTagsForResource': 2 });
    assert.deepEqual(Object.keys(counter.snapshot()).map(iamActionFor).sort(), [...neptuneCollector.permissions].sort());
  });

  it('an account without Neptune is an empty inventory', async () => {
    assert.deepEqual(await neptuneCollector.collect(emulator.collectContext()), { clusters: [], instances: [] });
  });
});

describe('the Neptune demo seed', () => {
  it('fails every check on the insecure cluster; the replicated cluster fails only what the emulator cannot turn on', async () => {
    // prepare
    const seeded = await seedNeptune(emulator.clients());

    // act
    const inventory = await neptuneCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(neptuneAuditor.checks), inventory);

    // assert
    for (const id of CHECKS) assert.ok(results.some((r) => r.checkId === id && r.status === 'FAILED' && seeded.insecure.includes(r.resource.id)), `${id} fails an insecure cluster`);
    assert.deepEqual(results.filter((r) => r.resource.id === 'demo-graph-replicated' && r.status !== 'PASSED').map((r) => r.checkId), ['neptune-cluster-iam-authentication-enabled']);
  });
});
