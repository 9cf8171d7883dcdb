/**
 * rampart remediate end to end against the emulator: plant an open security
 * group, scan it, build the custom-action event from the real finding, fix it,
 * and roll it back. Every refusal changes nothing and is recorded with its reason.
 */
import { beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateTagsCommand, DescribeSecurityGroupsCommand, EC2Client,
  RevokeSecurityGroupIngressCommand, type IpPermission,
} from '@aws-sdk/client-ec2';
import {
  CreateBucketCommand, GetBucketAclCommand, GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, GetBucketLocationCommand, GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, GetObjectCommand, GetPublicAccessBlockCommand, ListBucketsCommand, PutBucketAclCommand,
  PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, BatchUpdateFindingsCommand, EnableSecurityHubCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { toJson } from '../../auditors/ec2/remediations/apply.js';
import { AUDITORS } from '../../auditors/index.js';
import { iamActionFor } from '../../src/aws/iam-actions.js';
import { Registry } from '../../src/core/registry.js';
import { remediationRolePolicy, runnerPolicy } from '../../src/pipeline/permissions.js';
import type { AwsClients } from '../../src/aws/clients.js';
import { buildCustomActionEvent } from '../../src/remediate/event.js';
import type { RemediationItem } from '../../src/state/remediations.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../helpers/emulator.js';
import { byGenerator, hubFindings, runCli, scanArgs, tableRecords, tempDir } from '../helpers/cli.js';
import { passThrough } from '../helpers/pass-through.js';

const CHECK = 'ec2-security-group-no-public-restricted-ports';
const BUCKET = 'rampart-backups-test';
const ORIGINAL: IpPermission[] = [
  { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'anyone' }, { CidrIp: '10.0.0.0/8', Description: 'office' }] },
  { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'web' }] },
];

const calls = (run: { counter: { snapshot(): Record<string, number> } }, key: string): number => run.counter.snapshot()[key] ?? 0;

interface Report { findingId: string; outcome: string; reason: string; remediationId: string; backupKey?: string; calls: Array<{ action: string; input: Record<string, unknown> }>; duplicateOf?: string }

