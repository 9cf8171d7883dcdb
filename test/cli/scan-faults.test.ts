/**
 * Faults Security Hub can answer with, injected with aws-sdk-client-mock on
 * top of the emulator (every other call goes through to moto): nothing is lost.
 * Also exemptions, which need BatchUpdateFindings (moto has none).
 */
import { afterEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  BatchImportFindingsCommand, BatchUpdateFindingsCommand, DescribeHubCommand, EnableSecurityHubCommand, GetFindingsCommand,
  SecurityHubClient, type BatchImportFindingsCommandInput, type BatchUpdateFindingsCommandInput,
} from '@aws-sdk/client-securityhub';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-securityhub';
import { useEmulator } from '../helpers/emulator.js';
import { hubFindings, runCli, scanArgs, tableRecords, tempDir } from '../helpers/cli.js';
import type { AwsClients } from '../../src/aws/clients.js';

const originalSend = SecurityHubClient.prototype.send;
type HubMock = AwsStub<ServiceInputTypes, ServiceOutputTypes, unknown>;

/** Sends through the real (unmocked) client to the emulator. */
function realSend<Output extends object = Record<string, unknown>>(client: SecurityHubClient, command: object): Promise<Output> {
  return (originalSend as unknown as (this: SecurityHubClient, c: object) => Promise<Output>).call(client, command);
}

/** Mocks the Security Hub client, passing the named commands through to the emulator. */
function hubMock(): HubMock {
  const mock = mockClient(SecurityHubClient) as unknown as HubMock;
  const through = (command: object) => realSend(mock.send.thisValues.at(-1) as SecurityHubClient, command);
  mock.on(DescribeHubCommand).callsFake((input: object) => through(new DescribeHubCommand(input)));
  mock.on(GetFindingsCommand).callsFake((input: object) => through(new GetFindingsCommand(input)));
  mock.on(EnableSecurityHubCommand).callsFake((input: object) => through(new EnableSecurityHubCommand(input)));
  return mock;
}

async function seed(clients: AwsClients, groups: number): Promise<void> {
  const ec2 = clients.get(EC2Client);
  await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16' }));
  for (let i = 0; i < groups; i += 1) {
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: `g${i}`, Description: 'x', VpcId: Vpc?.VpcId }));
    if (i % 2 === 0) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  }
}

