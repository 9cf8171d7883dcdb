/**
 * What moto cannot show: ServiceSoftwareOptions (moto omits them), the
 * five-name limit of DescribeDomains (moto accepts more), a domain being
 * deleted, tags refused. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DescribeDomainsCommand, ListDomainNamesCommand, ListTagsCommand, OpenSearchClient, OpenSearchServiceException } from '@aws-sdk/client-opensearch';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { openSearchCollector } from '../../../auditors/opensearch/collect.js';
import { opensearchAuditor } from '../../../auditors/opensearch/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, compliantStatus, task } from './fixtures.js';

function awsError(name: string, status: number): OpenSearchServiceException {
  return new OpenSearchServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const listed = (...names: string[]) => ({ DomainNames: names.map((DomainName) => ({ DomainName, EngineType: 'OpenSearch' as const })) });

describe('openSearchCollector with injected answers', () => {
  let clients: AwsClients;
  let client: AwsClientStub<OpenSearchClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    client = mockClient(clients.get(OpenSearchClient));
    ctx = mockedContext(clients);
    // Every described domain is compliant unless a test says otherwise.
    client.on(DescribeDomainsCommand).callsFake((input: { DomainNames: string[] }) => ({ DomainStatusList: input.DomainNames.map((name) => compliantStatus(name)) }));
    client.on(ListTagsCommand).resolves({ TagList: [{ Key: 'owner', Value: 'search-team' }] });
  });

  afterEach(() => {
    client.restore();
    clients.destroy();
  });

  it('asks DescribeDomains for at most five domains at a time', async () => {
    // prepare
    const names = Array.from({ length: 12 }, (_, i) => `d${i + 1}`);
    client.on(ListDomainNamesCommand).resolves(listed(...names));

    // act
    const inventory = await openSearchCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.domains.map((d) => d.name), names);
    assert.deepEqual(client.commandCalls(DescribeDomainsCommand).map((call) => call.args[0].input.DomainNames?.length), [5, 5, 2]);
    assert.deepEqual(inventory.domains[0]?.ref.tags, { owner: 'search-team' });
  });

  it('judges the service software answer moto does not give', async () => {
    // prepare
    client.on(ListDomainNamesCommand).resolves(listed('current', 'behind'));
    const behind = { ...compliantStatus('behind'), ServiceSoftwareOptions: { CurrentVersion: 'R20230928', NewVersion: 'R20240502', UpdateAvailable: true, UpdateStatus: 'ELIGIBLE' as const } };
    client.on(DescribeDomainsCommand).resolves({ DomainStatusList: [compliantStatus('current'), behind] });

    // act
    const inventory = await openSearchCollector.collect(ctx);
    const { results } = evaluateChecks(task(opensearchAuditor.checks), inventory);

    // assert
    const software = results.filter((r) => r.checkId === 'opensearch-domain-software-up-to-date').map((r) => `${r.status} ${r.resource.id}`);
    assert.deepEqual(software, ['PASSED current', 'FAILED behind']);
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => `${r.checkId} ${r.resource.id}`), ['opensearch-domain-software-up-to-date behind']);
  });

  it('skips a domain being deleted and one gone since the listing', async () => {
    // prepare
    client.on(ListDomainNamesCommand).resolves(listed('kept', 'deleting', 'vanished'));
    client.on(DescribeDomainsCommand).resolves({ DomainStatusList: [compliantStatus('kept'), { ...compliantStatus('deleting'), Deleted: true }] });

    // act
    const inventory = await openSearchCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.domains.map((d) => d.name), ['kept']);
    assert.deepEqual(client.commandCalls(ListTagsCommand).map((call) => call.args[0].input.ARN), [compliantStatus('kept').ARN]);
  });

  it('refused tags keep the domain untagged and leave every check judged', async () => {
    // prepare
    client.on(ListDomainNamesCommand).resolves(listed('secretive'));
    client.on(ListTagsCommand).rejects(awsError('AccessDeniedException', 403));

    // act
    const inventory = await openSearchCollector.collect(ctx);
    const { results } = evaluateChecks(task(opensearchAuditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.domains.map((d) => [d.name, d.ref.tags, d.tags.ok]), [['secretive', {}, false]]);
    assert.deepEqual([...new Set(results.map((r) => r.status))], ['PASSED']);
  });

  it('drops a domain whose tags say it no longer exists', async () => {
    // prepare
    client.on(ListDomainNamesCommand).resolves(listed('gone', 'kept'));
    client.on(ListTagsCommand, { ARN: compliantStatus('gone').ARN }).rejects(awsError('ResourceNotFoundException', 409));

    // act
    const inventory = await openSearchCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.domains.map((d) => d.name), ['kept']);
  });

  it('a refused ListDomainNames or DescribeDomains fails the whole collection', async () => {
    // prepare
    client.on(ListDomainNamesCommand).rejectsOnce(awsError('AccessDeniedException', 403)).resolves(listed('d1'));
    client.on(DescribeDomainsCommand).rejects(awsError('AccessDeniedException', 403));

    // act and assert
    await assert.rejects(() => openSearchCollector.collect(ctx), /AccessDeniedException/);
    await assert.rejects(() => openSearchCollector.collect(ctx), /AccessDeniedException/);
    assert.equal(client.commandCalls(DescribeDomainsCommand).length, 1);
  });
});
