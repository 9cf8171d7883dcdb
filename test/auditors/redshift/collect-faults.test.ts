/**
 * What moto cannot show: DescribeClusters pages (moto ignores MaxRecords), a
 * logging status refused for one cluster, a cluster deleted mid-scan, an
 * answer without a flag, a refused re-read of one cluster. Injected with
 * aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DescribeClustersCommand, DescribeLoggingStatusCommand, RedshiftClient, RedshiftServiceException, type Cluster } from '@aws-sdk/client-redshift';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { redshiftCollector } from '../../../auditors/redshift/collect.js';
import { redshiftAuditor } from '../../../auditors/redshift/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): RedshiftServiceException {
  return new RedshiftServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const healthy = (ClusterIdentifier: string): Cluster => ({ ClusterIdentifier, PubliclyAccessible: false, Encrypted: true, EnhancedVpcRouting: true, Tags: [] });

describe('redshiftCollector with injected answers', () => {
  let clients: AwsClients;
  let redshift: AwsClientStub<RedshiftClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    redshift = mockClient(clients.get(RedshiftClient));
    ctx = mockedContext(clients);
    redshift.on(DescribeLoggingStatusCommand).resolves({ LoggingEnabled: true, BucketName: 'audit-logs', LogDestinationType: 's3' });
  });

  afterEach(() => {
    redshift.restore();
    clients.destroy();
  });

  it('follows DescribeClusters markers', async () => {
    // prepare
    redshift.on(DescribeClustersCommand)
      .resolvesOnce({ Clusters: [healthy('first')], Marker: 'page-2' })
      .resolvesOnce({ Clusters: [healthy('second')] });

    // act
    const inventory = await redshiftCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.clusters.map((c) => c.identifier), ['first', 'second']);
    assert.deepEqual(redshift.commandCalls(DescribeClustersCommand).map((call) => call.args[0].input), [{ MaxRecords: 100, Marker: undefined }, { MaxRecords: 100, Marker: 'page-2' }]);
  });

  it('a logging status refused for one cluster makes only its logging check ERROR', async () => {
    // prepare
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [healthy('refused'), healthy('fine')] });
    redshift.on(DescribeLoggingStatusCommand, { ClusterIdentifier: 'refused' }).rejects(awsError('AccessDenied', 403));

    // act
    const inventory = await redshiftCollector.collect(ctx);
    const { results } = evaluateChecks(task(redshiftAuditor.checks), inventory);

    // assert
    const notPassed = results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`);
    assert.deepEqual(notPassed, ['ERROR redshift-cluster-audit-logging-enabled refused']);
    const refused = inventory.clusters.find((c) => c.identifier === 'refused');
    assert.equal((refused?.ref.details?.AwsRedshiftCluster as Record<string, unknown>).LoggingStatus, undefined);
  });

  it('drops a cluster deleted between the listing and its logging status', async () => {
    // prepare
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [healthy('gone'), healthy('kept')] });
    redshift.on(DescribeLoggingStatusCommand, { ClusterIdentifier: 'gone' }).rejects(awsError('ClusterNotFoundFault', 404));

    // act
    const inventory = await redshiftCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.clusters.map((c) => c.identifier), ['kept']);
  });

  it('a cluster answer without PubliclyAccessible is an ERROR for that check, not a pass', async () => {
    // prepare
    const { PubliclyAccessible: _omitted, ...withoutFlag } = healthy('quiet');
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [withoutFlag] });

    // act
    const inventory = await redshiftCollector.collect(ctx);
    const { results } = evaluateChecks(task(redshiftAuditor.checks), inventory);

    // assert
    const error = results.find((r) => r.checkId === 'redshift-cluster-not-publicly-accessible');
    assert.equal(error?.status, 'ERROR');
    assert.match(error?.summary ?? '', /did not report PubliclyAccessible/);
  });

  it('a refused DescribeClusters fails the whole collection', async () => {
    // prepare
    redshift.on(DescribeClustersCommand).rejects(awsError('AccessDenied', 403));

    // act and assert
    await assert.rejects(() => redshiftCollector.collect(ctx), /AccessDenied/);
  });

  it('collectOne: a refused DescribeClusters fails the re-read, never reads as a deleted cluster', async () => {
    // prepare
    redshift.on(DescribeClustersCommand).rejects(awsError('AccessDenied', 403));
    const resource = { type: 'AwsRedshiftCluster', arn: `arn:aws:redshift:${REGION}:${ACCOUNT}:cluster:warehouse`, id: 'warehouse', region: REGION, partition: 'aws', tags: {} };

    // act and assert
    await assert.rejects(async () => redshiftCollector.collectOne?.(ctx, resource), /AccessDenied/);
  });

  it('collectOne: a cluster deleted before its logging status is read is absent', async () => {
    // prepare
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [healthy('warehouse')] });
    redshift.on(DescribeLoggingStatusCommand).rejects(awsError('ClusterNotFound', 404));
    const resource = { type: 'AwsRedshiftCluster', arn: `arn:aws:redshift:${REGION}:${ACCOUNT}:cluster:warehouse`, id: 'warehouse', region: REGION, partition: 'aws', tags: {} };

    // act
    const inventory = await redshiftCollector.collectOne?.(ctx, resource);

    // assert
    assert.deepEqual(inventory, { clusters: [] });
    assert.deepEqual(redshift.commandCalls(DescribeClustersCommand).map((c) => c.args[0].input), [{ ClusterIdentifier: 'warehouse' }]);
  });
});