describe('Security Hub faults', () => {
  const aws = useEmulator();
  let mock: HubMock | undefined;
  afterEach(() => {
    mock?.restore();
    mock = undefined;
  });

  it('retries throttling and retryable FailedFindings until every finding is in', async () => {
    // prepare
    const clients = aws.clients();
    await seed(clients, 6);
    mock = hubMock();
    let call = 0;
    mock.on(BatchImportFindingsCommand).callsFake(async (input: BatchImportFindingsCommandInput) => {
      call += 1;
      if (call === 1) throw Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException', $metadata: { httpStatusCode: 429 } });
      const findings = input.Findings ?? [];
      if (call === 2) {
        // Two findings fail with a retryable code; the rest go through to the emulator.
        const failing = findings.slice(0, 2);
        const result = await realSend(mock?.send.thisValues.at(-1) as SecurityHubClient, new BatchImportFindingsCommand({ Findings: findings.slice(2) }));
        return { ...result, FailedCount: 2, FailedFindings: failing.map((f) => ({ Id: f.Id, ErrorCode: 'InternalException', ErrorMessage: 'try again' })) };
      }
      return realSend(mock?.send.thisValues.at(-1) as SecurityHubClient, new BatchImportFindingsCommand(input));
    });
    // act
    const run = await runCli(scanArgs(aws.endpoint, tempDir()));
    // assert
    assert.equal(run.code, 0, run.stderr);
    assert.ok(call >= 3, `BatchImportFindings called ${call} times`);
    mock.restore();
    mock = undefined;
    const records = await tableRecords(clients);
    const hub = await hubFindings(clients);
    assert.equal(hub.length, records.length);
    assert.ok(records.every((r) => r.lastImportedAt !== undefined));
  });

  it('reports findings that keep failing, exits 3, and imports them on the next run', async () => {
    const clients = aws.clients();
    await seed(clients, 2);
    mock = hubMock();
    let rejected: string | undefined;
    mock.on(BatchImportFindingsCommand).callsFake(async (input: BatchImportFindingsCommandInput) => {
      const findings = input.Findings ?? [];
      rejected = findings[0]?.Id;
      const result = await realSend(mock?.send.thisValues.at(-1) as SecurityHubClient, new BatchImportFindingsCommand({ Findings: findings.slice(1) }));
      return { ...result, FailedCount: 1, FailedFindings: [{ Id: rejected, ErrorCode: 'InvalidInput', ErrorMessage: 'Finding is malformed' }] };
    });
    const out = tempDir();
    // act
    const failedRun = await runCli(scanArgs(aws.endpoint, out));
    // assert
    assert.equal(failedRun.code, 3);
    assert.match(failedRun.stderr, /failed to import into Security Hub.*InvalidInput/);
    assert.match(failedRun.stdout, /failed 1/);
    const record = (await tableRecords(clients)).find((r) => r.findingId === rejected);
    assert.equal(record?.lastImportedAt, undefined);
    assert.match(record?.lastImportError ?? '', /InvalidInput/);
    mock.restore();
    mock = undefined;
    const retry = await runCli(scanArgs(aws.endpoint, out));
    assert.equal(retry.code, 0, retry.stderr);
    assert.ok((await hubFindings(clients)).some((f) => f.Id === rejected));
  });

  it('a request refused as a whole for one bad finding is split until only that finding fails', async () => {
    const clients = aws.clients();
    await seed(clients, 8);
    mock = hubMock();
    let bad: string | undefined;
    mock.on(BatchImportFindingsCommand).callsFake(async (input: BatchImportFindingsCommandInput) => {
      const findings = input.Findings ?? [];
      bad ??= findings[3]?.Id;
      if (findings.some((f) => f.Id === bad)) throw Object.assign(new Error('Invalid finding in the request'), { name: 'InvalidInputException', $metadata: { httpStatusCode: 400 } });
      return realSend(mock?.send.thisValues.at(-1) as SecurityHubClient, new BatchImportFindingsCommand(input));
    });
    // act
    const run = await runCli(scanArgs(aws.endpoint, tempDir()));
    // assert: one finding failed, every other one is in Security Hub
    assert.equal(run.code, 3);
    assert.match(run.stdout, /failed 1,/);
    mock.restore();
    mock = undefined;
    const hub = await hubFindings(clients);
    const records = await tableRecords(clients);
    assert.equal(hub.length, records.length - 1);
    assert.ok(!hub.some((f) => f.Id === bad));
    assert.match(records.find((r) => r.findingId === bad)?.lastImportError ?? '', /Invalid finding/);
  });

  it('a finding refused for its resource details is imported without them, never dropped', async () => {
    const clients = aws.clients();
    await seed(clients, 1);
    mock = hubMock();
    mock.on(BatchImportFindingsCommand).callsFake(async (input: BatchImportFindingsCommandInput) => {
      const findings = input.Findings ?? [];
      const refused = findings.filter((f) => f.Resources?.some((r) => r.Details !== undefined));
      const result = await realSend<{ FailedCount?: number }>(mock?.send.thisValues.at(-1) as SecurityHubClient, new BatchImportFindingsCommand({ Findings: findings.filter((f) => !refused.includes(f)) }));
      return { ...result, FailedCount: refused.length, FailedFindings: refused.map((f) => ({ Id: f.Id, ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to the schema' })) };
    });
    const run = await runCli(scanArgs(aws.endpoint, tempDir()));
    assert.equal(run.code, 0, run.stderr);
    mock.restore();
    mock = undefined;
    const hub = await hubFindings(clients);
    const records = await tableRecords(clients);
    assert.equal(hub.length, records.length);
    const groups = hub.filter((f) => f.Resources?.[0]?.Type === 'AwsEc2SecurityGroup');
    assert.ok(groups.length > 0);
    assert.ok(groups.every((f) => f.ProductFields?.['rampart/detailsDropped']?.startsWith('InvalidInput') && f.Resources?.[0]?.Details === undefined));
  });

  it('without Security Hub enabled, still writes the record table and the files, and says what to do', async () => {
    const clients = aws.clients();
    const ec2 = clients.get(EC2Client);
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.4.0.0/16' }));
    await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x', VpcId: Vpc?.VpcId }));
    const out = tempDir();
    const run = await runCli(scanArgs(aws.endpoint, out));
    assert.equal(run.code, 3);
    assert.match(run.stderr, /Security Hub is not enabled in account 123456789012 region us-east-1.*--no-securityhub/);
    assert.ok(existsSync(join(out, 'findings.asff.json')));
    const records = await tableRecords(clients);
    assert.ok(records.length > 0);
    assert.ok(records.every((r) => r.lastImportedAt === undefined));
  });

  it('marks exempted findings SUPPRESSED with the reason, and returns them to NEW when the exemption expires', async () => {
    const clients = aws.clients();
    await seed(clients, 1);
    const dir = tempDir();
    const config = join(dir, 'rampart.yaml');
    writeFileSync(config, [
      'exemptions:',
      '  - check: ec2-security-group-no-public-restricted-ports',
      '    resource: "*"',
      '    reason: bastion host, reviewed by security (SEC-42)',
      '    expires: 2999-12-31',
    ].join('\n'));
    mock = hubMock();
    mock.on(BatchImportFindingsCommand).callsFake((input: BatchImportFindingsCommandInput) => realSend(mock?.send.thisValues.at(-1) as SecurityHubClient, new BatchImportFindingsCommand(input)));
    const updates: BatchUpdateFindingsCommandInput[] = [];
    mock.on(BatchUpdateFindingsCommand).callsFake((input: BatchUpdateFindingsCommandInput) => {
      updates.push(input);
      return { ProcessedFindings: input.FindingIdentifiers ?? [], UnprocessedFindings: [] };
    });
    // act
    const run = await runCli(scanArgs(aws.endpoint, dir, '--config', config, '--fail-on', 'HIGH', '--checks', 'ec2-security-group-no-public-restricted-ports'));
    // assert: recorded and published, suppressed with the reason, and no CI failure for it
    assert.equal(run.code, 0, run.stderr);
    assert.equal(updates.length, 1);
    assert.equal(updates[0]?.Workflow?.Status, 'SUPPRESSED');
    assert.match(updates[0]?.Note?.Text ?? '', /SEC-42/);
    assert.ok((updates[0]?.FindingIdentifiers ?? []).every((f) => f.ProductArn?.endsWith('product/123456789012/default')));
    // A re-scan does not suppress again.
    updates.length = 0;
    await runCli(scanArgs(aws.endpoint, dir, '--config', config));
    assert.equal(updates.length, 0);
    // The exemption expires.
    writeFileSync(config, writeExpired());
    const expired = await runCli(scanArgs(aws.endpoint, dir, '--config', config));
    assert.equal(expired.code, 0, expired.stderr);
    assert.equal(updates.length, 1);
    assert.equal(updates[0]?.Workflow?.Status, 'NEW');
    const records = await tableRecords(clients);
    assert.ok(records.every((r) => r.workflowSet !== 'SUPPRESSED'));
  });
});

function writeExpired(): string {
  return [
    'exemptions:',
    '  - check: ec2-security-group-no-public-restricted-ports',
    '    reason: bastion host, reviewed by security (SEC-42)',
    '    expires: 2020-01-31',
  ].join('\n');
}
