/**
 * What the emulator cannot show: old secrets, managed rotation, a refused
 * listing, a region where Secrets Manager is not offered, and an answer that
 * lists a deleted secret. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { ListSecretsCommand, SecretsManagerClient, SecretsManagerServiceException } from '@aws-sdk/client-secrets-manager';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { secretsManagerCollector } from '../../../auditors/secretsmanager/collect.js';
import { secretsmanagerAuditor } from '../../../auditors/secretsmanager/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

const arn = (name: string): string => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-AbCdEf`;
const daysAgo = (days: number): Date => new Date(Date.now() - days * 86_400_000);

describe('secretsManagerCollector with injected answers', () => {
  let clients: AwsClients;
  let secrets: AwsClientStub<SecretsManagerClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    secrets = mockClient(clients.get(SecretsManagerClient));
    ctx = mockedContext(clients);
  });

  afterEach(() => {
    secrets.restore();
    clients.destroy();
  });

  it('judges old and managed secrets across pages, measuring from the scan time', async () => {
    // prepare
    secrets.on(ListSecretsCommand)
      .resolvesOnce({
        SecretList: [
          { ARN: arn('legacy'), Name: 'legacy', CreatedDate: daysAgo(400) },
          { ARN: arn('stuck'), Name: 'stuck', CreatedDate: daysAgo(400), RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 }, LastRotatedDate: daysAgo(95) },
        ],
        NextToken: 'p2',
      })
      .resolvesOnce({
        SecretList: [
          { ARN: arn('rds!cluster-1'), Name: 'rds!cluster-1', OwningService: 'rds', CreatedDate: daysAgo(400), RotationEnabled: true, RotationRules: { ScheduleExpression: 'rate(7 days)' }, LastRotatedDate: daysAgo(3) },
          { ARN: arn('scheduled-for-deletion'), Name: 'scheduled-for-deletion', CreatedDate: daysAgo(400), DeletedDate: daysAgo(1) },
        ],
      });

    // act
    const inventory = await secretsManagerCollector.collect(ctx);
    const { results } = evaluateChecks(task(secretsmanagerAuditor.checks), inventory);

    // assert
    assert.deepEqual(secrets.commandCalls(ListSecretsCommand).map((c) => c.args[0].input), [{ MaxResults: 100, NextToken: undefined }, { MaxResults: 100, NextToken: 'p2' }]);
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), [
      'FAILED secretsmanager-secret-rotation-enabled legacy',
      'PASSED secretsmanager-secret-rotation-enabled stuck',
      'PASSED secretsmanager-secret-rotation-enabled rds!cluster-1',
      'FAILED secretsmanager-secret-rotated-recently legacy',
      'FAILED secretsmanager-secret-rotated-recently stuck',
      'PASSED secretsmanager-secret-rotated-recently rds!cluster-1',
    ]);
  });

  it('a region where Secrets Manager has no endpoint is an empty inventory; a refused listing fails the collection', async () => {
    // prepare
    secrets.on(ListSecretsCommand).rejectsOnce(Object.assign(new Error('getaddrinfo ENOTFOUND secretsmanager.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));
    const refusal = new SecretsManagerServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'User is not authorized to perform: secretsmanager:ListSecrets (injected)' });

    // act
    const inventory = await secretsManagerCollector.collect(ctx);
    secrets.on(ListSecretsCommand).rejects(refusal);

    // assert
    assert.deepEqual(inventory.secrets, []);
    await assert.rejects(() => secretsManagerCollector.collect(ctx), /AccessDeniedException/);
  });
});
