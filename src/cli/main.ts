/**
 * The rampart command line. A command's module is imported when that command
 * runs; help and the version are answered here, before any command module
 * loads, so they load no AWS SDK client, zod, yaml or auditor.
 */
import { redact, registerSecretsFromEnv } from '../util/redact.js';
import type { RequestCounter } from '../aws/request-counter.js';
import { VERSION } from '../version.js';
import { COMMAND_HELP, MAIN_HELP } from './help.js';
import { UsageError } from './usage-error.js';


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
    import('../aws/profiles.js').then((m) => m.ProfileError),
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

const HELP_FLAGS = new Set(['--help', '-h']);
const VERSION_FLAGS = new Set(['--version', '-v']);

/** The text to print for `help [command]`, `<command> --help` or `<command> --version`, if argv asks for one. */
function helpOrVersion(command: string | undefined, rest: readonly string[]): string | undefined {
  if (command === undefined || command === 'help' || HELP_FLAGS.has(command)) {
    const topic = command === 'help' ? rest[0] : undefined;
    if (topic === undefined) return MAIN_HELP;
    const text = COMMAND_HELP[topic];
    if (!text) throw new UsageError(`help ${topic}: no such command; the commands are ${Object.keys(COMMAND_HELP).join(', ')}`);
    return text;
  }
  if (VERSION_FLAGS.has(command)) return VERSION;
  const help = COMMAND_HELP[command];
  if (!help) return undefined;
  // Only before a `--`: what follows it is not rampart's to read.
  const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (own.some((arg) => HELP_FLAGS.has(arg))) return help;
  if (own.some((arg) => VERSION_FLAGS.has(arg))) return VERSION;
  return undefined;
}

export async function main(argv: readonly string[], io: MainIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  const { env, stdout } = io;
  const terminal = { ...(io.stdoutIsTty !== undefined ? { stdoutIsTty: io.stdoutIsTty } : {}), ...(io.columns !== undefined ? { columns: io.columns } : {}) };
  // The secret variables of the environment the command runs in (it may not be process.env).
  registerSecretsFromEnv(env);
  try {
    const text = helpOrVersion(command, rest);
    if (text !== undefined) {
      stdout(`${text}\n`);
      return 0;
    }
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

