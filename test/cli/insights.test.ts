/**
 * rampart insights sync | list end to end against the emulator: the insights created once and then
 * in step, their state listed, a bad definition refused with its file and field, a failed call exit 3,
 * and the shipped insights following a real scan and a real remediation.
 */
import { beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateInsightCommand, EnableSecurityHubCommand, GetInsightResultsCommand, GetInsightsCommand, SecurityHubClient, UpdateInsightCommand,
  type CreateInsightCommandInput,
} from '@aws-sdk/client-securityhub';
import { ACCOUNT_PERMISSIONS } from '../../src/aws/accounts.js';
import type { AwsClients } from '../../src/aws/clients.js';
import { iamActionFor } from '../../src/aws/iam-actions.js';
import { loadInsightDefinitions, type InsightDefinition } from '../../src/insights/definitions.js';
import { INSIGHT_SYNC_PERMISSIONS } from '../../src/insights/permissions.js';
import { readInsights } from '../../src/insights/sync.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../helpers/emulator.js';
import { byGenerator, hubFindings, runCli, scanArgs, tempDir } from '../helpers/cli.js';
import { passThrough } from '../helpers/pass-through.js';

const CHECK = 'ec2-security-group-no-public-restricted-ports';
const BUCKET = 'rampart-backups-insights';

interface RegionJson {
  accountId: string;
  region: string;
  error?: string;
  statuses: Array<{ state: string; name: string; key?: string; changes?: string[] }>;
  calls: Array<{ action: string; name: string; outcome: string; error?: string }>;
}

