/**
 * What moto cannot show: ListUserPools pages, a pool refused or deleted
 * between the listing and its description, a denied listing, a region where
 * the service has no endpoint. Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CognitoIdentityProviderClient, CognitoIdentityProviderServiceException, DescribeUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { cognitoCollector } from '../../../auditors/cognito/collect.js';
import { cognitoAuditor } from '../../../auditors/cognito/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): CognitoIdentityProviderServiceException {
  return new CognitoIdentityProviderServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const STRONG = { MinimumLength: 14, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 };

describe('cognitoCollector with injected answers', () => {
  let clients: AwsClients;
  let cognito: AwsClientStub<CognitoIdentityProviderClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    cognito = mockClient(clients.get(CognitoIdentityProviderClient));
    ctx = mockedContext(clients);
    cognito.on(DescribeUserPoolCommand).callsFake((input: { UserPoolId: string }) => ({
      UserPool: { Id: input.UserPoolId, Name: input.UserPoolId, MfaConfiguration: 'ON', Policies: { PasswordPolicy: STRONG }, UserPoolTags: { owner: 'team' } },
    }));
  });

  afterEach(() => {
    cognito.restore();
    clients.destroy();
  });

  it('follows ListUserPools pages, 60 pools a page', async () => {
    // prepare
    cognito.on(ListUserPoolsCommand).resolvesOnce({ UserPools: [{ Id: 'us-east-1_a' }], NextToken: 'page-2' }).resolvesOnce({ UserPools: [{ Id: 'us-east-1_b' }] });

    // act
    const inventory = await cognitoCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.userPools.map((p) => [p.id, p.ref.tags.owner]), [['us-east-1_a', 'team'], ['us-east-1_b', 'team']]);
    assert.deepEqual(cognito.commandCalls(ListUserPoolsCommand).map((call) => call.args[0].input), [{ MaxResults: 60, NextToken: undefined }, { MaxResults: 60, NextToken: 'page-2' }]);
  });

  it('a pool refused makes its checks ERROR and marks its tags unknown; one deleted since the listing is dropped', async () => {
    // prepare
    cognito.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: 'us-east-1_refused', Name: 'refused' }, { Id: 'us-east-1_gone' }, { Id: 'us-east-1_fine' }] });
    cognito.on(DescribeUserPoolCommand, { UserPoolId: 'us-east-1_refused' }).rejects(awsError('AccessDeniedException', 403));
    cognito.on(DescribeUserPoolCommand, { UserPoolId: 'us-east-1_gone' }).rejects(awsError('ResourceNotFoundException', 400));

    // act
    const inventory = await cognitoCollector.collect(ctx);
    const { results } = evaluateChecks(task(cognitoAuditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.userPools.map((p) => p.id), ['us-east-1_refused', 'us-east-1_fine']);
    assert.match(inventory.userPools[0]?.ref.tagsError ?? '', /AccessDeniedException/);
    assert.deepEqual(results.map((r) => `${r.status} ${r.resource.id}`), [
      'ERROR us-east-1_refused', 'PASSED us-east-1_fine',
      'ERROR us-east-1_refused', 'PASSED us-east-1_fine',
      'ERROR us-east-1_refused', 'PASSED us-east-1_fine',
    ]);
  });

  it('an answer without MfaConfiguration is an ERROR for the MFA check only', async () => {
    // prepare
    cognito.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: 'us-east-1_old' }] });
    cognito.on(DescribeUserPoolCommand).resolves({ UserPool: { Id: 'us-east-1_old', Policies: { PasswordPolicy: STRONG } } });

    // act
    const { results } = evaluateChecks(task(cognitoAuditor.checks), await cognitoCollector.collect(ctx));

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId}`), [
      'PASSED cognito-user-pool-password-policy-strong',
      'PASSED cognito-user-pool-temporary-password-short-lived',
      'ERROR cognito-user-pool-mfa-required',
    ]);
  });

  it('a denied listing fails the whole collection', async () => {
    cognito.on(ListUserPoolsCommand).rejects(awsError('AccessDeniedException', 403));
    await assert.rejects(() => cognitoCollector.collect(ctx), /AccessDeniedException/);
  });

  it('a region where Cognito has no endpoint is an empty inventory, not an error', async () => {
    // prepare
    cognito.on(ListUserPoolsCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND cognito-idp.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));

    // act and assert
    assert.deepEqual(await cognitoCollector.collect(ctx), { userPools: [] });
  });
});
