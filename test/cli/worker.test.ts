/**
 * rampart worker against the emulator's SQS: the same custom-action event
 * delivered three times makes one change; a poison message goes to the
 * dead-letter queue after maxReceives deliveries, and the record says so.
 */
import { beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../src/aws/clients.js';
import { buildCustomActionEvent } from '../../src/remediate/event.js';
import type { RemediationItem } from '../../src/state/remediations.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../helpers/emulator.js';
import { byGenerator, hubFindings, runCli, scanArgs, tempDir } from '../helpers/cli.js';

const BUCKET = 'rampart-backups-worker';

describe('rampart worker', () => {
  const aws = useEmulator({ resetEach: false });
  let clients: AwsClients;
  let config: string;
  beforeAll(async () => {
    clients = aws.clients();
    await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    await clients.get(S3Client).send(new CreateBucketCommand({ Bucket: BUCKET }));
    config = join(tempDir(), 'rampart.yaml');
    writeFileSync(config, `remediation:\n  backupBucket: ${BUCKET}\n  accounts: ["${DEFAULT_ACCOUNT}"]\n`);
  });

  async function queues(name: string, maxReceiveCount: number): Promise<{ queueUrl: string; dlqUrl: string }> {
    const sqs = clients.get(SQSClient);
    const { QueueUrl: dlqUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }));
    const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({
      QueueName: name,
      Attributes: { VisibilityTimeout: '0', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount }) },
    }));
    return { queueUrl: queueUrl as string, dlqUrl: dlqUrl as string };
  }

  const depth = async (queueUrl: string): Promise<number> => {
    const { Attributes } = await clients.get(SQSClient).send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  };

  const worker = (queueUrl: string) => runCli(['worker', '--queue-url', queueUrl, '--once', '--config', config, '--endpoint-url', aws.endpoint, '--home-region', REGION, '--format', 'json']);

  it('the same message delivered three times makes one change, and every message is deleted', async () => {
    // prepare
    const ec2 = clients.get(EC2Client);
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'worker-open', Description: 'x' }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    await runCli(scanArgs(aws.endpoint, tempDir(), '--services', 'ec2'));
    const finding = byGenerator(await hubFindings(clients), 'ec2-security-group-no-public-restricted-ports', GroupId as string);
    assert.ok(finding);
    const body = JSON.stringify(buildCustomActionEvent([finding as unknown as Record<string, unknown>], { account: DEFAULT_ACCOUNT, region: REGION }));
    const { queueUrl } = await queues('rampart-remediation', 5);
    for (let i = 0; i < 3; i += 1) await clients.get(SQSClient).send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    // act
    const run = await worker(queueUrl);
    // assert
    assert.equal(run.code, 0, run.stderr);
    const reports = JSON.parse(run.stdout.slice(0, run.stdout.lastIndexOf(']') + 1)) as Array<{ outcome: string; duplicateOf?: string }>;
    assert.deepEqual(reports.map((r) => r.outcome), ['REMEDIATED', 'REMEDIATED', 'REMEDIATED']);
    assert.equal(reports.filter((r) => r.duplicateOf).length, 2);
    assert.equal(run.counter.snapshot()['EC2:RevokeSecurityGroupIngress'], 1, 'one change');
    assert.match(run.stdout, /3 message\(s\), 3 done and deleted/);
    assert.equal(await depth(queueUrl), 0);
    const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId as string] }));
    assert.deepEqual(SecurityGroups?.[0]?.IpPermissions, []);
  });

  it('a poison message goes to the dead-letter queue after maxReceives deliveries, and the record says so', async () => {
    // prepare
    const { queueUrl, dlqUrl } = await queues('rampart-poison', 2);
    await clients.get(SQSClient).send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"not":"an event"}' }));
    // act
    const run = await worker(queueUrl);
    // assert
    assert.equal(await depth(queueUrl), 0);
    assert.equal(await depth(dlqUrl), 1, 'the dead-letter queue holds it');
    const history = await runCli(['remediations', '--endpoint-url', aws.endpoint, '--home-region', REGION, '--format', 'json']);
    const intake = (JSON.parse(history.stdout) as RemediationItem[]).filter((i) => i.remediationId.startsWith('message-'));
    assert.equal(intake.length, 1);
    assert.equal(intake[0]?.deadLettered, true);
    assert.match(intake[0]?.reason ?? '', /not a Security Hub custom-action event.*dead-letter queue after 2 receives/);
    assert.match(run.stdout, /for the dead-letter queue/);
  });
});