describe('rampart remediate', () => {
  const aws = useEmulator({ resetEach: false });
  let clients: AwsClients;
  beforeAll(async () => {
    clients = aws.clients();
    await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    await clients.get(S3Client).send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  const ec2 = (): EC2Client => clients.get(EC2Client);
  const permissions = async (groupId: string) => {
    const { SecurityGroups } = await ec2().send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    return toJson(SecurityGroups?.[0]?.IpPermissions);
  };

  /** An open group, scanned: its finding as Security Hub holds it. */
  async function openGroup(tags: Record<string, string> = {}): Promise<{ groupId: string; finding: AwsSecurityFinding }> {
    const { GroupId } = await ec2().send(new CreateSecurityGroupCommand({ GroupName: `open-${Math.random().toString(36).slice(2, 8)}`, Description: 'x' }));
    const groupId = GroupId as string;
    await ec2().send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: ORIGINAL }));
    if (Object.keys(tags).length > 0) await ec2().send(new CreateTagsCommand({ Resources: [groupId], Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
    const scan = await runCli(scanArgs(aws.endpoint, tempDir(), '--services', 'ec2'));
    assert.ok([0, 4].includes(scan.code), scan.stderr);
    const finding = byGenerator(await hubFindings(clients), CHECK, groupId);
    assert.ok(finding, 'the scan published the finding');
    return { groupId, finding };
  }

  function config(lines: string[] = []): string {
    const file = join(tempDir(), 'rampart.yaml');
    writeFileSync(file, [`remediation:`, `  backupBucket: ${BUCKET}`, `  accounts: ["${DEFAULT_ACCOUNT}"]`, ...lines, ''].join('\n'));
    return file;
  }

  function eventFile(findings: readonly object[], options: { id?: string; account?: string } = {}): string {
    const event = buildCustomActionEvent(findings as Record<string, unknown>[], { account: options.account ?? DEFAULT_ACCOUNT, region: REGION, ...(options.id ? { id: options.id } : {}) });
    const file = join(tempDir(), 'event.json');
    writeFileSync(file, JSON.stringify(event));
    return file;
  }

  const remediate = async (configFile: string, ...args: string[]) => {
    const run = await runCli(['remediate', '--config', configFile, '--endpoint-url', aws.endpoint, '--home-region', REGION, '--format', 'json', ...args]);
    const reports = run.stdout.trim().startsWith('[') ? (JSON.parse(run.stdout) as Report[]) : [];
    return { ...run, reports };
  };

  it('fixes exactly what the finding describes, backs up, writes back, and rolls back to the identical group', async () => {
    // prepare
    const { groupId, finding } = await openGroup();
    const before = await permissions(groupId);
    const file = config();
    // act
    const fixed = await remediate(file, '--event', eventFile([finding]));
    // assert: the fix
    assert.equal(fixed.code, 0, fixed.stderr);
    const [report] = fixed.reports;
    assert.equal(report?.outcome, 'REMEDIATED', report?.reason);
    assert.deepEqual(report?.calls.map((c) => c.action), ['ec2:RevokeSecurityGroupIngress']);
    const after = await permissions(groupId);
    assert.deepEqual(after.find((p) => p.FromPort === 22)?.IpRanges, [{ CidrIp: '10.0.0.0/8', Description: 'office' }]);
    assert.deepEqual(after.find((p) => p.FromPort === 443)?.IpRanges, [{ CidrIp: '0.0.0.0/0', Description: 'web' }], 'a port that is not restricted is untouched');
    // the backup holds the prior state and the calls
    assert.match(report?.backupKey ?? '', new RegExp(`^${DEFAULT_ACCOUNT}/${REGION}/AwsEc2SecurityGroup/${groupId}/rem-[0-9a-f]{20}\\.json$`));
    const object = await clients.get(S3Client).send(new GetObjectCommand({ Bucket: BUCKET, Key: report?.backupKey }));
    const backup = JSON.parse(await object.Body?.transformToString() ?? '{}') as { snapshot: { IpPermissions: unknown }; calls: unknown[] };
    assert.deepEqual(backup.snapshot.IpPermissions, before);
    assert.equal(backup.calls.length, 1);
    assert.ok(object.ServerSideEncryption, 'the backup is encrypted');
    // the finding and the record say PASSED, with the remediation
    const hub = byGenerator(await hubFindings(clients), CHECK, groupId);
    assert.equal(hub?.Compliance?.Status, 'PASSED');
    assert.equal(hub?.ProductFields?.['rampart/remediationId'], report?.remediationId);
    assert.match(hub?.ProductFields?.['rampart/backupKey'] ?? '', /^s3:\/\//);
    assert.equal(hub?.Workflow?.Status, 'RESOLVED');
    assert.match(hub?.Note?.Text ?? '', new RegExp(`Remediated by rampart ec2-revoke-public-restricted-port-ranges \\(${report?.remediationId}\\).*Backup: s3://${BUCKET}/`));
    assert.match(hub?.Note?.UpdatedBy ?? '', /custom action/);
    assert.doesNotMatch(report?.reason ?? '', /write-back/, 'the write-back succeeded');
    const record = (await tableRecords(clients)).find((r) => r.findingId === finding.Id);
    assert.equal(record?.status, 'PASSED');
    // every call is granted by the generated remediation role and the runner's worker statements
    const registry = new Registry(AUDITORS);
    const granted = new Set([remediationRolePolicy(registry), runnerPolicy('arn:aws:dynamodb:us-east-1:123456789012:table/t', [], false, [], { queueArn: 'arn:aws:sqs:us-east-1:123456789012:q', backupBucket: BUCKET })].flatMap((p) => p.Statement.flatMap((st) => st.Action)));
    for (const key of Object.keys(fixed.counter.snapshot())) assert.ok(granted.has(iamActionFor(key)), `the remediation called ${iamActionFor(key)}, which no generated policy grants`);

    // act: the history, then the rollback, twice
    const history = await runCli(['remediations', '--finding', finding.Id as string, '--endpoint-url', aws.endpoint, '--home-region', REGION, '--format', 'json']);
    const rolled = await runCli(['rollback', report?.remediationId as string, '--config', file, '--endpoint-url', aws.endpoint, '--home-region', REGION, '--format', 'json']);
    const again = await runCli(['rollback', report?.remediationId as string, '--config', file, '--endpoint-url', aws.endpoint, '--home-region', REGION, '--format', 'json']);
    // assert
    const items = JSON.parse(history.stdout) as RemediationItem[];
    assert.equal(items.length, 1);
    assert.equal(items[0]?.trigger, 'custom-action');
    assert.match(items[0]?.requestedBy ?? '', /custom action/);
    assert.equal(rolled.code, 0, rolled.stderr);
    assert.equal((JSON.parse(rolled.stdout) as { outcome: string }).outcome, 'ROLLED_BACK');
    assert.deepEqual(await permissions(groupId), before, 'the rolled-back group is identical, descriptions included');
    assert.equal((JSON.parse(again.stdout) as { outcome: string }).outcome, 'ALREADY_RESTORED');
    const reverted = byGenerator(await hubFindings(clients), CHECK, groupId);
    assert.equal(reverted?.Compliance?.Status, 'FAILED', 'the rollback re-checks and writes the finding back');
    assert.equal(reverted?.Workflow?.Status, 'NEW');
    assert.match(reverted?.Note?.Text ?? '', /Rolled back by/);
  });

  it('the same event delivered again changes nothing', async () => {
    // prepare
    const { groupId, finding } = await openGroup();
    const file = config();
    const event = eventFile([finding]);
    await remediate(file, '--event', event);
    // act
    const second = await remediate(file, '--event', event);
    const third = await remediate(file, '--event', event);
    // assert
    for (const run of [second, third]) {
      assert.equal(run.code, 0);
      assert.equal(run.reports[0]?.outcome, 'REMEDIATED');
      assert.ok(run.reports[0]?.duplicateOf);
      assert.equal(calls(run, 'EC2:RevokeSecurityGroupIngress'), 0);
      assert.equal(calls(run, 'EC2:DescribeSecurityGroups'), 0, 'not even a read: the claim says it is done');
    }
    assert.equal((await permissions(groupId)).find((p) => p.FromPort === 22)?.IpRanges?.length, 1);
  });

  it('a group fixed meanwhile by someone else is ALREADY_COMPLIANT, with no write', async () => {
    // prepare
    const { groupId, finding } = await openGroup();
    await ec2().send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    // act
    const run = await remediate(config(), '--event', eventFile([finding]));
    // assert
    assert.equal(run.code, 0);
    assert.equal(run.reports[0]?.outcome, 'ALREADY_COMPLIANT');
    assert.deepEqual(run.reports[0]?.calls, []);
    assert.equal(calls(run, 'EC2:RevokeSecurityGroupIngress') + calls(run, 'S3:PutObject'), 0);
  });

  it('refuses, records why and changes nothing: a forged event, a foreign finding, an unknown finding, an exempted resource, an account not allowed, no backup bucket', async () => {
    // prepare
    const { groupId, finding } = await openGroup({ env: 'lab' });
    const before = await permissions(groupId);
    const forged = buildCustomActionEvent([finding as unknown as Record<string, unknown>], { account: DEFAULT_ACCOUNT, region: REGION });
    forged.resources = [`arn:aws:securityhub:${REGION}:${DEFAULT_ACCOUNT}:action/custom/SomethingElse`];
    const forgedFile = join(tempDir(), 'forged.json');
    writeFileSync(forgedFile, JSON.stringify(forged));
    const foreign = { ...finding, ProductArn: `arn:aws:securityhub:${REGION}::product/aws/guardduty` };
    const unknown = { ...finding, Id: `${finding.Id as string}-not-ours` };
    const cases: Array<[string, string, string[], RegExp]> = [
      ['forged', config(), ['--event', forgedFile], /does not name rampart's action target/],
      ['foreign', config(), ['--event', eventFile([foreign])], /ProductArn .* is not rampart's/],
      ['unknown', config(), ['--event', eventFile([unknown])], /no rampart record holds this finding id/],
      ['exempted', config(['exemptions:', '  - { tag: { key: env, value: lab }, reason: "lab groups are open on purpose" }']), ['--event', eventFile([finding])], /exempted: lab groups are open on purpose/],
      ['account', join(tempDir(), 'other.yaml'), ['--event', eventFile([finding])], /not in remediation.accounts/],
      ['bucket', join(tempDir(), 'nobucket.yaml'), ['--event', eventFile([finding])], /backupBucket is not set/],
    ];
    writeFileSync(cases[4]?.[1] as string, `remediation:\n  backupBucket: ${BUCKET}\n  accounts: ["111122223333"]\n`);
    writeFileSync(cases[5]?.[1] as string, `remediation:\n  accounts: ["${DEFAULT_ACCOUNT}"]\n`);
    for (const [name, file, args, reason] of cases) {
      // act
      const run = await remediate(file, ...args);
      // assert
      assert.equal(run.code, 6, `${name}: ${run.stderr}`);
      assert.equal(run.reports[0]?.outcome, 'REFUSED', name);
      assert.match(run.reports[0]?.reason ?? '', reason, name);
      assert.equal(calls(run, 'EC2:RevokeSecurityGroupIngress') + calls(run, 'S3:PutObject'), 0, name);
    }
    assert.deepEqual(await permissions(groupId), before);
    const history = await runCli(['remediations', '--endpoint-url', aws.endpoint, '--home-region', REGION, '--format', 'json']);
    const refusals = (JSON.parse(history.stdout) as RemediationItem[]).filter((i) => i.outcome === 'REFUSED');
    assert.ok(refusals.length >= cases.length, 'every refusal is recorded');
  });

  it('a resource whose tags cannot be read is SKIPPED_UNVERIFIED when a tag exemption exists: nothing is guessed', async () => {
    // prepare
    const s3 = clients.get(S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'public-acl-untaggable', ACL: 'public-read' }));
    const scan = await runCli(scanArgs(aws.endpoint, tempDir(), '--checks', 's3-bucket-acl-not-public'));
    assert.ok([0, 4].includes(scan.code), scan.stderr);
    const finding = byGenerator(await hubFindings(clients), 's3-bucket-acl-not-public', 'public-acl-untaggable');
    assert.ok(finding);
    const file = config(['exemptions:', '  - { tag: { key: env, value: lab }, reason: "lab buckets are public on purpose" }']);
    const denied = passThrough(S3Client, [
      ListBucketsCommand, GetBucketLocationCommand, GetBucketAclCommand, GetBucketPolicyCommand, GetPublicAccessBlockCommand, GetBucketEncryptionCommand,
      GetBucketVersioningCommand, GetBucketLifecycleConfigurationCommand, GetBucketOwnershipControlsCommand, GetObjectCommand, PutObjectCommand, PutBucketAclCommand,
    ]);
    denied.fake(GetBucketTaggingCommand, async () => {
      throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } });
    });
    let run: Awaited<ReturnType<typeof remediate>>;
    try {
      // act
      run = await remediate(file, '--event', eventFile([finding]));
    } finally {
      denied.restore();
    }
    // assert
    assert.equal(run.code, 6);
    assert.equal(run.reports[0]?.outcome, 'SKIPPED_UNVERIFIED');
    assert.match(run.reports[0]?.reason ?? '', /tags cannot be read .* tag exemption cannot be ruled out/);
    assert.equal(calls(run, 'S3:PutBucketAcl') + calls(run, 'S3:PutObject'), 0);

    // act: the tags readable again, the same finding is fixed
    const fixed = await remediate(file, '--event', eventFile([finding]));
    // assert
    assert.equal(fixed.reports[0]?.outcome, 'REMEDIATED', fixed.reports[0]?.reason);
    const { Grants } = await s3.send(new GetBucketAclCommand({ Bucket: 'public-acl-untaggable' }));
    assert.ok(!JSON.stringify(Grants).includes('AllUsers'), 'the public grant is gone');
    assert.ok(Grants?.some((g) => g.Permission === 'FULL_CONTROL'), 'the owner keeps its grant');
  });

  it('a write-back that fails is recorded beside the fix, which stands', async () => {
    // prepare
    const { groupId, finding } = await openGroup();
    const hub = passThrough(SecurityHubClient, [BatchImportFindingsCommand]);
    hub.fake(BatchUpdateFindingsCommand, async () => {
      throw Object.assign(new Error('Access denied to BatchUpdateFindings'), { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 403 } });
    });
    let run: Awaited<ReturnType<typeof remediate>>;
    try {
      // act
      run = await remediate(config(), '--event', eventFile([finding]));
    } finally {
      hub.restore();
    }
    // assert
    assert.equal(run.reports[0]?.outcome, 'REMEDIATED');
    assert.match(run.reports[0]?.reason ?? '', /write-back: BatchUpdateFindings: .*Access denied/);
    assert.equal((await permissions(groupId)).find((p) => p.FromPort === 22)?.IpRanges?.length, 1, 'the fix stands');
    const history = await runCli(['remediations', '--finding', finding.Id as string, '--endpoint-url', aws.endpoint, '--home-region', REGION, '--format', 'json']);
    assert.match(JSON.stringify((JSON.parse(history.stdout) as RemediationItem[])[0]?.writeBackProblems), /BatchUpdateFindings/);
    assert.equal(byGenerator(await hubFindings(clients), CHECK, groupId)?.Compliance?.Status, 'PASSED', 'the re-import went through');
  });

  it('a dry run prints the exact calls and changes nothing', async () => {
    // prepare
    const { groupId, finding } = await openGroup();
    const before = await permissions(groupId);
    // act
    const run = await remediate(config(), '--finding', finding.Id as string, '--dry-run');
    // assert
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.reports[0]?.outcome, 'DRY_RUN');
    assert.deepEqual(run.reports[0]?.calls[0]?.input, { GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
    assert.deepEqual(await permissions(groupId), before);
  });

  it('--finding without a terminal needs --yes', async () => {
    // prepare
    const { finding } = await openGroup();
    // act
    const run = await remediate(config(), '--finding', finding.Id as string);
    // assert
    assert.equal(run.code, 2);
    assert.match(run.stderr, /pass --yes/);
  });

  it('a worker that died mid-fix leaves a claim that the redelivery takes over, reusing its backup', async () => {
    // prepare: the claim and the backup a killed worker left behind, its lease run out
    const { groupId, finding } = await openGroup();
    const file = config();
    const event = eventFile([finding], { id: 'event-killed-worker' });
    const failing = passThrough(EC2Client, [DescribeSecurityGroupsCommand]);
    failing.fake(RevokeSecurityGroupIngressCommand, async () => {
      throw Object.assign(new Error('We encountered an internal error'), { name: 'InternalError', $fault: 'server', $metadata: { httpStatusCode: 500 } });
    });
    let first: Awaited<ReturnType<typeof remediate>>;
    try {
      first = await remediate(file, '--event', event);
    } finally {
      failing.restore();
    }
    // act
    const second = await remediate(file, '--event', event);
    // assert
    assert.equal(first.reports[0]?.outcome, 'FAILED');
    assert.equal(second.reports[0]?.outcome, 'REMEDIATED', second.reports[0]?.reason);
    assert.equal(second.reports[0]?.backupKey, first.reports[0]?.backupKey, 'the retry reuses the first backup');
    assert.equal(second.reports[0]?.remediationId, first.reports[0]?.remediationId);
    assert.equal((await permissions(groupId)).find((p) => p.FromPort === 22)?.IpRanges?.length, 1);
  });

  it('a claim whose worker died after the change converges to ALREADY_COMPLIANT', async () => {
    // prepare
    const { groupId, finding } = await openGroup();
    const file = config();
    const event = buildCustomActionEvent([finding as unknown as Record<string, unknown>], { account: DEFAULT_ACCOUNT, region: REGION, id: 'event-died-after-change' });
    const eventPath = join(tempDir(), 'event.json');
    writeFileSync(eventPath, JSON.stringify(event));
    const { remediationIdOf } = await import('../../src/remediate/engine.js');
    const remediationId = remediationIdOf('event', event.id, finding.Id as string);
    const past = new Date(Date.now() - 60_000).toISOString();
    const claim: RemediationItem = {
      pk: finding.Id as string, sk: `REMEDIATION#${remediationId}`, remediationId, findingId: finding.Id as string, trigger: 'custom-action', requestedBy: 'test',
      phase: 'CLAIMED', calls: [], attempts: 1, claimedAt: past, leaseUntil: past, updatedAt: past, state: 'REMEDIATION', lastSeenAt: past,
    };
    await DynamoDBDocumentClient.from(clients.get(DynamoDBClient)).send(new PutCommand({ TableName: 'rampart-findings', Item: claim }));
    await ec2().send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    // act
    const run = await remediate(file, '--event', eventPath);
    // assert
    assert.equal(run.reports[0]?.outcome, 'ALREADY_COMPLIANT');
    assert.equal(run.reports[0]?.remediationId, remediationId);
  });
});
