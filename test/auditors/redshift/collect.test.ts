import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateClusterCommand, EnableLoggingCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedRedshift } from '../../../src/emulator/seeds/redshift.js';
import { redshiftCollector } from '../../../auditors/redshift/collect.js';
import { redshiftAuditor } from '../../../auditors/redshift/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';
import { statusTable } from '../../helpers/status-table.js';

const emulator = useEmulator();

const CHECK_ORDER = [
  'redshift-cluster-not-publicly-accessible',
  'redshift-cluster-encrypted',
  'redshift-cluster-enhanced-vpc-routing',
  'redshift-cluster-audit-logging-enabled',
] as const;

async function seedMore(): Promise<void> {
  const redshift = emulator.clients().get(RedshiftClient);
  const base = { NodeType: 'dc2.large', ClusterType: 'single-node', MasterUsername: 'admin', MasterUserPassword: 'Passw0rd-demo' } as const;
  await redshift.send(new CreateClusterCommand({ ...base, ClusterIdentifier: 'logged-to-s3', PubliclyAccessible: false, Encrypted: false, EnhancedVpcRouting: true }));
  await redshift.send(new EnableLoggingCommand({ ClusterIdentifier: 'logged-to-s3', BucketName: 'audit-logs', S3KeyPrefix: 'redshift/' }));
}

describe('redshiftCollector against the emulator', () => {
  it('collects every cluster and the checks judge each one', async () => {
    // prepare
    await seedRedshift(emulator.clients());
    await seedMore();

    // act
    const inventory = await redshiftCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(redshiftAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //                        public  encrypt vpc     logging
      'demo-redshift-exposed': ['FAIL', 'FAIL', 'FAIL', 'FAIL'],
      'demo-redshift-private': ['PASS', 'PASS', 'PASS', 'PASS'],
      'logged-to-s3':          ['PASS', 'FAIL', 'PASS', 'PASS'],
    });
    const logging = results.find((r) => r.checkId === 'redshift-cluster-audit-logging-enabled' && r.resource.id === 'logged-to-s3');
    assert.equal(logging?.summary, 'audit logs are delivered to S3 bucket audit-logs');
  });

  it('the demo seed fails every check at least once and its decoy fails none', async () => {
    // prepare
    const seed = await seedRedshift(emulator.clients());

    // act
    const inventory = await redshiftCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(redshiftAuditor.checks), inventory);

    // assert
    for (const check of redshiftAuditor.checks) {
      assert.ok(results.some((r) => r.checkId === check.meta.id && r.status === 'FAILED' && seed.insecure.includes(r.resource.id)), `${check.meta.id} fails on the demo`);
    }
    const onDecoys = results.filter((r) => seed.compliant.includes(r.resource.id) && r.status !== 'PASSED');
    assert.deepEqual(onDecoys.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), []);
  });

  it('names each cluster by ARN, with its tags and ASFF details', async () => {
    // prepare
    await seedRedshift(emulator.clients());

    // act
    const inventory = await redshiftCollector.collect(emulator.collectContext());

    // assert
    const exposed = inventory.clusters.find((c) => c.identifier === 'demo-redshift-exposed');
    assert.equal(exposed?.ref.arn, `arn:aws:redshift:${REGION}:${DEFAULT_ACCOUNT}:cluster:demo-redshift-exposed`);
    assert.deepEqual(exposed?.ref.tags, { owner: 'analytics' });
    const details = inventory.clusters.find((c) => c.identifier === 'demo-redshift-private')?.ref.details?.AwsRedshiftCluster as Record<string, unknown>;
    assert.equal(details.ClusterIdentifier, 'demo-redshift-private');
    assert.equal(details.Encrypted, true);
    assert.equal(details.EnhancedVpcRouting, true);
    assert.equal(details.PubliclyAccessible, false);
    assert.deepEqual(Object.keys(details.Endpoint as object).sort(), ['Address', 'Port']);
    assert.equal((details.LoggingStatus as Record<string, unknown>).LoggingEnabled, true);
  });

  it('reads the logging status once per cluster', async () => {
    // prepare
    await seedRedshift(emulator.clients());
    await seedMore();
    const counter = new RequestCounter();

    // act
    const inventory = await redshiftCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.equal(inventory.clusters.length, 3);
    assert.deepEqual(counter.snapshot(), { 'Redshift:DescribeClusters': 1, 'Redshift:DescribeLoggingStatus': 3 });
  });

  it('a region without clusters is an empty inventory', async () => {
    const inventory = await redshiftCollector.collect(emulator.collectContext());
    assert.deepEqual(inventory, { clusters: [] });
  });

  it('collectOne reads one cluster exactly as the scan reads it', async () => {
    // prepare
    await seedRedshift(emulator.clients());
    await seedMore();
    const scanned = (await redshiftCollector.collect(emulator.collectContext())).clusters;
    const exposed = scanned.find((c) => c.identifier === 'demo-redshift-exposed');
    assert.ok(exposed);
    const counter = new RequestCounter();

    // act
    const one = await redshiftCollector.collectOne?.(emulator.collectContext({ counter }), exposed.ref);

    // assert
    assert.deepEqual(one, { clusters: [exposed] });
    assert.deepEqual(counter.snapshot(), { 'Redshift:DescribeClusters': 1, 'Redshift:DescribeLoggingStatus': 1 });
  });

  it('collectOne: a cluster that no longer exists is absent', async () => {
    // act
    const one = await redshiftCollector.collectOne?.(emulator.collectContext(), { type: 'AwsRedshiftCluster', arn: `arn:aws:redshift:${REGION}:${DEFAULT_ACCOUNT}:cluster:gone`, id: 'gone', region: REGION, partition: 'aws', tags: {} });

    // assert
    assert.deepEqual(one, { clusters: [] });
  });
});
