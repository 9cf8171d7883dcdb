/**
 * `rampart demo`: starts the local emulator, seeds a small insecure account,
 * scans it through the same code path as `rampart scan`, and writes a report.
 */
import { parseArgs } from 'node:util';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { createAwsClients } from '../aws/clients.js';
import { emulatorEnv, startEmulator } from '../emulator/moto.js';
import { seedDemoAccount } from '../emulator/demo-seed.js';
import { DEMO_CONFIG_YAML } from '../emulator/demo-config.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collectPages } from '../aws/paginate.js';
import { EXIT } from '../pipeline/exit-codes.js';
import { DEFAULT_CREDENTIALS, startFakeJira, type FakeJira } from '../emulator/fake-jira.js';
import { DEFAULT_TOKEN, startFakeSlack, type FakeSlack } from '../emulator/fake-slack.js';
import { reportCommand } from './report-command.js';
import { scanCommand, type ScanCommandIo } from './scan-command.js';
import { UsageError } from './usage-error.js';
import { DEMO_HELP } from './help.js';

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
    io.stdout(`seeded the demo account 123456789012: ${seed.insecure.length} insecure resources, ${seed.compliant.length} compliant decoys\n`);
    await mkdir(outDir, { recursive: true });
    const configPath = join(outDir, 'rampart.yaml');
    await writeFile(configPath, DEMO_CONFIG_YAML, 'utf8');
    io.stdout(`scanning with the config ${configPath}\n`);
    const { exitCode } = await scanCommand(
      ['--endpoint-url', emulator.endpoint, '--config', configPath, '--create-table', '--output', 'json,csv,html', '--out-dir', outDir],
      { ...io, env },
    );
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
      const failed = findings.filter((f) => f.Compliance?.Status === 'FAILED' && f.RecordState === 'ACTIVE');
      io.stdout(`\nthe emulated Security Hub now holds ${findings.length} rampart findings (${failed.length} FAILED):\n`);
      for (const f of failed) io.stdout(`  ${f.Severity?.Label?.padEnd(8)} ${f.GeneratorId}  ${f.Resources?.[0]?.Id}\n`);
      const { demoRemediation } = await import('./demo-remediation.js');
      const { loadConfig } = await import('../config/load.js');
      remediated = await demoRemediation(await loadConfig(configPath), emulator.endpoint, clients, reportEnv, io.stdout, { jira, slack });
    } finally {
      await jira.close();
      await slack.close();
    }
    io.stdout(`\nopen ${outDir}/report.html for the readable report\n`);
    clients.destroy();
    if (values.keep) {
      io.stdout(`the emulator keeps running at ${emulator.endpoint} (Ctrl-C to stop); try: npx rampart scan --endpoint-url ${emulator.endpoint} --no-progress\n`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
    if (reported !== EXIT.OK) return reported;
    if (!remediated) return EXIT.NOT_REMEDIATED;
    if (exitCode === EXIT.INCOMPLETE) {
      // Expected here: the emulator lacks some APIs (SSM instance information), so those inventories are ERROR.
      io.stdout('the incomplete inventories above are APIs the local emulator does not serve (README: "The emulator\'s gaps")\n');
      return EXIT.OK;
    }
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
