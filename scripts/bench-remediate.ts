/**
 * The remediation benchmark: plants N open security groups in the emulator,
 * scans them, queues one custom-action event per finding on SQS, then drains
 * the queue with the worker as the deployed task does. Prints remediations per
 * minute and the AWS calls each made, and checks that every group was fixed
 * once, precisely, with a backup.
 *
 *   npm run bench:remediate -- [--findings N]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { EnableSecurityHubCommand, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { CreateQueueCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createAwsClients } from '../src/aws/clients.js';
import { collectPages } from '../src/aws/paginate.js';
import { main } from '../src/cli/main.js';
import { RequestCounter } from '../src/aws/request-counter.js';
import { emulatorEnv, startEmulator } from '../src/emulator/moto.js';
import { buildCustomActionEvent } from '../src/remediate/event.js';
import { mapLimited, createLimiter } from '../src/util/limit.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const BUCKET = 'rampart-bench-backups';
const CHECK = 'ec2-security-group-no-public-restricted-ports';

async function run(args: readonly string[], counter: RequestCounter): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { env: process.env, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTty: false, counter });
  return { code, stdout, stderr };
}

async function benchmark(): Promise<number> {
  const { values } = parseArgs({ options: { findings: { type: 'string' } } });
  const n = Number(values.findings ?? 200);
  const emulator = await startEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-remediate-'));
  try {
    Object.assign(process.env, emulatorEnv(emulator.endpoint));
    const clients = createAwsClients(ACCOUNT, REGION, undefined, { endpointUrl: emulator.endpoint });
    await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    await clients.get(S3Client).send(new CreateBucketCommand({ Bucket: BUCKET }));
    const ec2 = clients.get(EC2Client);
    const groups = await mapLimited(Array.from({ length: n }, (_, i) => i), createLimiter(8), async (i) => {
      const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: `bench-open-${i}`, Description: 'bench' }));
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'anyone' }, { CidrIp: '10.0.0.0/8', Description: 'office' }] },
      ] }));
      return GroupId as string;
    });
    const config = join(dir, 'rampart.yaml');
    writeFileSync(config, `remediation:\n  backupBucket: ${BUCKET}\n  accounts: ["${ACCOUNT}"]\n`);
    const scan = await run(['scan', '--endpoint-url', emulator.endpoint, '--regions', REGION, '--create-table', '--services', 'ec2', '--no-progress', '--output', 'json', '--out-dir', dir, '--config', config], new RequestCounter());
    if (![0, 4].includes(scan.code)) throw new Error(`the scan failed (${scan.code}): ${scan.stderr}`);
    const findings = (await collectPages(
      (NextToken) => clients.get(SecurityHubClient).send(new GetFindingsCommand({ NextToken, MaxResults: 100 })),
      (page) => page.NextToken,
      (page) => page.Findings,
    )).filter((f) => f.GeneratorId === CHECK && f.Compliance?.Status === 'FAILED');
    const sqs = clients.get(SQSClient);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'rampart-bench-remediation', Attributes: { VisibilityTimeout: '300' } }));
    for (let i = 0; i < findings.length; i += 10) {
      await sqs.send(new SendMessageBatchCommand({
        QueueUrl,
        Entries: findings.slice(i, i + 10).map((f, j) => ({ Id: String(j), MessageBody: JSON.stringify(buildCustomActionEvent([f as unknown as Record<string, unknown>], { account: ACCOUNT, region: REGION })) })),
      }));
    }

    const counter = new RequestCounter();
    const started = performance.now();
    const worker = await run(['worker', '--queue-url', QueueUrl as string, '--once', '--config', config, '--endpoint-url', emulator.endpoint, '--home-region', REGION, '--format', 'json'], counter);
    const seconds = (performance.now() - started) / 1000;
    const reports = JSON.parse(worker.stdout.slice(0, worker.stdout.lastIndexOf(']') + 1)) as Array<{ outcome: string }>;
    const remediated = reports.filter((r) => r.outcome === 'REMEDIATED').length;

    const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: groups }));
    const precise = SecurityGroups.filter((g) => JSON.stringify(g.IpPermissions?.map((p) => p.IpRanges?.map((r) => r.CidrIp))) === JSON.stringify([['10.0.0.0/8']])).length;
    const backups = (await collectPages(
      (ContinuationToken) => clients.get(S3Client).send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken })),
      (page) => page.NextContinuationToken,
      (page) => page.Contents,
    )).length;
    const calls = counter.snapshot();
    const total = Object.values(calls).reduce((a, b) => a + b, 0);
    const perFix = (key: string): string => ((calls[key] ?? 0) / Math.max(1, remediated)).toFixed(2);
    const rows: Array<[string, string]> = [
      ['findings queued', String(findings.length)],
      ['remediated', `${remediated} (${reports.length - remediated} other outcomes)`],
      ['fixed precisely (only 0.0.0.0/0 gone)', `${precise} of ${groups.length}`],
      ['backups written', String(backups)],
      ['wall time', `${seconds.toFixed(1)} s`],
      ['remediations per minute', (remediated / (seconds / 60)).toFixed(0)],
      ['AWS calls per remediation', (total / Math.max(1, remediated)).toFixed(2)],
      ['  EC2 DescribeSecurityGroups', perFix('EC2:DescribeSecurityGroups')],
      ['  EC2 RevokeSecurityGroupIngress', perFix('EC2:RevokeSecurityGroupIngress')],
      ['  S3 GetObject + PutObject (backup)', ((Number(perFix('S3:GetObject')) + Number(perFix('S3:PutObject')))).toFixed(2)],
      ['  DynamoDB (claim, record, digest)', (Object.entries(calls).filter(([k]) => k.startsWith('DynamoDB:')).reduce((a, [, v]) => a + v, 0) / Math.max(1, remediated)).toFixed(2)],
      ['  Security Hub (re-import, workflow)', (Object.entries(calls).filter(([k]) => k.startsWith('SecurityHub:')).reduce((a, [, v]) => a + v, 0) / Math.max(1, remediated)).toFixed(2)],
      ['  SQS (receive, delete)', (Object.entries(calls).filter(([k]) => k.startsWith('SQS:')).reduce((a, [, v]) => a + v, 0) / Math.max(1, remediated)).toFixed(2)],
    ];
    process.stdout.write(`rampart remediation benchmark (${n} open security groups, one custom-action event each, one worker)\n\n`);
    for (const [name, value] of rows) process.stdout.write(`${name.padEnd(40)} ${value}\n`);
    const ok = remediated === findings.length && precise === groups.length && backups === remediated && worker.code === 0;
    process.stdout.write(`\n${ok ? 'PASS' : 'FAIL'}: every finding fixed once, precisely, with a backup\n`);
    if (!ok) process.stdout.write(`worker exit ${worker.code}: ${worker.stderr.slice(0, 2000)}\n`);
    clients.destroy();
    return ok ? 0 : 1;
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await benchmark();
