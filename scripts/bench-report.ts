/**
 * The report benchmark: seeds the emulator as `npm run bench` does, scans it,
 * then reports to the local Jira and Slack stand-ins four times: every finding
 * new; nothing changed; some findings changed; new and changed findings while
 * one Jira and one Slack call in five is answered 429. Prints the calls per
 * finding and the wall time, and checks that nothing is lost or doubled.
 *
 *   npm run bench:report -- [--security-groups N] [--buckets N]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { createAwsClients, type AwsClients } from '../src/aws/clients.js';
import { collectPages } from '../src/aws/paginate.js';
import { main } from '../src/cli/main.js';
import { Registry } from '../src/core/registry.js';
import { startFakeJira, type FakeJira } from '../src/emulator/fake-jira.js';
import { DEFAULT_CREDENTIALS } from '../src/emulator/fake-jira/model.js';
import { startFakeSlack, type FakeSlack } from '../src/emulator/fake-slack.js';
import { DEFAULT_TOKEN } from '../src/emulator/fake-slack/workspace.js';
import { emulatorEnv, startEmulator, type Emulator } from '../src/emulator/moto.js';
import { runReportStep } from '../src/pipeline/report.js';
import { silentLogger } from '../src/util/logger.js';
import { AUDITORS } from '../auditors/index.js';
import { seedBenchAccount } from './bench-seed.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const TABLE = 'rampart-bench-report';
const THROTTLE_EVERY = 5;

interface Pass {
  name: string;
  /** Findings acted on (created, commented, closed… / posted, updated…). */
  jiraActed: number;
  slackActed: number;
  /** Calls beyond the per-run setup check. */
  jiraCalls: number;
  slackCalls: number;
  throttled: number;
  wallSeconds: number;
  exitCode: number;
}

const isJiraSetup = (path: string): boolean => /\/myself$|\/project\/|\/createmeta\//.test(path);

