/**
 * The record never says more than Security Hub accepted, and nothing hides a
 * failure: real scans through the CLI against the emulator, with one fault
 * injected at a time (every other call goes through to moto).
 */
import { afterEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, DeleteSecurityGroupCommand,
  DescribeManagedPrefixListsCommand, DescribeRegionsCommand, DescribeSecurityGroupsCommand, EC2Client, GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateBucketCommand, GetBucketAclCommand, GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, GetBucketLocationCommand,
  GetBucketPolicyCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand, ListBucketsCommand,
  PutBucketAclCommand, S3Client,
} from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, DescribeHubCommand, EnableSecurityHubCommand, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../../src/aws/clients.js';
import { useEmulator } from '../helpers/emulator.js';
import { byGenerator, hubFindings, runCli, scanArgs, tableRecords, tempDir } from '../helpers/cli.js';
import { passThrough, type PassThroughMock } from '../helpers/pass-through.js';

const OPEN_PORTS = 'ec2-security-group-no-public-restricted-ports';
const ACL_PUBLIC = 's3-bucket-acl-not-public';
const sshWorld = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
const denied = (message = 'User is not authorized to perform this action'): Error => Object.assign(new Error(message), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });

async function seedGroup(clients: AwsClients): Promise<string> {
  const ec2 = clients.get(EC2Client);
  await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
  const open = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'open-ssh', Description: 'x', VpcId: Vpc?.VpcId }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: open.GroupId, IpPermissions: [sshWorld] }));
  return open.GroupId as string;
}

const hubMockCommands = [DescribeHubCommand, EnableSecurityHubCommand, GetFindingsCommand, BatchImportFindingsCommand];
const ec2Commands = [DescribeRegionsCommand, DescribeSecurityGroupsCommand, DescribeManagedPrefixListsCommand, GetManagedPrefixListEntriesCommand];
const s3Commands = [
  ListBucketsCommand, GetBucketLocationCommand, GetBucketAclCommand, GetBucketPolicyCommand, GetBucketTaggingCommand, GetBucketVersioningCommand,
  GetPublicAccessBlockCommand, GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand,
];
const scanGroups = (endpoint: string, out: string, ...extra: string[]): string[] => scanArgs(endpoint, out, '--checks', OPEN_PORTS, ...extra);