describe('rampart insights', () => {
  const aws = useEmulator({ resetEach: false });
  let clients: AwsClients;
  let definitions: InsightDefinition[];
  beforeAll(async () => {
    clients = aws.clients();
    await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    definitions = await loadInsightDefinitions();
  });

  const insights = (...args: string[]) => runCli(['insights', ...args, '--endpoint-url', aws.endpoint]);
  const json = <T>(stdout: string): T => JSON.parse(stdout) as T;

  it('sync creates the insights in each region, then finds them in step at the cost of one read each', async () => {
    // act
    const first = await insights('sync', '--regions', 'us-east-1,eu-west-1');
    const second = await insights('sync', '--regions', 'us-east-1,eu-west-1', '--format', 'json');
    // assert
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`^${DEFAULT_ACCOUNT} us-east-1: ${definitions.length} created, 0 in step$`, 'm'));
    assert.match(first.stdout, new RegExp(`^${DEFAULT_ACCOUNT} eu-west-1: ${definitions.length} created, 0 in step$`, 'm'));
    assert.match(first.stdout, /^ {2}created {8}rampart: open failed findings by check$/m);
    assert.equal(second.code, 0, second.stderr);
    const regions = json<RegionJson[]>(second.stdout);
    assert.deepEqual(regions.map((r) => [r.region, r.calls.length, r.statuses.every((s) => s.state === 'in-step')]), [['us-east-1', 0, true], ['eu-west-1', 0, true]]);
    assert.deepEqual(second.counter.snapshot(), { 'STS:GetCallerIdentity': 1, 'SecurityHub:GetInsights': 2 });
    const granted = new Set<string>([...INSIGHT_SYNC_PERMISSIONS, ...ACCOUNT_PERMISSIONS]);
    for (const key of Object.keys(first.counter.snapshot())) assert.ok(granted.has(iamActionFor(key)), `${iamActionFor(key)} is declared`);
  });

  it('list shows each insight in step, differing, missing, stale or foreign; a dry run changes nothing', async () => {
    // prepare
    const hub = clients.get(SecurityHubClient);
    const stored = await readInsights(clients);
    const target = stored.find((i) => i.Name === definitions[0]?.name);
    await hub.send(new UpdateInsightCommand({ InsightArn: target?.InsightArn, GroupByAttribute: 'Region' }));
    await hub.send(new CreateInsightCommand({ Name: 'rampart: an old insight', Filters: { Title: [{ Value: 'x', Comparison: 'EQUALS' }] }, GroupByAttribute: 'ResourceId' }));
    await hub.send(new CreateInsightCommand({ Name: 'Team X: root usage', Filters: { Title: [{ Value: 'root', Comparison: 'PREFIX' }] }, GroupByAttribute: 'AwsAccountId' }));
    // act
    const list = await insights('list', '--regions', REGION);
    const listJson = await insights('list', '--regions', `${REGION},us-west-2`, '--format', 'json');
    const dry = await insights('sync', '--dry-run', '--regions', REGION);
    const afterDry = await readInsights(clients);
    const sync = await insights('sync', '--regions', REGION);
    // assert
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`^ {2}differs {3}${definitions[0]?.key} +${definitions[0]?.name} \\(differs in groupBy\\)$`, 'm'));
    assert.match(list.stdout, /^ {2}stale {5}- +rampart: an old insight \(rampart's, no longer defined: sync deletes it\)$/m);
    assert.match(list.stdout, /^ {2}foreign {3}- +Team X: root usage \(not rampart's: left alone\)$/m);
    const { definitions: listed, regions } = json<{ definitions: unknown[]; regions: RegionJson[] }>(listJson.stdout);
    assert.equal(listed.length, definitions.length);
    assert.ok(regions[1]?.statuses.every((s) => s.state === 'missing'), 'us-west-2 has none yet');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /1 to delete, 1 to update, .* in step, 1 foreign left alone \(dry run: nothing changed\)/);
    assert.match(dry.stdout, /^ {2}would delete {3}rampart: an old insight \(no longer defined\)$/m);
    assert.equal(afterDry.length, stored.length + 2);
    assert.equal(sync.code, 0, sync.stderr);
    const after = await readInsights(clients);
    assert.equal(after.find((i) => i.InsightArn === target?.InsightArn)?.GroupByAttribute, definitions[0]?.groupBy);
    assert.deepEqual(after.filter((i) => !i.Name?.startsWith('rampart: ')).map((i) => i.Name), ['Team X: root usage']);
    assert.equal(after.length, definitions.length + 1);
  });

  it('list --offline prints the definitions without any AWS call', async () => {
    // act
    const run = await runCli(['insights', 'list', '--offline']);
    // assert
    assert.equal(run.code, 0, run.stderr);
    for (const d of definitions) assert.match(run.stdout, new RegExp(`^${d.key} +${d.name} \\(grouped by ${d.groupBy}\\)$`, 'm'));
    assert.deepEqual(run.counter.snapshot(), {});
  });

  it('list --offline loads no AWS SDK package', () => {
    // prepare
    const log = join(tempDir(), 'imports.jsonl');
    // act
    const run = spawnSync(process.execPath, ['--import', './dist/test/helpers/record-imports.js', 'dist/src/cli/bin.js', 'insights', 'list', '--offline'], { encoding: 'utf8', env: { ...process.env, RAMPART_IMPORT_LOG: log } });
    // assert
    assert.equal(run.status, 0, run.stderr);
    const urls = readFileSync(log, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { url: string }).url);
    assert.ok(urls.some((url) => url.endsWith('/dist/src/insights/definitions.js')), 'the hooks saw the definitions load');
    assert.deepEqual(urls.filter((url) => /\/node_modules\/@(aws-sdk|smithy)\//.test(url)), []);
  });

  it('refuses a bad definition with exit 2, naming the file and the field, before any call', async () => {
    // prepare
    const dir = join(tempDir(), 'insights');
    mkdirSync(dir);
    writeFileSync(join(dir, 'too-wide.json'), JSON.stringify({ name: 'rampart: too wide', description: 'an insight with a bad comparison', groupBy: 'GeneratorId', filters: { GeneratorId: [{ Value: 'x', Comparison: 'CONTAINS' }] } }));
    // act
    const run = await insights('sync', '--regions', REGION, '--dir', dir);
    const usage = await insights('prune', '--regions', REGION);
    // assert
    assert.equal(run.code, 2);
    assert.match(run.stderr, /too-wide\.json: filters\.GeneratorId\.0\.Comparison: must be one of EQUALS, PREFIX, NOT_EQUALS, PREFIX_NOT_EQUALS/);
    assert.deepEqual(run.counter.snapshot(), {});
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /use rampart insights sync or rampart insights list/);
  });

  it('exits 3 when a call fails, naming it, after making the others', async () => {
    // prepare
    const region = 'ap-southeast-2';
    const mock = passThrough(SecurityHubClient, [GetInsightsCommand, CreateInsightCommand]);
    mock.fake<CreateInsightCommandInput>(CreateInsightCommand, async (input, real) => {
      if (input.Name === definitions[2]?.name) throw Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException', $metadata: { httpStatusCode: 429 } });
      return real(input);
    });
    // act
    let run: Awaited<ReturnType<typeof runCli>>;
    try {
      run = await insights('sync', '--regions', region);
    } finally {
      mock.restore();
    }
    // assert
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stdout, new RegExp(`^ {2}FAILED {5}create ${definitions[2]?.name}: LimitExceededException: Rate exceeded$`, 'm'));
    assert.match(run.stdout, new RegExp(`${region}: ${definitions.length - 1} created, 1 failed`));
    assert.match(run.stderr, /a Security Hub call failed/);
    assert.equal((await readInsights(aws.clients(region))).length, definitions.length - 1);
  });

  it('the insights follow a real scan and a real remediation', async () => {
    // prepare: an open group, scanned, the insights in step
    const ec2 = clients.get(EC2Client);
    await clients.get(S3Client).send(new CreateBucketCommand({ Bucket: BUCKET }));
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'insights-open', Description: 'x' }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    const scan = await runCli(scanArgs(aws.endpoint, tempDir(), '--services', 'ec2'));
    assert.ok([0, 4].includes(scan.code), scan.stderr);
    const finding = byGenerator(await hubFindings(clients), CHECK, GroupId as string);
    assert.ok(finding?.Id);
    const sync = await insights('sync', '--regions', REGION);
    assert.equal(sync.code, 0, sync.stderr);
    const arns = new Map((await readInsights(clients)).map((i) => [i.Name, i.InsightArn]));
    const groups = async (key: string): Promise<string[]> => {
      const { InsightResults } = await clients.get(SecurityHubClient).send(new GetInsightResultsCommand({ InsightArn: arns.get(definitions.find((d) => d.key === key)?.name ?? '') }));
      return (InsightResults?.ResultValues ?? []).map((v) => v.GroupByAttributeValue ?? '');
    };
    const exposedBefore = await groups('publicly-exposed');
    const failedBefore = await groups('failed-by-check');
    const config = join(tempDir(), 'rampart.yaml');
    writeFileSync(config, ['remediation:', `  backupBucket: ${BUCKET}`, `  accounts: ["${DEFAULT_ACCOUNT}"]`, ''].join('\n'));
    // act
    const fixed = await runCli(['remediate', '--finding', finding.Id, '--yes', '--config', config, '--endpoint-url', aws.endpoint, '--home-region', REGION]);
    // assert
    assert.equal(fixed.code, 0, fixed.stderr + fixed.stdout);
    assert.ok(exposedBefore.some((id) => id.endsWith(GroupId as string)), 'the open group is publicly exposed');
    assert.ok(failedBefore.includes(CHECK));
    assert.equal((await groups('publicly-exposed')).some((id) => id.endsWith(GroupId as string)), false, 'fixed: no longer exposed');
    assert.deepEqual(await groups('remediated-last-7-days'), [CHECK], 'rampart\'s remediation note is what the insight looks for');
  });
});
