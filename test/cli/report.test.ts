/**
 * rampart report end to end: real scans against the emulator, then the report
 * against the local fake Jira Cloud and fake Slack (real wire formats).
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateTagsCommand, CreateVpcCommand, DeleteSecurityGroupCommand, EC2Client, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCommand, PutCommand, QueryCommand, BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../../src/aws/clients.js';
import { useFakeJira } from '../helpers/fake-jira.js';
import { useFakeSlack } from '../helpers/fake-slack.js';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, scanArgs, tempDir } from '../helpers/cli.js';
import { passThrough } from '../helpers/pass-through.js';

const OPEN_PORTS = 'ec2-security-group-no-public-restricted-ports';
const sshWorld = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
const JIRA_TOKEN = 'fake-jira-api-token';
const SLACK_TOKEN = 'xoxb-rampart-test';

async function seed(clients: AwsClients): Promise<string> {
  await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
  const ec2 = clients.get(EC2Client);
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'open-ssh', Description: 'x', VpcId: Vpc?.VpcId }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [sshWorld] }));
  await ec2.send(new CreateTagsCommand({ Resources: [GroupId as string], Tags: [{ Key: 'owner', Value: 'alice@example.com' }] }));
  return GroupId as string;
}

describe('rampart report', () => {
  const aws = useEmulator();
  const fakeJira = useFakeJira();
  const fakeSlack = useFakeSlack();

  const setup = (): { out: string; config: string; env: NodeJS.ProcessEnv } => {
    const out = tempDir();
    const config = join(out, 'rampart.yaml');
    writeFileSync(config, [
      'reporting:',
      '  jira: { project: SEC, issueType: Bug }',
      '  slack: { channel: "#security" }',
      'checks:',
      '  ec2-default-security-group-restricts-all-traffic: { reporting: false }',
    ].join('\n'));
    const env = {
      ...process.env,
      RAMPART_JIRA_URL: fakeJira().url, RAMPART_JIRA_EMAIL: 'rampart@example.com', RAMPART_JIRA_API_TOKEN: JIRA_TOKEN,
      RAMPART_SLACK_TOKEN: SLACK_TOKEN, RAMPART_SLACK_API_URL: fakeSlack().apiUrl,
    };
    return { out, config, env };
  };
  const scan = (out: string, config: string): string[] => scanArgs(aws.endpoint, out, '--checks', `${OPEN_PORTS},ec2-default-security-group-restricts-all-traffic`, '--config', config);
  const report = (config: string, ...extra: string[]): string[] => ['report', '--endpoint-url', aws.endpoint, '--home-region', 'us-east-1', '--config', config, ...extra];
  // Every call but the run's setup check (credentials, project, create metadata; auth.test).
  const writes = (): number => fakeJira().requests.filter((r) => !/\/myself$|\/project\/|\/createmeta\//.test(r.path)).length;
  const posts = (): number => fakeSlack().requests.filter((r) => r.method !== 'auth.test').length;

  it('one ticket and one message per finding, nothing for an unchanged finding, closed on fix, reopened on regression', async () => {
    // prepare
    const clients = aws.clients();
    const groupId = await seed(clients);
    const { out, config, env } = setup();
    assert.equal((await runCli(scan(out, config))).code, 0);
    // act: first report
    const first = await runCli(report(config, '--format', 'json'), env);
    // assert
    assert.equal(first.code, 0, first.stderr);
    const created = [...fakeJira().issues.values()];
    assert.equal(created.length, 1, 'one issue: the open security group (the default-group check has reporting off)');
    assert.match(String(created[0]?.fields.summary), new RegExp(`^\\[HIGH\\] .*: ${groupId}$`));
    assert.ok((created[0]?.fields.labels as string[]).some((l) => l.startsWith('rampart-')));
    const assignee = created[0]?.fields.assignee;
    assert.equal(typeof assignee === 'string' ? assignee : (assignee as { accountId?: string } | undefined)?.accountId, '5b10a2844c20165700ede21g', 'assigned to the owner named by the owner tag');
    assert.equal(fakeSlack().messages.C0SECURITY?.length, 1);
    const json = JSON.parse(first.stdout) as { findings: Array<{ jira?: { action: string }; slack?: { action: string } }> };
    assert.deepEqual(json.findings.map((f) => [f.jira?.action, f.slack?.action]), [['created', 'posted']]);

    // act: again, nothing changed
    const [jiraWrites, slackPosts] = [writes(), posts()];
    const again = await runCli(report(config), env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(writes(), jiraWrites, 'no Jira call for an unchanged finding, not even an owner lookup');
    assert.equal(posts(), slackPosts, 'no Slack call for an unchanged finding');
    assert.equal(fakeJira().issues.size, 1);

    // act: the group opens one more port: one comment naming the change, the message edited and a reply
    const rdpWorld = { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
    await clients.get(EC2Client).send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [rdpWorld] }));
    await runCli(scan(out, config));
    const changed = await runCli(report(config), env);
    assert.equal(changed.code, 0, changed.stderr);
    const commented = fakeJira().issues.get(created[0]!.key);
    assert.equal(commented?.comments.length, 1);
    assert.match(JSON.stringify(commented?.comments[0]), /Evidence before/);
    assert.match(JSON.stringify(commented?.comments[0]), /3389/);
    const edited = fakeSlack().message('C0SECURITY', fakeSlack().messages.C0SECURITY![0]!.ts);
    assert.equal(edited?.edits.length, 1);
    assert.equal(edited?.replies.length, 1);
    await clients.get(EC2Client).send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [rdpWorld] }));

    // act: the group is fixed
    await clients.get(EC2Client).send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [sshWorld] }));
    await runCli(scan(out, config));
    const fixed = await runCli(report(config), env);
    assert.equal(fixed.code, 0, fixed.stderr);
    const issue = fakeJira().issues.get(created[0]!.key);
    assert.equal(issue?.status, 'Done', 'closed through the two-step workflow');
    assert.match(JSON.stringify(issue?.comments.at(-1)), /Resolved: .* the finding passed/);
    assert.equal(issue?.comments.length, 2, 'the change, then the close');
    assert.match(JSON.stringify(fakeSlack().message('C0SECURITY', fakeSlack().messages.C0SECURITY![0]!.ts)?.blocks), /[Rr]esolved/);

    // act: it fails again
    await clients.get(EC2Client).send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [sshWorld] }));
    await runCli(scan(out, config));
    const regressed = await runCli(report(config), env);
    assert.equal(regressed.code, 0, regressed.stderr);
    assert.equal(fakeJira().issues.size, 1, 'the same issue, reopened');
    assert.equal(fakeJira().issues.get(created[0]!.key)?.status, 'Open');

    // act: the group is deleted
    await clients.get(EC2Client).send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
    await runCli(scan(out, config));
    const deleted = await runCli(report(config), env);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(fakeJira().issues.get(created[0]!.key)?.status, 'Done');
    assert.match(JSON.stringify(fakeJira().issues.get(created[0]!.key)?.comments.at(-1)), /deleted|no longer exists/i);
  });

  it('a crash between creating the issue and recording it does not create a second issue', async () => {
    const clients = aws.clients();
    await seed(clients);
    const { out, config, env } = setup();
    await runCli(scan(out, config));
    // Every write of an OPEN ticket fails, as if the process died right after creating the issue.
    const ddb = passThrough(DynamoDBDocumentClient, [GetCommand, QueryCommand, BatchGetCommand]);
    ddb.fake<{ Item?: { sk?: string; state?: string } }>(PutCommand, async (input, real) => {
      if (input.Item?.sk === 'TICKET' && input.Item.state === 'TICKET#OPEN') throw Object.assign(new Error('connection reset'), { name: 'TimeoutError' });
      return real(input);
    });
    try {
      await runCli(report(config, '--only', 'jira'), env);
    } finally {
      ddb.restore();
    }
    assert.equal(fakeJira().issues.size, 1);
    // act
    const next = await runCli(report(config, '--only', 'jira', '--format', 'json'), env);
    // assert
    assert.equal(next.code, 0, next.stderr);
    assert.equal(fakeJira().issues.size, 1, 'the orphan was adopted by its label, not created again');
    assert.match(next.stdout, /"adopted"/);
  });

  it('a Slack outage leaves the message pending; the next report posts it once', async () => {
    const clients = aws.clients();
    await seed(clients);
    const { out, config, env } = setup();
    await runCli(scan(out, config));
    fakeSlack().failNext({ count: 20, status: 503, method: 'chat.postMessage' });
    const down = await runCli(report(config, '--only', 'slack'), env);
    assert.equal(down.code, 3, down.stdout);
    assert.match(down.stdout, /slack failed/);
    assert.equal(fakeSlack().messages.C0SECURITY?.length ?? 0, 0);
    fakeSlack().reset();
    const up = await runCli(report(config, '--only', 'slack'), env);
    assert.equal(up.code, 0, up.stderr);
    assert.equal(fakeSlack().messages.C0SECURITY?.length, 1);
  });

  it('an exemption closes the ticket and resolves the message, saying so', async () => {
    const clients = aws.clients();
    const groupId = await seed(clients);
    const { out, config, env } = setup();
    await runCli(scan(out, config));
    await runCli(report(config), env);
    const key = [...fakeJira().issues.keys()][0] as string;
    writeFileSync(config, `${readFileSync(config, 'utf8')}\nexemptions:\n  - resource: "${groupId}"\n    reason: bastion host, reviewed in SEC-42\n`);
    await runCli(scan(out, config));
    // act
    const exempted = await runCli(report(config), env);
    // assert
    assert.equal(exempted.code, 0, exempted.stderr);
    assert.equal(fakeJira().issues.get(key)?.status, 'Done');
    assert.match(JSON.stringify(fakeJira().issues.get(key)?.comments.at(-1)), /exempt/i);
    assert.match(JSON.stringify(fakeSlack().message('C0SECURITY', fakeSlack().messages.C0SECURITY![0]!.ts)?.blocks), /exempt/i);
  });

  it('Jira answering 429 now and then loses nothing and doubles nothing', async () => {
    const clients = aws.clients();
    const ec2 = clients.get(EC2Client);
    await seed(clients);
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.8.0.0/16' }));
    for (let i = 0; i < 4; i += 1) {
      const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: `open-${i}`, Description: 'x', VpcId: Vpc?.VpcId }));
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [sshWorld] }));
    }
    const { out, config, env } = setup();
    await runCli(scan(out, config));
    // One request in five is throttled (the first of each five after setup).
    for (let i = 0; i < 5; i += 1) fakeJira().failNext({ status: 429, retryAfterSeconds: 0, count: 1, path: /\/rest\/api\/3\/issue$/ });
    // act
    const run = await runCli(report(config, '--only', 'jira'), env);
    // assert
    assert.equal(run.code, 0, run.stderr);
    assert.equal(fakeJira().issues.size, 5, 'one issue per open group, none twice');
    assert.equal(new Set([...fakeJira().issues.values()].map((i) => String(i.fields.summary))).size, 5);
    assert.ok(fakeJira().requests.filter((r) => r.status === 429).length >= 1);
  });

  it('digest mode: one message per channel for the new findings; a fix is said in its thread', async () => {
    const clients = aws.clients();
    const ec2 = clients.get(EC2Client);
    const first = await seed(clients);
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16' }));
    const { GroupId: second } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'open-ssh-2', Description: 'x', VpcId: Vpc?.VpcId }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: second, IpPermissions: [sshWorld] }));
    const { out, config, env } = setup();
    writeFileSync(config, readFileSync(config, 'utf8').replace('slack: { channel: "#security" }', 'slack: { channel: "#security", mode: digest }'));
    await runCli(scan(out, config));
    // act
    const run = await runCli(report(config, '--only', 'slack'), env);
    // assert
    assert.equal(run.code, 0, run.stderr);
    assert.equal(fakeSlack().messages.C0SECURITY?.length, 1, 'one digest');
    assert.match(JSON.stringify(fakeSlack().messages.C0SECURITY?.[0]?.blocks), new RegExp(`${first}[\\s\\S]*|${second}`));
    const again = await runCli(report(config, '--only', 'slack'), env);
    assert.equal(again.code, 0);
    assert.equal(fakeSlack().messages.C0SECURITY?.length, 1, 'nothing new, nothing posted');
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: first, IpPermissions: [sshWorld] }));
    await runCli(scan(out, config));
    await runCli(report(config, '--only', 'slack'), env);
    const replies = fakeSlack().messages.C0SECURITY?.[0]?.replies ?? [];
    assert.equal(replies.length, 1, JSON.stringify(replies.map((r) => r.text)));
    assert.match(String(replies[0]?.text), new RegExp(`Resolved \\(fixed\\): ${first}`));
  });

  it('rampart run scans, then reports, and exits with the worst of the two', async () => {
    const clients = aws.clients();
    await seed(clients);
    const { out, config, env } = setup();
    // act
    const run = await runCli(['run', ...scan(out, config).slice(1), '--fail-on', 'HIGH'], env);
    // assert
    assert.equal(run.code, 4, run.stderr);
    assert.match(run.stdout, /exit 4: --fail-on HIGH reached/);
    assert.match(run.stdout, /jira created SEC-\d+ {2}slack posted/);
    assert.equal(fakeJira().issues.size, 1);
    const message = fakeSlack().messages.C0SECURITY?.[0];
    assert.match(JSON.stringify(message?.blocks), new RegExp(`${fakeJira().url}/browse/SEC-\\d+`), 'the message links the new issue');
  });

  it('--dry-run prints every call it would make and changes nothing; secrets never reach the output', async () => {
    const clients = aws.clients();
    await seed(clients);
    const { out, config, env } = setup();
    await runCli(scan(out, config));
    const dry = await runCli(report(config, '--dry-run'), env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /would: jira POST \/rest\/api\/3\/issue SEC: \[HIGH\]/);
    assert.match(dry.stdout, /would: slack chat\.postMessage #security/);
    assert.equal(fakeJira().issues.size, 0);
    assert.equal(fakeSlack().messages.C0SECURITY?.length ?? 0, 0);
    for (const text of [dry.stdout, dry.stderr]) {
      assert.ok(!text.includes(JIRA_TOKEN) && !text.includes(SLACK_TOKEN));
    }
  });

  it('reads the tokens from an SSM SecureString and a Secrets Manager secret named in the config', async () => {
    const clients = aws.clients();
    await seed(clients);
    const { out, config, env } = setup();
    await clients.get(SSMClient).send(new PutParameterCommand({ Name: '/rampart/jira-token', Type: 'SecureString', Value: JIRA_TOKEN }));
    await clients.get(SecretsManagerClient).send(new CreateSecretCommand({ Name: 'rampart/slack', SecretString: JSON.stringify({ token: SLACK_TOKEN }) }));
    writeFileSync(config, `${readFileSync(config, 'utf8')}\nreporting:\n  jira: { project: SEC, issueType: Bug }\n  slack: { channel: "#security" }\n  secrets:\n    jiraApiToken: { ssmParameter: /rampart/jira-token }\n    slackToken: { secretsManagerSecret: rampart/slack, key: token }\n`.replace(/^reporting:[\s\S]*?checks:/m, 'checks:'));
    await runCli(scan(out, config));
    const { RAMPART_JIRA_API_TOKEN: _jira, RAMPART_SLACK_TOKEN: _slack, ...withoutTokens } = env;
    // act
    const run = await runCli(report(config), withoutTokens);
    // assert
    assert.equal(run.code, 0, run.stderr);
    assert.equal(fakeJira().issues.size, 1);
    assert.equal(fakeSlack().messages.C0SECURITY?.length, 1);
    assert.ok(!run.stdout.includes(JIRA_TOKEN) && !run.stderr.includes(SLACK_TOKEN));
    // A secret that cannot be read is a setting to fix, named.
    writeFileSync(config, readFileSync(config, 'utf8').replace('rampart/slack, key: token', 'rampart/nope'));
    const missing = await runCli(report(config), withoutTokens);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /reporting\.secrets\.slackToken: the secret rampart\/nope cannot be read/);
  });

  it('a missing setting is one line naming it, exit 2', async () => {
    const { config, env } = setup();
    const noToken = await runCli(report(config), { ...env, RAMPART_JIRA_API_TOKEN: '' });
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /Jira reporting needs RAMPART_JIRA_API_TOKEN/);
    const wrong = await runCli(report(config), { ...env, RAMPART_JIRA_API_TOKEN: 'wrong-token-value' });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /RAMPART_JIRA/);
    assert.ok(!wrong.stderr.includes('wrong-token-value'));
  });
});