describe('lifecycle under faults', () => {
  const aws = useEmulator();
  const mocks: PassThroughMock[] = [];
  const mock = (m: PassThroughMock): PassThroughMock => {
    mocks.push(m);
    return m;
  };
  afterEach(() => {
    for (const m of mocks.splice(0)) m.restore();
  });

  it('an archive Security Hub refused stays pending and reaches Security Hub on the next run', async () => {
    // prepare
    const clients = aws.clients();
    const groupId = await seedGroup(clients);
    const out = tempDir();
    assert.equal((await runCli(scanGroups(aws.endpoint, out))).code, 0);
    await clients.get(EC2Client).send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
    const hub = mock(passThrough(SecurityHubClient, hubMockCommands));
    hub.fake(BatchImportFindingsCommand, async () => {
      throw denied();
    });
    // act: the archive is refused
    const refused = await runCli(scanGroups(aws.endpoint, out));
    // assert: Security Hub still shows the finding open, and so does the record, with the archive pending
    assert.equal(refused.code, 3);
    let record = (await tableRecords(clients)).find((r) => r.resource.id === groupId);
    assert.equal(record?.state, 'FAILED');
    assert.equal(record?.pending?.recordState, 'ARCHIVED');
    hub.restore();
    // act: a run that does not even run the check still sends the pending archive
    const retry = await runCli(scanArgs(aws.endpoint, out, '--services', 's3'));
    assert.notEqual(retry.code, 3, retry.stderr);
    assert.equal(byGenerator(await hubFindings(clients), OPEN_PORTS, groupId)?.RecordState, 'ARCHIVED');
    record = (await tableRecords(clients)).find((r) => r.resource.id === groupId);
    assert.equal(record?.state, 'ARCHIVED');
    assert.equal(record?.pending, undefined);
  });

  it('an archive not sent by a --no-securityhub run is sent by the next run', async () => {
    const clients = aws.clients();
    const groupId = await seedGroup(clients);
    const out = tempDir();
    await runCli(scanGroups(aws.endpoint, out));
    await clients.get(EC2Client).send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
    assert.equal((await runCli(scanGroups(aws.endpoint, out, '--no-securityhub'))).code, 0);
    assert.equal(byGenerator(await hubFindings(clients), OPEN_PORTS, groupId)?.RecordState, 'ACTIVE');
    await runCli(scanGroups(aws.endpoint, out));
    assert.equal(byGenerator(await hubFindings(clients), OPEN_PORTS, groupId)?.RecordState, 'ARCHIVED');
  });

  it('a denied detail read keeps a FAILED CRITICAL finding FAILED, says why, and counts it', async () => {
    // prepare: a bucket readable by everyone
    const clients = aws.clients();
    await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    const s3 = clients.get(S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'rampart-public-acl' }));
    await s3.send(new PutBucketAclCommand({ Bucket: 'rampart-public-acl', ACL: 'public-read' }));
    const out = tempDir();
    const config = join(out, 'rampart.yaml');
    writeFileSync(config, `checks:\n  ${ACL_PUBLIC}:\n    severity: CRITICAL\n`);
    const args = scanArgs(aws.endpoint, out, '--services', 's3', '--config', config);
    await runCli(args);
    const before = byGenerator(await hubFindings(clients), ACL_PUBLIC, 'rampart-public-acl');
    assert.equal(before?.Compliance?.Status, 'FAILED');
    // act: the owner denies the audit role GetBucketAcl
    const s3Mock = mock(passThrough(S3Client, s3Commands));
    s3Mock.fake(GetBucketAclCommand, async () => {
      throw denied('Access Denied');
    });
    const run = await runCli(args);
    // assert
    const after = byGenerator(await hubFindings(clients), ACL_PUBLIC, 'rampart-public-acl');
    assert.equal(after?.Compliance?.Status, 'FAILED');
    assert.equal(after?.Severity?.Label, 'CRITICAL');
    assert.equal(after?.RecordState, 'ACTIVE');
    assert.match(after?.Description ?? '', /latest evaluation failed: .*Access Denied/);
    assert.match(after?.ProductFields?.['rampart/evidence'] ?? '', /AllUsers/);
    const record = (await tableRecords(clients)).find((r) => r.findingId === after?.Id);
    assert.equal(record?.state, 'FAILED');
    assert.match(record?.evaluationError?.message ?? '', /Access Denied/);
    assert.match(run.stdout, /kept FAILED: 1 finding/);
  });

  it('a check disabled in the config has its findings archived, with the reason in the finding', async () => {
    const clients = aws.clients();
    const groupId = await seedGroup(clients);
    const out = tempDir();
    await runCli(scanArgs(aws.endpoint, out, '--services', 'ec2'));
    const config = join(out, 'rampart.yaml');
    writeFileSync(config, `checks:\n  ${OPEN_PORTS}:\n    enabled: false\n`);
    // act
    const run = await runCli(scanArgs(aws.endpoint, out, '--services', 'ec2', '--config', config));
    // assert
    assert.equal(run.code, 0, run.stderr);
    const finding = byGenerator(await hubFindings(clients), OPEN_PORTS, groupId);
    assert.equal(finding?.RecordState, 'ARCHIVED');
    assert.match(finding?.ProductFields?.['rampart/archiveReason'] ?? '', /disabled in the config/);
  });

  it('with --no-publish-errors, an ERROR finding never sent is archived in the record only, creating nothing', async () => {
    const clients = aws.clients();
    await seedGroup(clients);
    const out = tempDir();
    const ec2 = mock(passThrough(EC2Client, ec2Commands));
    ec2.fake(DescribeSecurityGroupsCommand, async () => {
      throw denied();
    });
    const failing = await runCli(scanGroups(aws.endpoint, out, '--no-publish-errors'));
    assert.equal(failing.code, 5);
    ec2.restore();
    // act: the inventory is back; the account-level ERROR finding goes away
    const run = await runCli(scanGroups(aws.endpoint, out, '--no-publish-errors'));
    // assert
    assert.equal(run.code, 0, run.stderr);
    assert.equal((await hubFindings(clients)).filter((f) => f.Resources?.[0]?.Type === 'AwsAccount').length, 0);
    const errorRecord = (await tableRecords(clients)).find((r) => r.resource.type === 'AwsAccount');
    assert.equal(errorRecord?.state, 'ARCHIVED');
  });

  it('the first sighting survives a crash between the import and the record write', async () => {
    // prepare: every record write after the first import fails, as if the process had died there
    const clients = aws.clients();
    const groupId = await seedGroup(clients);
    const out = tempDir();
    let imported = false;
    const hub = mock(passThrough(SecurityHubClient, hubMockCommands));
    hub.fake<object>(BatchImportFindingsCommand, async (input, real) => {
      imported = true;
      return real(input);
    });
    const ddb = mock(passThrough(DynamoDBDocumentClient, [QueryCommand, BatchGetCommand]));
    for (const command of [BatchWriteCommand, PutCommand, UpdateCommand]) {
      ddb.fake<object>(command, async (input, real) => {
        if (imported) throw Object.assign(new Error('connection reset'), { name: 'TimeoutError' });
        return real(input);
      });
    }
    await runCli(scanGroups(aws.endpoint, out));
    const first = byGenerator(await hubFindings(clients), OPEN_PORTS, groupId);
    assert.ok(first?.CreatedAt);
    hub.restore();
    ddb.restore();
    // act: a later run
    await new Promise((resolve) => setTimeout(resolve, 20));
    await runCli(scanGroups(aws.endpoint, out, '--publish', 'all'));
    // assert
    const later = byGenerator(await hubFindings(clients), OPEN_PORTS, groupId);
    assert.equal(later?.CreatedAt, first.CreatedAt);
    assert.equal(later?.FirstObservedAt, first.FirstObservedAt);
  });

  it('a --fail-on breach is not masked by a publish problem: exit 4, with a line for each condition', async () => {
    const clients = aws.clients();
    await seedGroup(clients);
    const hub = mock(passThrough(SecurityHubClient, hubMockCommands));
    hub.fake(BatchImportFindingsCommand, async () => {
      throw denied();
    });
    const run = await runCli(scanGroups(aws.endpoint, tempDir(), '--fail-on', 'HIGH'));
    assert.equal(run.code, 4, run.stderr);
    assert.match(run.stdout, /exit 4: --fail-on HIGH reached: 1 unexempted FAILED finding/);
    assert.match(run.stdout, /also 3: .*problem/);
  });

  it('a first scan makes at most 2 x ceil(findings / 25) + scopes record-table calls', async () => {
    const clients = aws.clients();
    await seedGroup(clients);
    const run = await runCli(scanArgs(aws.endpoint, tempDir(), '--services', 'ec2,s3'));
    const findings = (await tableRecords(clients)).length;
    const calls = Object.entries(run.counter.snapshot()).filter(([key]) => /^DynamoDB:(Query|BatchWriteItem|BatchGetItem|PutItem|UpdateItem|TransactWriteItems)$/.test(key)).reduce((sum, [, n]) => sum + n, 0);
    assert.ok(findings > 0);
    assert.ok(calls <= 2 * Math.ceil(findings / 25) + 1, `${calls} calls for ${findings} findings`);
  });
});
