/**
 * moto does not serve IAM Access Analyzer (the emulator's front answers only
 * CreateAnalyzer and ListAnalyzers), so the collector's edge cases are tested
 * with aws-sdk-client-mock: paginated analyzers, the fields read, a refused
 * listing, and a region where the service is not offered.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { AccessAnalyzerClient, AccessAnalyzerServiceException, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { accessAnalyzerCollector } from '../../../auditors/accessanalyzer/collect.js';
import { accessAnalyzerAuditor } from '../../../auditors/accessanalyzer/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): AccessAnalyzerServiceException {
  return new AccessAnalyzerServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const CREATED = new Date('2025-01-01T00:00:00Z');

describe('accessAnalyzerCollector with injected answers', () => {
  let clients: AwsClients;
  let analyzer: AwsClientStub<AccessAnalyzerClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    analyzer = mockClient(clients.get(AccessAnalyzerClient));
    ctx = mockedContext(clients);
  });

  afterEach(() => {
    analyzer.restore();
    clients.destroy();
  });

  it('follows the pages of analyzers and reads their name, type, status and its reason', async () => {
    // prepare
    analyzer.on(ListAnalyzersCommand)
      .resolvesOnce({ analyzers: [{ name: 'unused', arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', createdAt: CREATED }], nextToken: 'p2' })
      .resolvesOnce({ analyzers: [{ name: 'external', arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/external', type: 'ACCOUNT', status: 'FAILED', statusReason: { code: 'SERVICE_LINKED_ROLE_CREATION_FAILED' }, createdAt: CREATED }] });

    // act
    const inventory = await accessAnalyzerCollector.collect(ctx);
    const { results } = evaluateChecks(task(accessAnalyzerAuditor.checks), inventory);

    // assert
    assert.deepEqual(analyzer.commandCalls(ListAnalyzersCommand).map((c) => c.args[0].input.nextToken), [undefined, 'p2']);
    assert.deepEqual(inventory.account?.analyzers.map((a) => [a.name, a.type, a.status, a.statusReason ?? null]), [
      ['unused', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE', null],
      ['external', 'ACCOUNT', 'FAILED', 'SERVICE_LINKED_ROLE_CREATION_FAILED'],
    ]);
    assert.deepEqual(results.map((r) => [r.resource.type, r.status]), [['AwsAccount', 'FAILED']]);
    assert.deepEqual((results[0]?.evidence.analyzers as Array<{ status_reason?: string }>)[1]?.status_reason, 'SERVICE_LINKED_ROLE_CREATION_FAILED');
  });

  it('an active external access analyzer passes', async () => {
    // prepare
    analyzer.on(ListAnalyzersCommand).resolves({ analyzers: [{ name: 'external', arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/external', type: 'ACCOUNT', status: 'ACTIVE', createdAt: CREATED }] });

    // act
    const { results } = evaluateChecks(task(accessAnalyzerAuditor.checks), await accessAnalyzerCollector.collect(ctx));

    // assert
    assert.deepEqual(results.map((r) => r.status), ['PASSED']);
  });

  it('a refused ListAnalyzers fails the collection, never reads as no analyzer', async () => {
    analyzer.on(ListAnalyzersCommand).rejects(awsError('AccessDeniedException', 403));
    await assert.rejects(() => accessAnalyzerCollector.collect(ctx), /AccessDeniedException/);
  });

  it('a region where Access Analyzer has no endpoint has an empty inventory and no finding', async () => {
    // prepare
    analyzer.on(ListAnalyzersCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND access-analyzer.xx-new-1.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act
    const inventory = await accessAnalyzerCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory, {});
    assert.deepEqual(evaluateChecks(task(accessAnalyzerAuditor.checks), inventory).results, []);
  });
});
