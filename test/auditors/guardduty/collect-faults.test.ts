/**
 * What moto cannot show: paginated detectors, a refused detector read, a
 * refused listing, and a region where GuardDuty is not offered. Injected with
 * aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { GetDetectorCommand, GuardDutyClient, GuardDutyServiceException, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { guardDutyCollector } from '../../../auditors/guardduty/collect.js';
import { guardDutyAuditor } from '../../../auditors/guardduty/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): GuardDutyServiceException {
  return new GuardDutyServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

describe('guardDutyCollector with injected answers', () => {
  let clients: AwsClients;
  let guardDuty: AwsClientStub<GuardDutyClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    guardDuty = mockClient(clients.get(GuardDutyClient));
    ctx = mockedContext(clients);
    guardDuty.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
  });

  afterEach(() => {
    guardDuty.restore();
    clients.destroy();
  });

  it('follows the pages of detectors and reads each once', async () => {
    // prepare
    guardDuty.on(ListDetectorsCommand).resolvesOnce({ DetectorIds: ['d-1'], NextToken: 'p2' }).resolvesOnce({ DetectorIds: ['d-2'] });
    guardDuty.on(GetDetectorCommand, { DetectorId: 'd-1' }).resolves({ Status: 'DISABLED', ServiceRole: 'x' });
    guardDuty.on(GetDetectorCommand, { DetectorId: 'd-2' }).resolves({ Status: 'ENABLED', ServiceRole: 'x' });

    // act
    const inventory = await guardDutyCollector.collect(ctx);
    const { results } = evaluateChecks(task(guardDutyAuditor.checks), inventory);

    // assert
    assert.deepEqual(guardDuty.commandCalls(ListDetectorsCommand).map((c) => c.args[0].input.NextToken), [undefined, 'p2']);
    assert.equal(guardDuty.commandCalls(GetDetectorCommand).length, 2);
    assert.deepEqual(results.map((r) => r.status), ['PASSED']);
  });

  it('a refused detector read is an ERROR, never a suspended or missing GuardDuty', async () => {
    // prepare
    guardDuty.on(ListDetectorsCommand).resolves({ DetectorIds: ['d-1'] });
    guardDuty.on(GetDetectorCommand).rejects(awsError('AccessDeniedException', 403));

    // act
    const { results } = evaluateChecks(task(guardDutyAuditor.checks), await guardDutyCollector.collect(ctx));

    // assert
    assert.deepEqual(results.map((r) => r.status), ['ERROR']);
    assert.match(results[0]?.summary ?? '', /AccessDeniedException/);
  });

  it('a refused ListDetectors fails the collection', async () => {
    guardDuty.on(ListDetectorsCommand).rejects(awsError('AccessDeniedException', 403));
    await assert.rejects(() => guardDutyCollector.collect(ctx), /AccessDeniedException/);
  });

  it('a region where GuardDuty has no endpoint has an empty inventory and no finding', async () => {
    // prepare
    guardDuty.on(ListDetectorsCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND guardduty.xx-new-1.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act
    const inventory = await guardDutyCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory, {});
    assert.deepEqual(evaluateChecks(task(guardDutyAuditor.checks), inventory).results, []);
  });
});
