/**
 * An AWS error that quotes credentials (an access key id, its secret, a
 * session token) fails one collector call and one per-resource detail call.
 * The scan still reports both errors everywhere, with the credentials
 * replaced: stdout, stderr, the three files, Security Hub and the record table.
 */
import { afterEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateSecurityGroupCommand, CreateVpcCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { useEmulator } from '../helpers/emulator.js';
import { hubFindings, runCli, tableRecords, tempDir } from '../helpers/cli.js';
import { assertNoSecrets, LEAKY_MESSAGE } from '../helpers/secrets.js';

/** Known to rampart only through its environment variable: no pattern would recognise it. */
const JIRA_TOKEN = 'jira-api-token-known-only-from-the-env';

interface Sendable {
  send(command: object): Promise<unknown>;
}

/** The part of aws-sdk-client-mock's stub used here, for any client class. */
interface CommandMock {
  send: { callsFake(fake: (this: Sendable, command: object) => Promise<unknown>): unknown };
  on(command: new (input: never) => object): { rejects(error: Error): unknown };
  restore(): void;
}

/**
 * Makes every instance of a client class reject one command with `error`;
 * every other command goes through to the emulator. Returns the undo.
 */
function failCommand(clientClass: { prototype: Sendable }, command: new (input: never) => object, error: Error): () => void {
  const original = clientClass.prototype.send;
  const mock = mockClient(clientClass as unknown as typeof EC2Client) as unknown as CommandMock;
  mock.send.callsFake(function passThrough(this: Sendable, sent: object) {
    return original.call(this, sent);
  });
  mock.on(command).rejects(error);
  return () => mock.restore();
}

function leakyError(name: string, extra = ''): Error {
  return Object.assign(new Error(`${LEAKY_MESSAGE}${extra}`), { name, $metadata: { httpStatusCode: 403 } });
}

describe('credentials in AWS errors reach no output', () => {
  const aws = useEmulator();
  const undo: Array<() => void> = [];
  afterEach(() => {
    while (undo.length > 0) undo.pop()?.();
  });

  it('a failed collector call and a failed detail call are reported everywhere without the credentials', async () => {
    // prepare
    const clients = aws.clients();
    await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    const { Vpc } = await clients.get(EC2Client).send(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16' }));
    await clients.get(EC2Client).send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: Vpc?.VpcId }));
    await clients.get(S3Client).send(new CreateBucketCommand({ Bucket: 'rampart-leak-test' }));
    undo.push(failCommand(EC2Client, DescribeSecurityGroupsCommand, leakyError('UnauthorizedOperation')));
    undo.push(failCommand(S3Client, GetBucketPolicyCommand, leakyError('AccessDenied', ` (Jira said ${JIRA_TOKEN})`)));
    const out = tempDir();
    const args = ['scan', '--endpoint-url', aws.endpoint, '--regions', 'us-east-1', '--services', 'ec2,s3', '--create-table', '--output', 'asff,ocsf,csv,html', '--out-dir', out, '--no-progress', '--log-format', 'json'];
    // act
    const run = await runCli(args, { ...process.env, RAMPART_JIRA_API_TOKEN: JIRA_TOKEN });
    while (undo.length > 0) undo.pop()?.();
    // assert: the scan ran through (the exit status of a collection failure is not this test's concern) and says what failed
    assert.ok(run.code !== 1 && run.code !== 2, `exit ${run.code}: ${run.stderr}`);
    const visible = /User with access key ASIA\[REDACTED\]7KEY and secret \[REDACTED\] is not authorized; X-Amz-Security-Token=\[REDACTED\]/;
    const outputs: Record<string, string> = {
      stdout: run.stdout,
      stderr: run.stderr,
      'findings.asff.json': readFileSync(join(out, 'findings.asff.json'), 'utf8'),
      'findings.ocsf.json': readFileSync(join(out, 'findings.ocsf.json'), 'utf8'),
      'findings.csv': readFileSync(join(out, 'findings.csv'), 'utf8'),
      'report.html': readFileSync(join(out, 'report.html'), 'utf8'),
      'Security Hub': JSON.stringify(await hubFindings(clients)),
      'the record table': JSON.stringify(await tableRecords(clients)),
    };
    for (const [where, text] of Object.entries(outputs)) {
      assertNoSecrets(text, where);
      assert.ok(!text.includes(JIRA_TOKEN), `${where} holds the Jira token`);
      if (where !== 'stderr') assert.match(text, visible, `${where} does not show the error`);
    }
    assert.match(run.stdout, /ec2-network: UnauthorizedOperation: User with access key ASIA\[REDACTED\]7KEY/);
    // The report says who ran the scan and how.
    assert.match(outputs['report.html'] ?? '', /<tr><th scope="row">Run by<\/th><td>arn:aws:[^<]+:123456789012:[^<]+<\/td><\/tr>/);
    assert.ok(outputs['report.html']?.includes(`<tr><th scope="row">Command line</th><td>rampart scan --endpoint-url ${aws.endpoint} --regions us-east-1`));
    assert.match(run.stderr, /UnauthorizedOperation: User with access key ASIA\[REDACTED\]7KEY/);
    // Both failures are ERROR findings, in Security Hub and in the record table.
    const hub = await hubFindings(clients);
    const records = await tableRecords(clients);
    const policyRecord = records.find((r) => r.checkId === 's3-bucket-policy-not-public' && r.resource.id === 'rampart-leak-test');
    assert.equal(policyRecord?.status, 'ERROR');
    assert.match(policyRecord?.summary ?? '', /could not be read: AccessDenied: .*\[REDACTED\].*\(Jira said \[REDACTED\]\)/);
    const groupFinding = hub.find((f) => f.GeneratorId === 'ec2-security-group-no-public-restricted-ports');
    assert.equal(groupFinding?.Compliance?.Status, 'NOT_AVAILABLE');
    assert.match(groupFinding?.Description ?? '', visible);
    assert.match(groupFinding?.ProductFields?.['rampart/evidence'] ?? '', /\[REDACTED\]/);
  });
});
