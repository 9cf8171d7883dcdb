/**
 * What moto cannot show: paginated listings, a last-use read refused for one
 * key, a key deleted mid-scan, refused listings and a missing creation date;
 * for collectOne, a user deleted between two reads and a refused read.
 * Injected with aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  IAMClient,
  IAMServiceException,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { silentLogger, type Logger } from '../../../src/util/logger.js';
import { iamCollector } from '../../../auditors/iam/collect.js';
import { iamAuditor } from '../../../auditors/iam/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { readCredentialReport } from '../../../auditors/iam/fetch.js';
import { ACCOUNT, REGION, reportRow, rootRow, task } from './fixtures.js';

function awsError(name: string, status: number): IAMServiceException {
  return new IAMServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const CREATED = new Date(Date.now() - 10 * 86_400_000);

/** A credential report as GetCredentialReport returns it: CSV bytes. */
function reportContent(rows: Array<Record<string, string>>): Uint8Array {
  const header = Object.keys(rows[0] ?? {});
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return new TextEncoder().encode([header.join(','), ...rows.map((row) => header.map((name) => quote(row[name] ?? '')).join(','))].join('\n'));
}

const aliceRow = reportRow('alice', `arn:aws:iam::${ACCOUNT}:user/alice`);
const user = (UserName: string) => ({ UserName, UserId: `AIDA${UserName.toUpperCase()}`, Arn: `arn:aws:iam::${ACCOUNT}:user/${UserName}`, Path: '/', CreateDate: CREATED });
const activeKey = (UserName: string, AccessKeyId: string) => ({ UserName, AccessKeyId, Status: 'Active' as const, CreateDate: CREATED });

