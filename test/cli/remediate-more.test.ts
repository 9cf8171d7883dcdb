/**
 * The remediation commands around the fix: the custom action target synced
 * idempotently, the manual mode's confirmation on a terminal, a fix in another
 * account through the remediation role, and config errors that name the field.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeActionTargetsCommand, EnableSecurityHubCommand, SecurityHubClient, UpdateActionTargetCommand } from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { main } from '../../src/cli/main.js';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js';
import { buildCustomActionEvent } from '../../src/remediate/event.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../helpers/emulator.js';
import { byGenerator, hubFindings, runCli, scanArgs, tempDir } from '../helpers/cli.js';

const CHECK = 'ec2-security-group-no-public-restricted-ports';
const BUCKET = 'rampart-backups-more';
const MEMBER = '111111111111';

async function openGroup(clients: AwsClients, name: string): Promise<string> {
  await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
  const ec2 = clients.get(EC2Client);
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: 'x' }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  return GroupId as string;
}

function configFile(lines: string[]): string {
  const file = join(tempDir(), 'rampart.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('rampart remediation commands', () => {
  const aws = useEmulator();
  const common = (): string[] => ['--endpoint-url', aws.endpoint, '--home-region', REGION];

  it('actions sync creates the custom action once, leaves it alone after, and brings a changed one back', async () => {
    // act
    const first = await runCli(['actions', 'sync', ...common(), '--regions', 'us-east-1,eu-west-1', '--format', 'json']);
    const second = await runCli(['actions', 'sync', ...common(), '--regions', 'us-east-1,eu-west-1', '--format', 'json']);
    const hub = aws.clients().get(SecurityHubClient);
    const arn = `arn:aws:securityhub:us-east-1:${DEFAULT_ACCOUNT}:action/custom/RampartRemediate`;
    await hub.send(new UpdateActionTargetCommand({ ActionTargetArn: arn, Name: 'renamed by hand' }));
    const third = await runCli(['actions', 'sync', ...common(), '--regions', 'us-east-1', '--format', 'json']);
    // assert
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual((JSON.parse(first.stdout) as Array<{ change: string }>).map((r) => r.change), ['created', 'created']);
    assert.deepEqual((JSON.parse(second.stdout) as Array<{ change: string }>).map((r) => r.change), ['unchanged', 'unchanged']);
    assert.equal(second.counter.snapshot()['SecurityHub:CreateActionTarget'] ?? 0, 0);
    assert.deepEqual((JSON.parse(third.stdout) as Array<{ change: string }>).map((r) => r.change), ['updated']);
    const { ActionTargets } = await hub.send(new DescribeActionTargetsCommand({ ActionTargetArns: [arn] }));
    assert.equal(ActionTargets?.[0]?.Name, 'Remediate (rampart)');
  });

  it('--finding on a terminal shows the calls and fixes only after a yes', async () => {
    // prepare
    const clients = aws.clients();
    const groupId = await openGroup(clients, 'manual-open');
    await clients.get(S3Client).send(new CreateBucketCommand({ Bucket: BUCKET }));
    await runCli(scanArgs(aws.endpoint, tempDir(), '--services', 'ec2'));
    const finding = byGenerator(await hubFindings(clients), CHECK, groupId);
    const config = configFile(['remediation:', `  backupBucket: ${BUCKET}`, `  accounts: ["${DEFAULT_ACCOUNT}"]`]);
    const ask = (answer: string) => async (question: string): Promise<string> => {
      asked.push(question);
      return answer;
    };
    const asked: string[] = [];
    const run = async (answer: string) => {
      let stdout = '';
      const code = await main(['remediate', '--finding', finding?.Id as string, '--config', config, ...common()], { env: process.env, stdout: (t) => void (stdout += t), stderr: () => undefined, stderrIsTty: false, ask: ask(answer) });
      return { code, stdout };
    };
    const ingress = async () => (await clients.get(EC2Client).send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups?.[0]?.IpPermissions ?? [];
    // act
    const declined = await run('n');
    const stillOpen = (await ingress()).length;
    const accepted = await run('y');
    // assert
    assert.equal(declined.code, 0);
    assert.match(declined.stdout, /DRY_RUN[\s\S]*call ec2:RevokeSecurityGroupIngress[\s\S]*nothing changed/);
    assert.equal(stillOpen, 1);
    assert.match(asked[0] ?? '', /Make these 1 call\(s\) on arn:aws:ec2:.*\? \[y\/N\]/);
    assert.equal(accepted.code, 0);
    assert.match(accepted.stdout, /^REMEDIATED/m);
    assert.deepEqual(await ingress(), []);
  });

  it('fixes a finding in another account through the remediation role, and refuses without one', async () => {
    // prepare
    const base = aws.clients();
    const { Credentials } = await base.get(STSClient).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/RampartAudit`, RoleSessionName: 'seed' }));
    const member = createAwsClients(MEMBER, REGION, { accessKeyId: Credentials?.AccessKeyId as string, secretAccessKey: Credentials?.SecretAccessKey as string, sessionToken: Credentials?.SessionToken as string }, { endpointUrl: aws.endpoint });
    const groupId = await openGroup(member, 'member-open');
    await base.get(S3Client).send(new CreateBucketCommand({ Bucket: BUCKET }));
    const scan = await runCli(['scan', '--endpoint-url', aws.endpoint, '--regions', REGION, '--accounts', MEMBER, '--role-name', 'RampartAudit', '--services', 'ec2', '--create-table', '--no-progress', '--out-dir', tempDir()]);
    assert.ok([0, 4].includes(scan.code), scan.stderr);
    const finding = byGenerator(await hubFindings(member), CHECK, groupId);
    assert.ok(finding);
    const event = join(tempDir(), 'event.json');
    writeFileSync(event, JSON.stringify(buildCustomActionEvent([finding as unknown as Record<string, unknown>], { account: MEMBER, region: REGION })));
    const withRole = configFile(['remediation:', `  backupBucket: ${BUCKET}`, `  accounts: ["${MEMBER}"]`, '  roleName: RampartRemediation']);
    const withoutRole = configFile(['remediation:', `  backupBucket: ${BUCKET}`, `  accounts: ["${MEMBER}"]`]);
    // act
    const refused = await runCli(['remediate', '--event', event, '--config', withoutRole, ...common(), '--format', 'json']);
    const fixed = await runCli(['remediate', '--event', event, '--config', withRole, ...common(), '--format', 'json']);
    // assert
    assert.equal(refused.code, 6);
    assert.match((JSON.parse(refused.stdout) as Array<{ reason: string }>)[0]?.reason ?? '', /remediation.roleName is not set/);
    assert.equal(fixed.code, 0, `${fixed.stdout}\n${fixed.stderr}`);
    const report = (JSON.parse(fixed.stdout) as Array<{ outcome: string; reason: string; backupKey: string }>)[0];
    assert.equal(report?.outcome, 'REMEDIATED', report?.reason);
    assert.match(report?.backupKey ?? '', new RegExp(`^${MEMBER}/${REGION}/`));
    assert.deepEqual((await member.get(EC2Client).send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups?.[0]?.IpPermissions, []);
    assert.equal(byGenerator(await hubFindings(member), CHECK, groupId)?.Workflow?.Status, 'RESOLVED', 'written back in the member account');
    member.destroy();
  });

  it('config errors name the field', async () => {
    // prepare
    const cases: Array<[string[], RegExp]> = [
      [['remediation:', '  backupBucket: Not_A_Bucket'], /remediation\.backupBucket: must be an S3 bucket name/],
      [['remediation:', '  accounts: [123]'], /remediation\.accounts\.0/],
      [['remediation:', '  queue: x'], /remediation: unknown field\(s\) "queue"/],
      [['checks:', `  ${CHECK}:`, '    autoRemediate: { enabled: true, afterDays: 2, warnDays: 5 }'], /checks\.ec2-security-group-no-public-restricted-ports\.autoRemediate\.warnDays: warnDays must not exceed afterDays/],
      [['checks:', `  ${CHECK}:`, '    parameters: { replaceWithPrivateRanges: "yes" }'], /checks\.ec2-security-group-no-public-restricted-ports\.parameters\.replaceWithPrivateRanges/],
    ];
    for (const [lines, message] of cases) {
      // act
      const run = await runCli(['remediate', '--due', '--config', configFile(lines), ...common()]);
      // assert
      assert.equal(run.code, 2, `${lines.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
  });
});