async function reportPass(name: string, config: string, env: NodeJS.ProcessEnv, jira: FakeJira, slack: FakeSlack): Promise<Pass> {
  const [jiraBefore, slackBefore] = [jira.requests.length, slack.requests.length];
  const started = performance.now();
  const { parseConfigText } = await import('../src/config/load.js');
  const { readFileSync } = await import('node:fs');
  const result = await runReportStep(
    { config: parseConfigText(readFileSync(config, 'utf8'), config), homeRegion: REGION, table: TABLE, endpointUrl: env.AWS_ENDPOINT_URL as string, dryRun: false, env },
    { registry: new Registry(AUDITORS), logger: silentLogger },
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const jiraRequests = jira.requests.slice(jiraBefore);
  const slackRequests = slack.requests.slice(slackBefore);
  const acted = (key: 'jira' | 'slack'): number => result.outcome.lines.filter((l) => l[key] && l[key].action !== 'unchanged').length;
  return {
    name,
    jiraActed: acted('jira'),
    slackActed: acted('slack'),
    jiraCalls: jiraRequests.filter((r) => !isJiraSetup(r.path)).length,
    slackCalls: slackRequests.filter((r) => r.method !== 'auth.test').length,
    throttled: jiraRequests.filter((r) => r.status === 429).length + slackRequests.filter((r) => r.status === 429).length,
    wallSeconds,
    exitCode: result.exitCode,
  };
}

async function openGroups(clients: AwsClients, count: number, skip: number): Promise<string[]> {
  const groups = await collectPages(
    (NextToken) => clients.get(EC2Client).send(new DescribeSecurityGroupsCommand({ NextToken })),
    (page) => page.NextToken,
    (page) => page.SecurityGroups,
  );
  return groups
    .filter((g) => (g.IpPermissions ?? []).some((p) => (p.IpRanges ?? []).some((r) => r.CidrIp === '0.0.0.0/0')))
    .map((g) => g.GroupId as string)
    .sort()
    .slice(skip, skip + count);
}

async function changeGroups(clients: AwsClients, ids: readonly string[]): Promise<void> {
  for (const GroupId of ids) {
    await clients.get(EC2Client).send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  }
}

function duplicates(jira: FakeJira): number {
  const labels = new Map<string, number>();
  for (const issue of jira.issues.values()) {
    const label = (issue.fields.labels as string[]).find((l) => l.startsWith('rampart-'));
    if (label) labels.set(label, (labels.get(label) ?? 0) + 1);
  }
  return [...labels.values()].filter((n) => n > 1).length;
}

async function bench(): Promise<number> {
  const { values } = parseArgs({ options: { 'security-groups': { type: 'string' }, buckets: { type: 'string' } }, strict: true });
  const securityGroups = Number(values['security-groups'] ?? 2000);
  const buckets = Number(values.buckets ?? 300);
  let emulator: Emulator | undefined;
  let clients: AwsClients | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-report-'));
  const jira = await startFakeJira();
  const slack = await startFakeSlack();
  try {
    emulator = await startEmulator({ log: (line) => process.stderr.write(`bench:report: ${line}\n`) });
    Object.assign(process.env, emulatorEnv(emulator.endpoint, REGION), { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    clients = createAwsClients(ACCOUNT, REGION, undefined, { endpointUrl: emulator.endpoint });
    process.stderr.write(`bench:report: seeding ${securityGroups} security groups and ${buckets} buckets\n`);
    await seedBenchAccount(clients, { securityGroups, buckets, concurrency: 16 });
    const config = join(dir, 'rampart.yaml');
    writeFileSync(config, 'reporting:\n  jira: { project: SEC, issueType: Bug }\n  slack: { channel: "#security", pacingMs: 0 }\n');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      RAMPART_JIRA_URL: jira.url, RAMPART_JIRA_EMAIL: DEFAULT_CREDENTIALS.email, RAMPART_JIRA_API_TOKEN: DEFAULT_CREDENTIALS.apiToken,
      RAMPART_SLACK_TOKEN: DEFAULT_TOKEN, RAMPART_SLACK_API_URL: slack.apiUrl,
    };
    const quiet = { env: process.env, stdout: () => undefined, stderr: () => undefined, stderrIsTty: false };
    const scan = (): Promise<number> => main(['scan', '--endpoint-url', emulator?.endpoint ?? '', '--regions', REGION, '--table', TABLE, '--create-table', '--config', config, '--no-progress', '--no-output'], quiet);
    process.stderr.write('bench:report: scanning\n');
    await scan();
    const passes: Pass[] = [];
    passes.push(await reportPass('new findings', config, env, jira, slack));
    passes.push(await reportPass('nothing changed', config, env, jira, slack));
    await changeGroups(clients, await openGroups(clients, 50, 0));
    await scan();
    passes.push(await reportPass('50 findings changed', config, env, jira, slack));
    await changeGroups(clients, await openGroups(clients, 50, 50));
    await scan();
    jira.throttleEvery(THROTTLE_EVERY);
    slack.throttleEvery(THROTTLE_EVERY);
    passes.push(await reportPass(`50 changed, 1 call in ${THROTTLE_EVERY} answered 429`, config, env, jira, slack));
    jira.throttleEvery(0);
    slack.throttleEvery(0);
    const check = await reportPass('afterwards: nothing left to do', config, env, jira, slack);
    passes.push(check);

    const rows = passes.map((p) => [p.name, String(p.jiraActed), String(p.jiraCalls), p.jiraActed ? (p.jiraCalls / p.jiraActed).toFixed(2) : '-', String(p.slackActed), String(p.slackCalls), p.slackActed ? (p.slackCalls / p.slackActed).toFixed(2) : '-', String(p.throttled), p.wallSeconds.toFixed(2), String(p.exitCode)]);
    const head = ['pass', 'Jira acted', 'Jira calls', 'per finding', 'Slack acted', 'Slack calls', 'per finding', '429s', 'wall (s)', 'exit'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
    const [created, unchanged, changed, throttled] = passes as [Pass, Pass, Pass, Pass, Pass];
    const wanted = created.jiraActed;
    const messages = Object.values(slack.messages).reduce((n, list) => n + list.length, 0);
    const targets: Array<[string, boolean, string]> = [
      ['calls per new finding ≤ 2 (Jira and Slack)', created.jiraCalls <= 2 * created.jiraActed && created.slackCalls <= 2 * created.slackActed, `${(created.jiraCalls / Math.max(1, created.jiraActed)).toFixed(2)} and ${(created.slackCalls / Math.max(1, created.slackActed)).toFixed(2)}`],
      ['calls per unchanged finding = 0', unchanged.jiraCalls === 0 && unchanged.slackCalls === 0, `${unchanged.jiraCalls} Jira, ${unchanged.slackCalls} Slack calls`],
      ['calls per changed finding ≤ 2 (Jira and Slack)', changed.jiraCalls <= 2 * changed.jiraActed && changed.slackCalls <= 2 * changed.slackActed, `${(changed.jiraCalls / Math.max(1, changed.jiraActed)).toFixed(2)} and ${(changed.slackCalls / Math.max(1, changed.slackActed)).toFixed(2)}`],
      ['throttled: nothing lost (every change reported, none left)', throttled.exitCode === 0 && check.jiraActed === 0 && check.slackActed === 0, `${throttled.jiraActed} Jira and ${throttled.slackActed} Slack actions; ${check.jiraActed + check.slackActed} left for the next run`],
      ['nothing doubled: one issue and one message per finding', duplicates(jira) === 0 && messages === jira.issues.size && jira.issues.size >= wanted, `${jira.issues.size} issues (${duplicates(jira)} labels on more than one) and ${messages} messages; ${wanted} findings at the first pass, the rest new since`],
    ];
    process.stdout.write([
      '', `rampart report benchmark: ${securityGroups} security groups, ${buckets} buckets; local Jira and Slack stand-ins`, '',
      line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '',
      '  calls: Jira and Slack requests of the pass beyond the run\'s setup check (myself, project, create metadata; auth.test), 429s included',
      '', 'targets', ...targets.map(([name, ok, detail]) => `  ${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`), '',
    ].join('\n'));
    return targets.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    clients?.destroy();
    await jira.close();
    await slack.close();
    await emulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await bench().catch((error: unknown) => {
  process.stderr.write(`bench:report: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
});
