/**
 * What moto cannot show: ListClusters pages, a cluster refused or deleted
 * mid-scan, an answer without the endpoint settings (moto keeps only what it
 * was given; AWS always reports them), a region without EKS. Injected with
 * aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DescribeClusterCommand, EKSClient, EKSServiceException, ListClustersCommand } from '@aws-sdk/client-eks';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { eksCollector } from '../../../auditors/eks/collect.js';
import { eksAuditor } from '../../../auditors/eks/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): EKSServiceException {
  return new EKSServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

describe('eksCollector with injected answers', () => {
  let clients: AwsClients;
  let eks: AwsClientStub<EKSClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    eks = mockClient(clients.get(EKSClient));
    ctx = mockedContext(clients);
    eks.on(DescribeClusterCommand).callsFake((input: { name: string }) => ({
      cluster: {
        name: input.name, arn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${input.name}`, version: '1.35', status: 'ACTIVE', tags: { owner: 'team' },
        resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true, publicAccessCidrs: ['0.0.0.0/0'] },
      },
    }));
  });

  afterEach(() => {
    eks.restore();
    clients.destroy();
  });

  it('follows ListClusters pages', async () => {
    // prepare
    eks.on(ListClustersCommand).resolvesOnce({ clusters: ['first'], nextToken: 'page-2' }).resolvesOnce({ clusters: ['second'] });

    // act
    const inventory = await eksCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.clusters.map((c) => [c.name, c.ref.tags.owner]), [['first', 'team'], ['second', 'team']]);
    assert.deepEqual(eks.commandCalls(ListClustersCommand).map((call) => call.args[0].input), [{ maxResults: 100, nextToken: undefined }, { maxResults: 100, nextToken: 'page-2' }]);
  });

  it('a cluster refused makes its checks ERROR (and its tags unknown); a cluster deleted mid-scan is dropped', async () => {
    // prepare
    eks.on(ListClustersCommand).resolves({ clusters: ['refused', 'gone', 'fine'] });
    eks.on(DescribeClusterCommand, { name: 'refused' }).rejects(awsError('AccessDeniedException', 403));
    eks.on(DescribeClusterCommand, { name: 'gone' }).rejects(awsError('ResourceNotFoundException', 404));

    // act
    const inventory = await eksCollector.collect(ctx);
    const { results } = evaluateChecks(task(eksAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), [
      'ERROR eks-cluster-endpoint-not-public refused',
      'PASSED eks-cluster-endpoint-not-public fine',
      'ERROR eks-cluster-kubernetes-version-supported refused',
      'PASSED eks-cluster-kubernetes-version-supported fine',
    ]);
    assert.match(inventory.clusters[0]?.ref.tagsError ?? '', /AccessDenied/);
  });

  it('an answer without the endpoint settings is an ERROR for the endpoint check only', async () => {
    // prepare
    eks.on(ListClustersCommand).resolves({ clusters: ['bare'] });
    eks.on(DescribeClusterCommand).resolves({ cluster: { name: 'bare', version: '1.35' } });

    // act
    const { results } = evaluateChecks(task(eksAuditor.checks), await eksCollector.collect(ctx));

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId}`), ['ERROR eks-cluster-endpoint-not-public', 'PASSED eks-cluster-kubernetes-version-supported']);
  });

  it('a refused ListClusters fails the collection; a region without an EKS endpoint is an empty inventory', async () => {
    // prepare
    eks.on(ListClustersCommand).rejectsOnce(awsError('AccessDeniedException', 403)).rejectsOnce(Object.assign(new Error('getaddrinfo ENOTFOUND eks.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act and assert
    await assert.rejects(() => eksCollector.collect(ctx), /AccessDenied/);
    assert.deepEqual((await eksCollector.collect(ctx)).clusters, []);
  });
});
