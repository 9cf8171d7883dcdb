/**
 * What the emulator cannot show: a hub that is not enabled
 * (InvalidAccessException), more findings than the collector reads, a refused
 * read, and a region where Security Hub is not offered. Injected with
 * aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { GetFindingsCommand, SecurityHubClient, SecurityHubServiceException, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { MAX_FINDINGS, securityHubCollector } from '../../../auditors/securityhub/collect.js';
import { securityHubAuditor } from '../../../auditors/securityhub/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): SecurityHubServiceException {
  return new SecurityHubServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const old = (n: number): AwsSecurityFinding => ({
  SchemaVersion: '2018-10-08', Id: `f-${n}`, ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/inspector', GeneratorId: 'g', AwsAccountId: ACCOUNT,
  Types: [], CreatedAt: '2024-01-01T00:00:00.000Z', UpdatedAt: '2024-01-01T00:00:00.000Z', Severity: { Label: 'HIGH' }, Title: `t${n}`, Description: 'd', Resources: [],
});

describe('securityHubCollector with injected answers', () => {
  let clients: AwsClients;
  let hub: AwsClientStub<SecurityHubClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    hub = mockClient(clients.get(SecurityHubClient));
    ctx = mockedContext(clients);
  });

  afterEach(() => {
    hub.restore();
    clients.destroy();
  });

  it('asks for this account\'s and region\'s active, unresolved HIGH and CRITICAL findings of other products, oldest first', async () => {
    // prepare
    hub.on(GetFindingsCommand).resolvesOnce({ Findings: [old(1)], NextToken: 'p2' }).resolvesOnce({ Findings: [old(2)] });

    // act
    const inventory = await securityHubCollector.collect(ctx);

    // assert
    const calls = hub.commandCalls(GetFindingsCommand).map((c) => c.args[0].input);
    assert.deepEqual(calls.map((c) => c.NextToken), [undefined, 'p2']);
    assert.deepEqual(calls[0]?.SortCriteria, [{ Field: 'CreatedAt', SortOrder: 'asc' }]);
    assert.deepEqual(calls[0]?.Filters, {
      AwsAccountId: [{ Value: ACCOUNT, Comparison: 'EQUALS' }],
      Region: [{ Value: REGION, Comparison: 'EQUALS' }],
      RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      WorkflowStatus: [{ Value: 'NEW', Comparison: 'EQUALS' }, { Value: 'NOTIFIED', Comparison: 'EQUALS' }],
      SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }, { Value: 'CRITICAL', Comparison: 'EQUALS' }],
      ProductFields: [{ Key: 'rampart/toolName', Value: 'rampart', Comparison: 'NOT_EQUALS' }],
      ProductName: [{ Value: 'rampart', Comparison: 'NOT_EQUALS' }],
    });
    assert.deepEqual(inventory.account?.findings.map((f) => f.id), ['f-1', 'f-2']);
    assert.equal(inventory.account?.truncated, false);
  });

  it('stops at the cap and says the count is a lower bound', async () => {
    // prepare
    let page = 0;
    hub.on(GetFindingsCommand).callsFake(() => {
      page += 1;
      return { Findings: Array.from({ length: 100 }, (_, i) => old(page * 100 + i)), NextToken: `p${page + 1}` };
    });

    // act
    const inventory = await securityHubCollector.collect(ctx);
    const { results } = evaluateChecks(task(securityHubAuditor.checks), inventory);

    // assert
    assert.equal(hub.commandCalls(GetFindingsCommand).length, MAX_FINDINGS / 100);
    assert.equal(inventory.account?.truncated, true);
    assert.match(results[0]?.summary ?? '', new RegExp(`holds ${MAX_FINDINGS} or more`));
  });

  it('a hub that is not enabled (InvalidAccessException) is not judged; a refused read fails the collection', async () => {
    // prepare
    hub.on(GetFindingsCommand).rejects(awsError('InvalidAccessException', 401));

    // act
    const disabled = await securityHubCollector.collect(ctx);
    hub.on(GetFindingsCommand).rejects(awsError('AccessDeniedException', 403));

    // assert
    assert.equal(disabled.account?.enabled, false);
    assert.deepEqual(evaluateChecks(task(securityHubAuditor.checks), disabled).results, []);
    await assert.rejects(() => securityHubCollector.collect(ctx), /AccessDeniedException/);
  });

  it('a region where Security Hub has no endpoint has an empty inventory and no finding', async () => {
    // prepare
    hub.on(GetFindingsCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND securityhub.xx-new-1.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act
    const inventory = await securityHubCollector.collect(ctx);

    // assert
    assert.equal(inventory.account, undefined);
    assert.deepEqual(evaluateChecks(task(securityHubAuditor.checks), inventory).results, []);
  });
});
