/**
 * The rampart command line. A command's module is imported when that command
 * runs, so `--help` and `checks` load no AWS SDK client.
 */
import { redact, registerSecretsFromEnv } from '../util/redact.js';
import type { RequestCounter } from '../aws/request-counter.js';
import { VERSION } from '../version.js';
import { UsageError } from './usage-error.js';

const HELP = `rampart ${VERSION}: audits AWS accounts for security misconfigurations and
publishes ASFF findings to Security Hub and a DynamoDB record table.

Usage: rampart <command> [options]

Commands
  scan      scan accounts and regions, publish findings (rampart scan --help)
  checks    list the check catalogue (rampart checks --help)
  permissions  print the least-privilege IAM policies (rampart permissions --help)
  report    keep Jira tickets and Slack messages in step with the findings (rampart report --help)
  run       the scheduled job: scan, then report (rampart run --help)
  org-report  the verdict of an org-wide fan-out from the run summaries (rampart org-report --help)
  prune     archive findings of accounts and regions no longer watched (rampart prune --help)
  remediate fix what a custom action, a finding id or the grace period asks (rampart remediate --help)
  worker    drain the remediation queue (rampart worker --help)
  rollback  restore what a remediation changed (rampart rollback --help)
  remediations  the remediation history (rampart remediations --help)
  actions   create or update rampart's Security Hub custom action (rampart actions sync)
  insights  keep rampart's Security Hub insights in step with insights/*.json (rampart insights --help)
  demo      start the local emulator, seed an insecure account, scan it
  init-infra  print a starting deployment config for npm run synth (rampart init-infra --help)
  help      this text

  --version  print the version`;

/**
 * Errors that are the user's input or environment: one clear line, exit 2.
 * The classes are imported only when an error is classified: an error is never
 * an instance of a class whose module has not been loaded yet.
 */
async function isInputError(error: unknown): Promise<boolean> {
  if (error instanceof UsageError) return true;
  const types = await Promise.all([
    import('../config/load.js').then((m) => m.ConfigError),
    import('../core/planner.js').then((m) => m.PlanError),
    import('../aws/accounts.js').then((m) => m.AccountError),
    import('../aws/regions.js').then((m) => m.RegionError),
    import('../state/store.js').then((m) => m.RecordStoreError),
    import('../emulator/moto.js').then((m) => m.EmulatorError),
    import('../pipeline/report-errors.js').then((m) => m.ReportSetupError),
    import('../remediate/event.js').then((m) => m.EventError),
    import('../remediate/rollback.js').then((m) => m.RollbackError),
  ]);
  return types.some((type) => error instanceof type);
}

export interface MainIo {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  stderrIsTty: boolean;
  /** stdout is a terminal (colours, fitted width) and its columns. */
  stdoutIsTty?: boolean;
  columns?: number;
  /** Counts AWS requests (benchmarks and tests). */
  counter?: RequestCounter;
  /** Answers a confirmation question (a terminal; tests give their own). */
  ask?(question: string): Promise<string>;
}

const processIo: MainIo = {
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  stdoutIsTty: process.stdout.isTTY === true,
  get columns() {
    return process.stdout.columns;
  },
};

export async function main(argv: readonly string[], io: MainIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  const { env, stdout } = io;
  const terminal = { ...(io.stdoutIsTty !== undefined ? { stdoutIsTty: io.stdoutIsTty } : {}), ...(io.columns !== undefined ? { columns: io.columns } : {}) };
  // The secret variables of the environment the command runs in (it may not be process.env).
  registerSecretsFromEnv(env);
  try {
    switch (command) {
      case 'scan': {
        const { scanCommand } = await import('./scan-command.js');
        return (await scanCommand(rest, { env, stdout, stderr: io.stderr, stderrIsTty: io.stderrIsTty, ...terminal, ...(io.counter ? { counter: io.counter } : {}) })).exitCode;
      }
      case 'checks': {
        const { checksCommand } = await import('./checks-command.js');
        return checksCommand(rest, stdout);
      }
      case 'permissions': {
        const { permissionsCommand } = await import('./permissions-command.js');
        return permissionsCommand(rest, stdout);
      }
      case 'report': {
        const { reportCommand } = await import('./report-command.js');
        return await reportCommand(rest, { env, stdout, stderr: io.stderr });
      }
      case 'run': {
        const { runCommand } = await import('./run-command.js');
        return await runCommand(rest, { env, stdout, stderr: io.stderr, stderrIsTty: io.stderrIsTty, ...terminal, ...(io.counter ? { counter: io.counter } : {}) });
      }
      case 'org-report': {
        const { orgReportCommand } = await import('./org-report-command.js');
        return await orgReportCommand(rest, { env, stdout, stderr: io.stderr });
      }
      case 'prune': {
        const { pruneCommand } = await import('./prune-command.js');
        return await pruneCommand(rest, { env, stdout, stderr: io.stderr });
      }
      case 'remediate':
      case 'worker':
      case 'rollback':
      case 'remediations':
      case 'actions': {
        const commands = await import('./remediate-command.js');
        const run = { remediate: commands.remediateCommand, worker: commands.workerCommand, rollback: commands.rollbackCommand, remediations: commands.remediationsCommand, actions: commands.actionsCommand }[command];
        const ask = io.ask ?? commands.terminalAsk();
        return await run(rest, { env, stdout, stderr: io.stderr, ...(ask ? { ask } : {}), ...(io.counter ? { counter: io.counter } : {}) });
      }
      case 'insights': {
        const { insightsCommand } = await import('./insights-command.js');
        return await insightsCommand(rest, { env, stdout, stderr: io.stderr, ...(io.counter ? { counter: io.counter } : {}) });
      }
      case 'init-infra': {
        const { initInfraCommand } = await import('./init-infra-command.js');
        return initInfraCommand(rest, env, stdout);
      }
      case 'demo': {
        const { demoCommand } = await import('./demo-command.js');
        return await demoCommand(rest, { env, stdout, stderr: io.stderr, stderrIsTty: io.stderrIsTty, ...terminal });
      }
      case '--version':
      case '-v':
        stdout(`${VERSION}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        stdout(`${HELP}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}": use scan, run, report, checks, permissions, prune, remediate, worker, rollback, remediations, actions, insights, org-report, init-infra or demo (rampart --help)`);
    }
  } catch (error) {
    if (await isInputError(error)) {
      io.stderr(`rampart: ${redact((error as Error).message)}\n`);
      return 2;
    }
    io.stderr(`rampart: unexpected error: ${redact(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    return 1;
  }
}