describe('iamCollector with injected answers', () => {
  let clients: AwsClients;
  let iam: AwsClientStub<IAMClient>;
  let ctx: CollectContext;
  let warnings: string[];

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    iam = mockClient(clients.get(IAMClient));
    warnings = [];
    const logger: Logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    ctx = { ...mockedContext(clients), logger };
    iam.on(ListUsersCommand).resolves({ Users: [user('alice')], IsTruncated: false });
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [], IsTruncated: false });
    iam.on(ListUserTagsCommand).resolves({ Tags: [], IsTruncated: false });
    iam.on(GetAccessKeyLastUsedCommand).resolves({ UserName: 'alice', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });
    iam.on(GetAccountPasswordPolicyCommand).resolves({ PasswordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 } });
    // The rest of the account as a compliant one answers.
    iam.on(ListAttachedUserPoliciesCommand).resolves({ AttachedPolicies: [], IsTruncated: false });
    iam.on(ListUserPoliciesCommand).resolves({ PolicyNames: [], IsTruncated: false });
    iam.on(ListPoliciesCommand).resolves({ Policies: [], IsTruncated: false });
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } });
    iam.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [], IsTruncated: false });
    iam.on(ListEntitiesForPolicyCommand).resolves({ PolicyRoles: [{ RoleName: 'incident-support' }], IsTruncated: false });
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: reportContent([rootRow(), aliceRow]), ReportFormat: 'text/csv', GeneratedTime: new Date() });
  });

  afterEach(() => {
    iam.restore();
    clients.destroy();
  });

  it('follows ListUsers, ListAccessKeys and ListUserTags markers', async () => {
    // prepare
    iam.on(ListUsersCommand)
      .resolvesOnce({ Users: [user('alice')], IsTruncated: true, Marker: 'users-2' })
      .resolvesOnce({ Users: [user('bob')], IsTruncated: false });
    iam.on(ListAccessKeysCommand, { UserName: 'alice' })
      .resolvesOnce({ AccessKeyMetadata: [activeKey('alice', 'AKIAALICE00000000001')], IsTruncated: true, Marker: 'keys-2' })
      .resolvesOnce({ AccessKeyMetadata: [activeKey('alice', 'AKIAALICE00000000002')], IsTruncated: false });
    iam.on(ListUserTagsCommand, { UserName: 'bob' })
      .resolvesOnce({ Tags: [{ Key: 'owner', Value: 'bob@example.com' }], IsTruncated: true, Marker: 'tags-2' })
      .resolvesOnce({ Tags: [{ Key: 'team', Value: 'data' }], IsTruncated: false });
    iam.on(ListAccessKeysCommand, { UserName: 'bob' }).resolves({ AccessKeyMetadata: [activeKey('bob', 'AKIABOB0000000000001')] });

    // act
    const inventory = await iamCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.accessKeys.map((k) => [k.accessKeyId, k.userName]), [
      ['AKIAALICE00000000001', 'alice'],
      ['AKIAALICE00000000002', 'alice'],
      ['AKIABOB0000000000001', 'bob'],
    ]);
    assert.deepEqual(iam.commandCalls(ListUsersCommand).map((c) => c.args[0].input.Marker), [undefined, 'users-2']);
    assert.deepEqual(iam.commandCalls(ListAccessKeysCommand, { UserName: 'alice' }).map((c) => c.args[0].input.Marker), [undefined, 'keys-2']);
    assert.deepEqual(inventory.accessKeys[2]?.ref.tags, { owner: 'bob@example.com', team: 'data' });
  });

  it('a last-use read refused for one key makes only that key\'s used-recently check ERROR', async () => {
    // prepare
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [activeKey('alice', 'AKIAREFUSED000000001'), activeKey('alice', 'AKIAFINE000000000001')] });
    iam.on(GetAccessKeyLastUsedCommand, { AccessKeyId: 'AKIAREFUSED000000001' }).rejects(awsError('AccessDenied', 403));

    // act
    const inventory = await iamCollector.collect(ctx);
    const { results } = evaluateChecks(task(iamAuditor.checks), inventory);

    // assert
    const notPassed = results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`);
    assert.deepEqual(notPassed, ['ERROR iam-access-key-used-recently AKIAREFUSED000000001']);
    assert.match(results.find((r) => r.status === 'ERROR')?.summary ?? '', /could not be read: AccessDenied/);
  });

  it('drops a key deleted between listing and reading its last use', async () => {
    // prepare
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [activeKey('alice', 'AKIAGONE000000000001'), activeKey('alice', 'AKIAKEPT000000000001')] });
    iam.on(GetAccessKeyLastUsedCommand, { AccessKeyId: 'AKIAGONE000000000001' }).rejects(awsError('NoSuchEntity', 404));

    // act
    const inventory = await iamCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.accessKeys.map((k) => k.accessKeyId), ['AKIAKEPT000000000001']);
  });

  it('a key listed without a creation date is an ERROR for the age check, never a pass', async () => {
    // prepare
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [{ UserName: 'alice', AccessKeyId: 'AKIANODATE0000000001', Status: 'Active' }] });

    // act
    const { results } = evaluateChecks(task(iamAuditor.checks), await iamCollector.collect(ctx));

    // assert
    const keyResults = results.filter((r) => r.resource.id === 'AKIANODATE0000000001').map((r) => `${r.checkId} ${r.status}`);
    assert.deepEqual(keyResults, ['iam-access-key-rotated ERROR', 'iam-access-key-used-recently ERROR']);
  });

  it('a refused password policy read is an ERROR for the policy check, not a missing policy', async () => {
    // prepare
    iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('AccessDenied', 403));

    // act
    const { results } = evaluateChecks(task(iamAuditor.checks), await iamCollector.collect(ctx));

    // assert
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => [r.checkId, r.status]), [['iam-password-policy-meets-cis', 'ERROR']]);
  });

  it('refused user tags keep the keys, without owner tags, and say so', async () => {
    // prepare
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [activeKey('alice', 'AKIAUNTAGGED00000001')] });
    iam.on(ListUserTagsCommand).rejects(awsError('AccessDenied', 403));

    // act
    const inventory = await iamCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.accessKeys.map((k) => [k.accessKeyId, k.ref.tags]), [['AKIAUNTAGGED00000001', {}]]);
    assert.match(warnings.join('\n'), /tags of user alice could not be read/);
  });

  it('a refused ListUsers fails the whole collection', async () => {
    iam.on(ListUsersCommand).rejects(awsError('AccessDenied', 403));
    await assert.rejects(() => iamCollector.collect(ctx), /AccessDenied/);
  });

  it('a refused ListAccessKeys fails the whole collection rather than hide that user\'s keys', async () => {
    iam.on(ListAccessKeysCommand).rejects(awsError('AccessDenied', 403));
    await assert.rejects(() => iamCollector.collect(ctx), /AccessDenied/);
  });

  it('collectOne: a user deleted after its key named it leaves the key absent', async () => {
    // prepare
    iam.on(GetUserCommand).rejects(awsError('NoSuchEntity', 404));
    const key = { type: 'AwsIamAccessKey', arn: 'AWS::IAM::AccessKey:AKIAORPHAN0000000001', id: 'AKIAORPHAN0000000001', region: REGION, partition: 'aws', tags: {} };

    // act
    const inventory = await iamCollector.collectOne?.(ctx, key);

    // assert
    assert.deepEqual(inventory?.accessKeys, []);
  });

  it('collectOne: a refused read fails the re-read, never reads as a deleted key', async () => {
    // prepare
    iam.on(GetAccessKeyLastUsedCommand).rejects(awsError('AccessDenied', 403));
    const key = { type: 'AwsIamAccessKey', arn: 'AWS::IAM::AccessKey:AKIADENIED0000000001', id: 'AKIADENIED0000000001', region: REGION, partition: 'aws', tags: {} };

    // act
    const outcome = await iamCollector.collectOne?.(ctx, key).then(() => 'read', (error: Error) => error.message);

    // assert
    assert.match(outcome ?? '', /AccessDenied/);
  });

  it('follows ListPolicies markers; a document that cannot be read makes only its policy ERROR; IAM\'s URL-encoded documents are decoded', async () => {
    // prepare
    const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const policy = (name: string) => ({ PolicyName: name, Arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`, DefaultVersionId: 'v2', AttachmentCount: 1, PermissionsBoundaryUsageCount: 0 });
    iam.on(ListPoliciesCommand)
      .resolvesOnce({ Policies: [policy('encoded')], IsTruncated: true, Marker: 'policies-2' })
      .resolvesOnce({ Policies: [policy('refused')], IsTruncated: false });
    iam.on(GetPolicyVersionCommand, { PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/encoded` }).resolves({ PolicyVersion: { Document: encodeURIComponent(admin), VersionId: 'v2', IsDefaultVersion: true } });
    iam.on(GetPolicyVersionCommand, { PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/refused` }).rejects(awsError('AccessDenied', 403));

    // act
    const { results } = evaluateChecks(task(iamAuditor.checks), await iamCollector.collect(ctx));

    // assert
    assert.deepEqual(iam.commandCalls(ListPoliciesCommand).map((c) => [c.args[0].input.Scope, c.args[0].input.Marker]), [['Local', undefined], ['Local', 'policies-2']]);
    assert.deepEqual(iam.commandCalls(GetPolicyVersionCommand).map((c) => c.args[0].input.VersionId), ['v2', 'v2']);
    assert.deepEqual(results.filter((r) => r.resource.type === 'AwsIamPolicy').map((r) => `${r.resource.id} ${r.status}`), ['encoded FAILED', 'refused ERROR']);
  });

  it('waits for the credential report while IAM builds it, and reads a user name holding a comma', async () => {
    // prepare
    const odd = reportRow('ops,oncall', `arn:aws:iam::${ACCOUNT}:user/ops,oncall`, { password_enabled: 'true', password_last_used: new Date().toISOString(), mfa_active: 'false' });
    iam.on(ListUsersCommand).resolves({ Users: [{ ...user('ops,oncall'), Arn: `arn:aws:iam::${ACCOUNT}:user/ops,oncall` }], IsTruncated: false });
    iam.on(GenerateCredentialReportCommand).resolvesOnce({ State: 'STARTED' }).resolvesOnce({ State: 'INPROGRESS' }).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).rejectsOnce(Object.assign(awsError('CredentialReportNotReadyException', 410), { Code: 'ReportInProgress' })).resolves({ Content: reportContent([rootRow(), odd]) });

    // act
    const { results } = evaluateChecks(task(iamAuditor.checks), await iamCollector.collect(ctx));

    // assert
    assert.equal(iam.commandCalls(GenerateCredentialReportCommand).length, 4);
    assert.equal(iam.commandCalls(GetCredentialReportCommand).length, 2);
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => `${r.checkId} ${r.resource.id} ${r.status}`), ['iam-console-user-mfa-enabled ops,oncall FAILED']);
  });

  it('a credential report never ready within the bound is an ERROR for the checks that read it, and only those', async () => {
    // prepare
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    const waits: number[] = [];

    // act
    const outcome = await readCredentialReport(clients.get(IAMClient), [1, 2], async (ms) => void waits.push(ms)).then(() => 'read', (error: Error) => error.message);

    // assert
    assert.match(outcome, /the credential report was not ready after 0 seconds \(state INPROGRESS\)/);
    assert.deepEqual(waits, [1, 2]);
    assert.equal(iam.commandCalls(GenerateCredentialReportCommand).length, 3);
  });

  it('a refused credential report, summary, device list or support listing errs only the checks that read it', async () => {
    // prepare
    iam.on(GetCredentialReportCommand).rejects(awsError('AccessDenied', 403));
    iam.on(GetAccountSummaryCommand).rejects(awsError('AccessDenied', 403));
    iam.on(ListVirtualMFADevicesCommand).rejects(awsError('AccessDenied', 403));
    iam.on(ListEntitiesForPolicyCommand).rejects(awsError('AccessDenied', 403));
    iam.on(ListAttachedUserPoliciesCommand).rejects(awsError('AccessDenied', 403));

    // act
    const { results } = evaluateChecks(task(iamAuditor.checks), await iamCollector.collect(ctx));

    // assert
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => `${r.checkId} ${r.status}`).sort(), [
      'iam-console-password-used-recently ERROR',
      'iam-console-user-mfa-enabled ERROR',
      'iam-root-hardware-mfa-enabled ERROR',
      'iam-root-mfa-enabled ERROR',
      'iam-root-no-access-keys ERROR',
      'iam-root-not-used-recently ERROR',
      'iam-support-role-exists ERROR',
      'iam-user-permissions-through-groups-only ERROR',
    ]);
    assert.deepEqual(iam.commandCalls(ListEntitiesForPolicyCommand).map((c) => [c.args[0].input.PolicyArn, c.args[0].input.EntityFilter]), [['arn:aws:iam::aws:policy/AWSSupportAccess', 'Role']]);
    assert.equal(results.find((r) => r.checkId === 'iam-password-policy-meets-cis')?.status, 'PASSED');
  });

  it('the root user\'s virtual MFA device is told apart from users\' devices', async () => {
    // prepare
    iam.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [
      { SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`, User: { ...user('alice'), Arn: `arn:aws:iam::${ACCOUNT}:user/alice` } },
      { SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`, User: { UserName: '', UserId: ACCOUNT, Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:root`, CreateDate: CREATED } },
    ], IsTruncated: false });

    // act
    const { results } = evaluateChecks(task(iamAuditor.checks), await iamCollector.collect(ctx));

    // assert
    assert.deepEqual(iam.commandCalls(ListVirtualMFADevicesCommand).map((c) => c.args[0].input.AssignmentStatus), ['Assigned']);
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => `${r.checkId} ${r.status}`), ['iam-root-hardware-mfa-enabled FAILED']);
    assert.deepEqual((results.find((r) => r.checkId === 'iam-root-hardware-mfa-enabled')?.evidence.virtual_mfa_devices as Array<{ serial_number: string }>).map((d) => d.serial_number), [`arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`]);
  });
});
