/**
 * A finding's life through real scans against the emulator: first sighting,
 * an unchanged re-scan, a fix, a deletion, and scans of a partial scope.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, DeleteSecurityGroupCommand,
  EC2Client, RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { useEmulator } from '../helpers/emulator.js';
import { byGenerator, hubFindings, runCli, scanArgs, scopeMarker, tableRecords, tempDir } from '../helpers/cli.js';
import type { AwsClients } from '../../src/aws/clients.js';
import { effectiveLastSeen } from '../../src/state/record.js';

const OPEN_PORTS = 'ec2-security-group-no-public-restricted-ports';
const DEFAULT_SG = 'ec2-default-security-group-restricts-all-traffic';
const sshWorld = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };

async function seed(clients: AwsClients): Promise<{ openId: string; privateId: string }> {
  const ec2 = clients.get(EC2Client);
  await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
  const open = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'open-ssh', Description: 'x', VpcId: Vpc?.VpcId }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: open.GroupId, IpPermissions: [sshWorld] }));
  const priv = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'private-ssh', Description: 'x', VpcId: Vpc?.VpcId }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: priv.GroupId, IpPermissions: [{ ...sshWorld, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] }));
  return { openId: open.GroupId as string, privateId: priv.GroupId as string };
}

const importCalls = (run: { counter: { snapshot(): Record<string, number> } }): number => run.counter.snapshot()['SecurityHub:BatchImportFindings'] ?? 0;

describe('scan lifecycle against the emulator', () => {
  const aws = useEmulator();

  it('first scan publishes the same findings to Security Hub, the record table and findings.asff.json', async () => {
    // prepare
    const clients = aws.clients();
    const { openId, privateId } = await seed(clients);
    const out = tempDir();
    // act
    const run = await runCli(scanArgs(aws.endpoint, out));
    // assert
    assert.equal(run.code, 0, run.stderr);
    const hub = await hubFindings(clients);
    const open = byGenerator(hub, OPEN_PORTS, openId);
    assert.equal(open?.Compliance?.Status, 'FAILED');
    assert.equal(open?.Severity?.Label, 'HIGH');
    assert.equal(open?.ProductArn, 'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default');
    assert.equal(open?.Resources?.[0]?.Type, 'AwsEc2SecurityGroup');
    assert.match(open?.ProductFields?.['rampart/evidence'] ?? '', /open_completely/);
    assert.equal(byGenerator(hub, OPEN_PORTS, privateId)?.Compliance?.Status, 'PASSED');
    assert.equal(byGenerator(hub, OPEN_PORTS, privateId)?.Severity?.Label, 'INFORMATIONAL');
    const written = JSON.parse(readFileSync(join(out, 'findings.asff.json'), 'utf8')) as Array<{ Id: string }>;
    assert.deepEqual(new Set(written.map((f) => f.Id)), new Set(hub.map((f) => f.Id)));
    const records = await tableRecords(clients);
    assert.equal(records.length, hub.length);
    const record = records.find((r) => r.findingId === open?.Id);
    assert.equal(record?.status, 'FAILED');
    assert.equal(record?.firstSeenAt, open?.CreatedAt);
    assert.ok(record?.lastImportedAt);
    assert.match(run.stdout, /imported \d+, failed 0/);
  });

  it('an unchanged re-scan imports nothing and keeps the first sighting', async () => {
    const clients = aws.clients();
    await seed(clients);
    const out = tempDir();
    await runCli(scanArgs(aws.endpoint, out));
    const before = await tableRecords(clients);
    // act
    const again = await runCli(scanArgs(aws.endpoint, out));
    // assert
    assert.equal(again.code, 0, again.stderr);
    assert.equal(importCalls(again), 0);
    assert.match(again.stdout, /imported 0, failed 0, unchanged \d+/);
    const after = await tableRecords(clients);
    assert.deepEqual(after, before, 'no record is rewritten');
    // One small write: the scope's marker, from which "last seen" is derived.
    const writes = again.counter.snapshot();
    assert.equal(writes['DynamoDB:BatchWriteItem'], 1);
    assert.equal(writes['DynamoDB:PutItem'] ?? 0, 0);
    const marker = await scopeMarker(clients, '123456789012', 'us-east-1');
    for (const record of after) assert.ok(effectiveLastSeen(record, marker) > record.lastSeenAt, 'last seen moves on');
  });

  it('--publish all re-imports everything, with a newer UpdatedAt', async () => {
    const clients = aws.clients();
    await seed(clients);
    const out = tempDir();
    await runCli(scanArgs(aws.endpoint, out));
    const first = await hubFindings(clients);
    const forced = await runCli(scanArgs(aws.endpoint, out, '--publish', 'all'));
    assert.equal(forced.code, 0);
    assert.ok(importCalls(forced) >= 1);
    const second = await hubFindings(clients);
    for (const f of second) {
      const earlier = first.find((e) => e.Id === f.Id);
      assert.ok((f.UpdatedAt ?? '') > (earlier?.UpdatedAt ?? ''), 'UpdatedAt increases');
      assert.equal(f.CreatedAt, earlier?.CreatedAt);
    }
  });

  it('a fixed resource is re-imported as PASSED and INFORMATIONAL', async () => {
    const clients = aws.clients();
    const { openId } = await seed(clients);
    const out = tempDir();
    await runCli(scanArgs(aws.endpoint, out));
    await clients.get(EC2Client).send(new RevokeSecurityGroupIngressCommand({ GroupId: openId, IpPermissions: [sshWorld] }));
    // act
    const run = await runCli(scanArgs(aws.endpoint, out));
    // assert
    assert.equal(run.code, 0);
    assert.equal(importCalls(run), 1);
    const finding = byGenerator(await hubFindings(clients), OPEN_PORTS, openId);
    assert.equal(finding?.Compliance?.Status, 'PASSED');
    assert.equal(finding?.Severity?.Label, 'INFORMATIONAL');
    assert.equal(finding?.RecordState, 'ACTIVE');
    const record = (await tableRecords(clients)).find((r) => r.findingId === finding?.Id);
    assert.ok(record?.resolvedAt, 'resolution time recorded');
  });

  it('a deleted resource is archived', async () => {
    const clients = aws.clients();
    const { openId } = await seed(clients);
    const out = tempDir();
    await runCli(scanArgs(aws.endpoint, out));
    await clients.get(EC2Client).send(new DeleteSecurityGroupCommand({ GroupId: openId }));
    // act
    const run = await runCli(scanArgs(aws.endpoint, out));
    // assert
    assert.equal(run.code, 0);
    const finding = byGenerator(await hubFindings(clients), OPEN_PORTS, openId);
    assert.equal(finding?.RecordState, 'ARCHIVED');
    // The group's two findings: restricted ports, and a port open to the world that is not authorised (EC2.18).
    assert.match(run.stdout, /archived 2/);
    const record = (await tableRecords(clients)).find((r) => r.findingId === finding?.Id);
    assert.equal(record?.state, 'ARCHIVED');
    assert.ok(record?.archivedAt);
    // A further scan does not archive it again.
    const third = await runCli(scanArgs(aws.endpoint, out));
    assert.equal(importCalls(third), 0);
  });

  it('a partial-scope scan archives nothing outside its scope', async () => {
    const clients = aws.clients();
    const { openId } = await seed(clients);
    const out = tempDir();
    await runCli(scanArgs(aws.endpoint, out));
    await clients.get(EC2Client).send(new DeleteSecurityGroupCommand({ GroupId: openId }));
    await aws.clients('us-west-2').get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    // act: only the default-group check, then only another region
    const onlyDefault = await runCli(scanArgs(aws.endpoint, out, '--checks', DEFAULT_SG));
    const otherRegion = await runCli(['scan', '--endpoint-url', aws.endpoint, '--regions', 'us-west-2', '--home-region', 'us-east-1', '--out-dir', out, '--no-progress']);
    // assert
    assert.equal(onlyDefault.code, 0, onlyDefault.stderr);
    assert.equal(otherRegion.code, 0, otherRegion.stderr);
    assert.equal(byGenerator(await hubFindings(clients), OPEN_PORTS, openId)?.RecordState, 'ACTIVE');
    // The full scan then archives it.
    await runCli(scanArgs(aws.endpoint, out));
    assert.equal(byGenerator(await hubFindings(clients), OPEN_PORTS, openId)?.RecordState, 'ARCHIVED');
  });

  it('--fail-on exits 4 when a FAILED finding reaches the threshold, and 0 below it', async () => {
    const clients = aws.clients();
    await seed(clients);
    const out = tempDir();
    // EC2 alone: the emulator's account always fails the CRITICAL root-MFA check of the iam auditor.
    const high = await runCli(scanArgs(aws.endpoint, out, '--services', 'ec2', '--fail-on', 'high'));
    const critical = await runCli(scanArgs(aws.endpoint, out, '--services', 'ec2', '--fail-on', 'CRITICAL'));
    assert.equal(high.code, 4);
    assert.equal(critical.code, 0);
  });
});
