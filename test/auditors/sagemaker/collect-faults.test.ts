/**
 * What moto cannot show: list pages, a describe refused or answering "could
 * not find" for a resource deleted mid-scan, tags refused, a denied listing,
 * a region without the service. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  DescribeEndpointConfigCommand, DescribeModelCommand, DescribeNotebookInstanceCommand, ListEndpointConfigsCommand, ListModelsCommand,
  ListNotebookInstancesCommand, ListTagsCommand, SageMakerClient, SageMakerServiceException,
} from '@aws-sdk/client-sagemaker';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { sageMakerCollector } from '../../../auditors/sagemaker/collect.js';
import { sagemakerAuditor } from '../../../auditors/sagemaker/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, KEY, REGION, task } from './fixtures.js';

function awsError(name: string, status: number, message = `${name} (injected)`): SageMakerServiceException {
  return new SageMakerServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message });
}

const arn = (kind: string, name: string): string => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${kind}/${name}`;
const CreationTime = new Date('2026-01-05T10:00:00Z');

describe('sageMakerCollector with injected answers', () => {
  let clients: AwsClients;
  let sm: AwsClientStub<SageMakerClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    sm = mockClient(clients.get(SageMakerClient));
    ctx = mockedContext(clients);
    sm.on(ListNotebookInstancesCommand).resolves({ NotebookInstances: [] });
    sm.on(ListEndpointConfigsCommand).resolves({ EndpointConfigs: [] });
    sm.on(ListModelsCommand).resolves({ Models: [] });
    sm.on(ListTagsCommand).resolves({ Tags: [{ Key: 'owner', Value: 'ml' }] });
    sm.on(DescribeNotebookInstanceCommand).resolves({ DirectInternetAccess: 'Disabled', SubnetId: 'subnet-0abc', KmsKeyId: KEY });
    sm.on(DescribeModelCommand).resolves({ EnableNetworkIsolation: true });
  });

  afterEach(() => {
    sm.restore();
    clients.destroy();
  });

  it('follows the list pages of every kind', async () => {
    // prepare
    sm.on(ListNotebookInstancesCommand)
      .resolvesOnce({ NotebookInstances: [{ NotebookInstanceName: 'a', NotebookInstanceArn: arn('notebook-instance', 'a') }], NextToken: 'n2' })
      .resolvesOnce({ NotebookInstances: [{ NotebookInstanceName: 'b', NotebookInstanceArn: arn('notebook-instance', 'b') }] });
    sm.on(ListModelsCommand)
      .resolvesOnce({ Models: [{ ModelName: 'm1', ModelArn: arn('model', 'm1'), CreationTime }], NextToken: 'm2' })
      .resolvesOnce({ Models: [{ ModelName: 'm2', ModelArn: arn('model', 'm2'), CreationTime }] });

    // act
    const inventory = await sageMakerCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.notebooks.map((n) => [n.name, n.ref.tags.owner]), [['a', 'ml'], ['b', 'ml']]);
    assert.deepEqual(inventory.models.map((m) => m.name), ['m1', 'm2']);
    assert.deepEqual(sm.commandCalls(ListNotebookInstancesCommand).map((c) => c.args[0].input), [{ MaxResults: 100, NextToken: undefined }, { MaxResults: 100, NextToken: 'n2' }]);
  });

  it('a refused describe makes that resource\'s checks ERROR; one deleted since the listing is dropped', async () => {
    // prepare
    sm.on(ListEndpointConfigsCommand).resolves({
      EndpointConfigs: ['refused', 'gone', 'fine'].map((name) => ({ EndpointConfigName: name, EndpointConfigArn: arn('endpoint-config', name), CreationTime })),
    });
    sm.on(DescribeEndpointConfigCommand).resolves({ KmsKeyId: KEY, ProductionVariants: [] });
    sm.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'refused' }).rejects(awsError('AccessDeniedException', 400));
    sm.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'gone' }).rejects(awsError('ValidationException', 400, 'Could not find endpoint configuration "gone".'));

    // act
    const inventory = await sageMakerCollector.collect(ctx);
    const { results } = evaluateChecks(task(sagemakerAuditor.checks), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), [
      'ERROR sagemaker-endpoint-config-kms-encrypted refused',
      'PASSED sagemaker-endpoint-config-kms-encrypted fine',
    ]);
  });

  it('tags refused keep the notebook, untagged, with the reason', async () => {
    // prepare
    sm.on(ListNotebookInstancesCommand).resolves({ NotebookInstances: [{ NotebookInstanceName: 'secretive', NotebookInstanceArn: arn('notebook-instance', 'secretive') }] });
    sm.on(ListTagsCommand).rejects(awsError('AccessDeniedException', 400));

    // act
    const inventory = await sageMakerCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.notebooks.map((n) => [n.name, n.ref.tags, n.settings.ok]), [['secretive', {}, true]]);
    assert.match(inventory.notebooks[0]?.ref.tagsError ?? '', /AccessDeniedException/);
  });

  it('a denied listing fails the whole collection; a region without an endpoint is empty', async () => {
    // prepare
    sm.on(ListModelsCommand).rejects(awsError('AccessDeniedException', 400));

    // act and assert
    await assert.rejects(() => sageMakerCollector.collect(ctx), /AccessDeniedException/);
    sm.on(ListModelsCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND api.sagemaker.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));
    assert.deepEqual(await sageMakerCollector.collect(ctx), { notebooks: [], endpointConfigs: [], models: [] });
  });
});
