/**
 * The grace period end to end: a scan, the report (a Jira issue and a Slack
 * message), then `rampart remediate --due`: one warning before the due date,
 * never repeated; the fix once due (a dry run unless dryRun: false); and the
 * fix told on the Jira issue and the Slack thread.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { useFakeJira } from '../helpers/fake-jira.js';
import { useFakeSlack } from '../helpers/fake-slack.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../helpers/emulator.js';
import { runCli, scanArgs, tempDir } from '../helpers/cli.js';

const CHECK = 'ec2-security-group-no-public-restricted-ports';
const BUCKET = 'rampart-backups-due';

describe('rampart remediate --due', () => {
  const aws = useEmulator();
  const fakeJira = useFakeJira();
  const fakeSlack = useFakeSlack();

  async function setup(autoRemediate: string): Promise<{ groupId: string; config: string; env: NodeJS.ProcessEnv }> {
    const clients = aws.clients();
    await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    await clients.get(S3Client).send(new CreateBucketCommand({ Bucket: BUCKET }));
    const ec2 = clients.get(EC2Client);
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'due-open', Description: 'x' }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    const config = join(tempDir(), 'rampart.yaml');
    writeFileSync(config, [
      'reporting:', '  jira: { project: SEC, issueType: Bug }', '  slack: { channel: "#security" }',
      'remediation:', `  backupBucket: ${BUCKET}`, `  accounts: ["${DEFAULT_ACCOUNT}"]`,
      'checks:', `  ${CHECK}:`, `    autoRemediate: ${autoRemediate}`, '  ec2-default-security-group-restricts-all-traffic: { enabled: false }', '',
    ].join('\n'));
    const env = {
      ...process.env,
      RAMPART_JIRA_URL: fakeJira().url, RAMPART_JIRA_EMAIL: 'rampart@example.com', RAMPART_JIRA_API_TOKEN: 'fake-jira-api-token',
      RAMPART_SLACK_TOKEN: 'xoxb-rampart-test', RAMPART_SLACK_API_URL: fakeSlack().apiUrl,
    };
    assert.ok([0, 4].includes((await runCli(scanArgs(aws.endpoint, tempDir(), '--services', 'ec2', '--config', config))).code));
    const reported = await runCli(['report', '--endpoint-url', aws.endpoint, '--home-region', REGION, '--config', config], env);
    assert.equal(reported.code, 0, reported.stderr);
    return { groupId: GroupId as string, config, env };
  }

  const due = (config: string, env: NodeJS.ProcessEnv, ...extra: string[]) => runCli(['remediate', '--due', '--config', config, '--endpoint-url', aws.endpoint, '--home-region', REGION, ...extra], env);
  const ingress = async (groupId: string) => {
    const { SecurityGroups } = await aws.clients().get(EC2Client).send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    return SecurityGroups?.[0]?.IpPermissions ?? [];
  };

  it('warns once before the due date, on the Jira issue and in the Slack thread', async () => {
    // prepare
    const { groupId, config, env } = await setup('{ enabled: true, afterDays: 2, warnDays: 2, dryRun: false }');
    // act
    const first = await due(config, env);
    const second = await due(config, env);
    // assert
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^WARNED .* due \d{4}-\d{2}-\d{2}/m);
    assert.match(second.stdout, /^warned before/m);
    const issue = [...fakeJira().issues.values()][0];
    assert.equal(issue?.comments.length, 1, 'one warning, never repeated');
    assert.match(JSON.stringify(issue?.comments[0]), /will fix this finding automatically on/);
    const message = fakeSlack().messages.C0SECURITY?.[0];
    assert.equal(fakeSlack().message('C0SECURITY', message?.ts ?? '')?.replies.length, 1);
    assert.equal((await ingress(groupId)).length, 1, 'nothing changed yet');
  });

  it('a due finding is fixed, and told on the ticket and the thread', async () => {
    // prepare
    const { groupId, config, env } = await setup('{ enabled: true, afterDays: 0, warnDays: 0, dryRun: false }');
    // act
    const run = await due(config, env, '--format', 'json');
    // assert
    assert.equal(run.code, 0, run.stderr);
    const reports = JSON.parse(run.stdout) as Array<{ outcome: string; reason: string }>;
    assert.deepEqual(reports.map((r) => r.outcome), ['REMEDIATED']);
    assert.doesNotMatch(reports[0]?.reason ?? '', /write-back: .*(Jira|Slack)/);
    assert.deepEqual(await ingress(groupId), []);
    const issue = [...fakeJira().issues.values()][0];
    assert.match(JSON.stringify(issue?.comments.at(-1)), /Remediated by rampart ec2-revoke-public-restricted-port-ranges .* requested by rampart grace period/);
    assert.equal(fakeSlack().message('C0SECURITY', fakeSlack().messages.C0SECURITY?.[0]?.ts ?? '')?.replies.length, 1);

    // act: the port is opened again and scanned: a new episode, fixed again once due
    await aws.clients().get(EC2Client).send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    await runCli(scanArgs(aws.endpoint, tempDir(), '--services', 'ec2', '--config', config));
    const again = await due(config, env, '--format', 'json');
    // assert
    assert.deepEqual((JSON.parse(again.stdout) as Array<{ outcome: string; duplicateOf?: string }>).map((r) => [r.outcome, r.duplicateOf]), [['REMEDIATED', undefined]]);
    assert.deepEqual(await ingress(groupId), []);
  });

  it('dry run is the default: the calls are printed, nothing changes', async () => {
    // prepare
    const { groupId, config, env } = await setup('{ enabled: true, afterDays: 0, warnDays: 0 }');
    // act
    const run = await due(config, env);
    // assert
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^DRY_RUN/m);
    assert.match(run.stdout, /call ec2:RevokeSecurityGroupIngress \{"GroupId":"sg-/);
    assert.equal((await ingress(groupId)).length, 1);
  });

  it('rampart run scans, reports, then fixes what is due', async () => {
    // prepare
    const { groupId, config, env } = await setup('{ enabled: true, afterDays: 0, warnDays: 0, dryRun: false }');
    // act
    const run = await runCli(['run', ...scanArgs(aws.endpoint, tempDir(), '--services', 'ec2', '--config', config).slice(1)], env);
    // assert
    assert.ok([0, 4].includes(run.code), run.stderr);
    assert.match(run.stdout, /^REMEDIATED/m);
    assert.deepEqual(await ingress(groupId), []);
  });
});
