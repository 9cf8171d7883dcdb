/**
 * `rampart demo`: starts the local emulator, seeds a small insecure account,
 * scans it through the same code path as `rampart scan`, and writes a report.
 */
import { parseArgs } from 'node:util';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { createAwsClients } from '../aws/clients.js';
import { emulatorEnv, startEmulator } from '../emulator/moto.js';
import { seedDemoAccount } from '../emulator/demo-seed.js';
import { DEMO_CONFIG_YAML, DEMO_LEFT_OUT, leftOutChecks, leftOutName } from '../emulator/demo-config.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectPages } from '../aws/paginate.js';
import { EXIT } from '../pipeline/exit-codes.js';
import { DEFAULT_CREDENTIALS, startFakeJira, type FakeJira } from '../emulator/fake-jira.js';
import { DEFAULT_TOKEN, startFakeSlack, type FakeSlack } from '../emulator/fake-slack.js';
import { renderHubFindings } from './hub-findings.js';
import { reportCommand } from './report-command.js';
import { colourWanted, createStyle, outputWidth } from './style.js';
import { scanCommand, type ScanCommandIo } from './scan-command.js';
import { UsageError } from './usage-error.js';
import { DEMO_HELP } from './help.js';


/** The demo's scan (flags after \`rampart scan\`); the --keep hint prints the same. */
export function demoScanArgs(endpoint: string, configPath: string, outDir: string): string[] {
  return ['--endpoint-url', endpoint, '--config', resolve(configPath), '--create-table', '--out-dir', resolve(outDir)];
}

/** The variables a fresh shell needs to reach the emulator (its dummy credentials). */
const HINT_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'] as const;

const shellWord = (word: string): string => (/^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** Copy-pasteable lines that run the demo's scan again against the running emulator, from any shell. */
export function keepHint(endpoint: string, scanArgs: readonly string[], packageRoot = fileURLToPath(new URL('../../..', import.meta.url))): string {
  const env = emulatorEnv(endpoint);
  return [
    `the emulator keeps running at ${endpoint} (Ctrl-C to stop). To scan it again as the demo did, from another shell:`,
    `  cd ${shellWord(packageRoot)}`,
    `  export ${HINT_VARIABLES.map((name) => `${name}=${shellWord(env[name] ?? '')}`).join(' ')}`,
    `  npx rampart scan ${scanArgs.map(shellWord).join(' ')}`,
  ].join('\n');
}

export async function demoCommand(argv: readonly string[], io: ScanCommandIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { 'out-dir': { type: 'string' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see rampart demo --help`);
  }
  if (values.help) {
    io.stdout(`${DEMO_HELP}\n`);
    return 0;
  }
  const outDir = values['out-dir'] ?? 'rampart-demo';
  io.stdout('starting the local AWS emulator (moto_server)…\n');
  const emulator = await startEmulator({ log: (line) => io.stdout(`${line}\n`) });
  try {
    const env = { ...io.env, ...emulatorEnv(emulator.endpoint) };
    // The SDK's credential chain reads process.env.
    Object.assign(process.env, emulatorEnv(emulator.endpoint));
    const clients = createAwsClients('123456789012', 'us-east-1', undefined, { endpointUrl: emulator.endpoint });
    const seed = await seedDemoAccount(clients);
    const { createBackupBucket, demoRemediation } = await import('./demo-remediation.js');
    await createBackupBucket(clients);
    io.stdout(`seeded the demo account 123456789012: ${seed.insecure.length} insecure resources, ${seed.compliant.length} compliant decoys\n`);
    await mkdir(outDir, { recursive: true });
    const configPath = join(outDir, 'rampart.yaml');
    await writeFile(configPath, DEMO_CONFIG_YAML, 'utf8');
    io.stdout(`left out of the demo (the local emulator cannot serve them; a real scan runs them):\n`);
    for (const entry of DEMO_LEFT_OUT) io.stdout(`  ${leftOutName(entry)}${'service' in entry ? ` (${leftOutChecks(entry).length} checks)` : ''}: ${entry.reason}\n`);
    io.stdout(`scanning with the config ${configPath}\n`);
    const scanArgs = demoScanArgs(emulator.endpoint, configPath, outDir);
    const { exitCode } = await scanCommand(scanArgs, { ...io, env });
    // The local Jira and Slack stay up until the remediation has commented on what the report made.
    const jira = await startFakeJira();
    const slack = await startFakeSlack();
    const reportEnv = {
      ...env,
      RAMPART_JIRA_URL: jira.url, RAMPART_JIRA_EMAIL: DEFAULT_CREDENTIALS.email, RAMPART_JIRA_API_TOKEN: DEFAULT_CREDENTIALS.apiToken,
      RAMPART_SLACK_TOKEN: DEFAULT_TOKEN, RAMPART_SLACK_API_URL: slack.apiUrl,
    };
    let reported: number;
    let remediated: boolean;
    try {
      reported = await demoReport(configPath, emulator.endpoint, reportEnv, io, jira, slack);
      const findings = await collectPages(
        (NextToken) => clients.get(SecurityHubClient).send(new GetFindingsCommand({ NextToken, MaxResults: 100 })),
        (page) => page.NextToken,
        (page) => page.Findings,
      );
      const style = createStyle(colourWanted(io.stdoutIsTty ?? false, io.env));
      io.stdout(`\nthe emulated Security Hub, after the report step: ${renderHubFindings(findings, { width: outputWidth(io.stdoutIsTty, io.columns), top: 3, style })}`);
      const { loadConfig } = await import('../config/load.js');
      remediated = await demoRemediation(await loadConfig(configPath), emulator.endpoint, clients, reportEnv, io.stdout, { jira, slack });
    } finally {
      await jira.close();
      await slack.close();
    }
    io.stdout(`\nopen ${outDir}/report.html for the readable report\n`);
    clients.destroy();
    if (values.keep) {
      io.stdout(`${keepHint(emulator.endpoint, scanArgs)}\n`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
    if (reported !== EXIT.OK) return reported;
    if (!remediated) return EXIT.NOT_REMEDIATED;
    return exitCode;
  } finally {
    await emulator.stop();
  }
}

/** The report step against the local Jira and Slack stand-ins: what a user would see in their own. */
async function demoReport(configPath: string, endpoint: string, env: NodeJS.ProcessEnv, io: ScanCommandIo, jira: FakeJira, slack: FakeSlack): Promise<number> {
  io.stdout(`\nreporting to the local Jira (${jira.url}) and Slack (${slack.apiUrl}) stand-ins\n`);
  const code = await reportCommand(['--config', configPath, '--endpoint-url', endpoint], { env, stdout: io.stdout, stderr: io.stderr ?? io.stdout });
  io.stdout(`\nthe local Jira now holds ${jira.issues.size} issue(s):\n`);
  for (const issue of jira.issues.values()) io.stdout(`  ${issue.key}  ${issue.status.padEnd(11)} ${String(issue.fields.summary)}\n`);
  const posted = Object.values(slack.messages).reduce((n, list) => n + list.length, 0);
  io.stdout(`the local Slack received ${posted} message(s), in ${Object.values(slack.messages).filter((list) => list.length > 0).length} channel(s)\n`);
  return code;
}
