/** Scanning a second account through an assumed role: its findings are its own, imported with its credentials. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { useEmulator, DEFAULT_ACCOUNT } from '../helpers/emulator.js';
import { hubFindings, runCli, tableRecords, tempDir } from '../helpers/cli.js';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js';

const MEMBER = '111111111111';
const ROLE = 'RampartAudit';

async function memberClients(endpoint: string, base: AwsClients): Promise<AwsClients> {
  const { Credentials } = await base.get(STSClient).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/${ROLE}`, RoleSessionName: 'seed' }));
  return createAwsClients(MEMBER, 'us-east-1', {
    accessKeyId: Credentials?.AccessKeyId as string,
    secretAccessKey: Credentials?.SecretAccessKey as string,
    sessionToken: Credentials?.SessionToken as string,
  }, { endpointUrl: endpoint });
}

async function seedOpenGroup(clients: AwsClients, name: string): Promise<string> {
  const ec2 = clients.get(EC2Client);
  await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: Vpc?.VpcId }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  return GroupId as string;
}

describe('scanning through an assumed role', () => {
  const aws = useEmulator();

  it('imports the member account findings into the member account, under its product ARN', async () => {
    // prepare
    const base = aws.clients();
    const member = await memberClients(aws.endpoint, base);
    const memberGroup = await seedOpenGroup(member, 'member-rdp');
    const baseGroup = await seedOpenGroup(base, 'base-rdp');
    // act
    const run = await runCli(['scan', '--endpoint-url', aws.endpoint, '--regions', 'us-east-1', '--accounts', MEMBER, '--role-name', ROLE, '--external-id', 'shared-secret', '--create-table', '--no-progress', '--out-dir', tempDir()]);
    // assert
    assert.equal(run.code, 0, run.stderr);
    const memberFindings = await hubFindings(member);
    const mine = memberFindings.filter((f) => f.AwsAccountId === MEMBER);
    assert.ok(mine.some((f) => f.Resources?.[0]?.Id?.includes(memberGroup) && f.Compliance?.Status === 'FAILED'));
    assert.ok(mine.every((f) => f.ProductArn === `arn:aws:securityhub:us-east-1:${MEMBER}:product/${MEMBER}/default`));
    assert.ok(!memberFindings.some((f) => f.Resources?.[0]?.Id?.includes(baseGroup)), 'the base account was not scanned');
    const baseFindings = await hubFindings(base);
    assert.ok(!baseFindings.some((f) => f.AwsAccountId === MEMBER), 'member findings are not imported into the base account');
    // The record table lives in the account rampart runs in.
    const records = await tableRecords(base);
    assert.ok(records.length > 0 && records.every((r) => r.accountId === MEMBER));
    member.destroy();
  });

  it('scans the base account and a member account side by side with --role-arn', async () => {
    const base = aws.clients();
    const member = await memberClients(aws.endpoint, base);
    await seedOpenGroup(member, 'member-rdp');
    const run = await runCli(['scan', '--endpoint-url', aws.endpoint, '--regions', 'us-east-1', '--role-arn', `arn:aws:iam::${MEMBER}:role/${ROLE}`, '--create-table', '--no-progress', '--no-output']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`account\\(s\\) \\[${MEMBER}\\]`));
    assert.doesNotMatch(run.stdout, new RegExp(DEFAULT_ACCOUNT + '\\]'));
    member.destroy();
  });
});
