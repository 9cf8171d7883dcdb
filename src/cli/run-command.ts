/** `rampart run`: the scheduled job. A scan, then the report of what it recorded; the exit code is the worst of the two. */
import { loadConfig } from '../config/load.js';
import type { RampartConfig } from '../config/schema.js';
import { Registry } from '../core/registry.js';
import { describeAwsError } from '../aws/errors.js';
import { EXIT, worstOf } from '../pipeline/exit-codes.js';
import { runReportStep } from '../pipeline/report.js';
import { ReportSetupError } from '../pipeline/report-errors.js';
import { deriveRunSummary, formatLocation, lazyStore, parseLocation, sdkObjectStore, writeText, type RunEnd } from '../pipeline/summary.js';
import { createLogger } from '../util/logger.js';
import { redact } from '../util/redact.js';
import type { ScanOptions } from '../pipeline/scan.js';
import { AUDITORS } from '../../auditors/index.js';
import { renderReport } from './report-command.js';
import { applyConfig, parseScanArgs, scanCommand, settleRegions, type ScanCommandIo } from './scan-command.js';
import { OUT_ROOT, type OutputDefaults } from './output-choice.js';
import { UsageError } from './usage-error.js';
import { RUN_HELP } from './help.js';

type RunIo = ScanCommandIo & { stderr(text: string): void };

/** The scheduled job runs in a container: it writes files only when --output asks (to ./rampart-out unless --out-dir). */
export const RUN_OUTPUT_DEFAULTS: OutputDefaults = { outputs: [], outDir: () => OUT_ROOT };

export async function runCommand(argv: readonly string[], io: RunIo): Promise<number> {
  const { value: summaryOut, rest } = takeOption(argv, '--summary-out');
  const args = parseScanArgs(rest, io.env, RUN_OUTPUT_DEFAULTS);
  if (args.help) {
    io.stdout(`${RUN_HELP}\n`);
    return 0;
  }
  if (summaryOut === undefined) return (await runSteps(rest, args, io)).exitCode;
  return runWithSummary(rest, args, summaryOut, io);
}

async function runSteps(argv: readonly string[], args: ReturnType<typeof parseScanArgs>, io: RunIo): Promise<{ exitCode: number; scan: Awaited<ReturnType<typeof scanCommand>> }> {
  const scan = await scanCommand(argv, io, { outputs: RUN_OUTPUT_DEFAULTS, nextSteps: false });
  const config = args.configPath ? await loadConfig(args.configPath) : {};
  const reportExit = await reportAfterScan(args, config, scan, io);
  const dueExit = await dueRemediations(args, config, io);
  return { exitCode: worstOf([scan.exitCode, reportExit, dueExit]), scan };
}

/** Removes `--name value` / `--name=value` from argv (given at most once). */
function takeOption(argv: readonly string[], name: string): { value?: string; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg !== name && !arg.startsWith(`${name}=`)) {
      rest.push(arg);
      continue;
    }
    if (value !== undefined) throw new UsageError(`${name} given twice`);
    const next = arg === name ? argv[++i] : arg.slice(name.length + 1);
    if (next === undefined || next === '' || (arg === name && next.startsWith('--'))) throw new UsageError(`${name} needs a value: s3://bucket/key or a file path`);
    value = next;
  }
  return { ...(value !== undefined ? { value } : {}), rest };
}

/** Error classes main() reports as bad input (exit 2), by name: the summary records the code main will return. */
const INPUT_ERRORS = new Set(['UsageError', 'ConfigError', 'PlanError', 'AccountError', 'RegionError', 'RecordStoreError', 'ReportSetupError']);

/** The account a run was asked to scan, before anything was resolved (for a run that fails early). */
function requestedAccount(args: ReturnType<typeof parseScanArgs>): string {
  return args.options.accounts?.[0] ?? /^arn:[\w-]+:iam::(\d{12}):/.exec(args.options.roleArn ?? '')?.[1] ?? 'unknown';
}

/** The run, then its summary, written whatever happened: the fan-out judges accounts by their summaries. */
async function runWithSummary(argv: readonly string[], args: ReturnType<typeof parseScanArgs>, summaryOut: string, io: RunIo): Promise<number> {
  let target;
  try {
    target = parseLocation(summaryOut, '--summary-out');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if ((args.options.accounts?.length ?? 0) > 1) throw new UsageError('--summary-out describes one account\'s run: give --accounts one account id (the org fan-out runs one task per account)');
  const startedAt = new Date();
  let end: RunEnd;
  let failure: { error: unknown } | undefined;
  try {
    const { exitCode, scan } = await runSteps(argv, args, io);
    end = scan.outcome ? { kind: 'scanned', summary: scan.outcome.summary, scanExitCode: scan.exitCode, exitCode } : { kind: 'failed', error: new Error('the scan produced no outcome'), exitCode };
  } catch (error) {
    failure = { error };
    end = { kind: 'failed', error, exitCode: error instanceof Error && INPUT_ERRORS.has(error.name) ? EXIT.BAD_INPUT : EXIT.UNEXPECTED };
  }
  const summary = deriveRunSummary(end, { account: requestedAccount(args), startedAt, finishedAt: new Date() });
  const store = lazyStore(() => sdkObjectStore({ region: args.options.homeRegion, ...(args.options.endpointUrl ? { endpointUrl: args.options.endpointUrl } : {}), ...(args.options.profile ? { profile: args.options.profile } : {}) }));
  let written = true;
  try {
    await writeText(target, `${JSON.stringify(summary, null, 2)}\n`, 'application/json', store.get);
    io.stdout(`summary: ${summary.status} for ${summary.account} written to ${formatLocation(target)}\n`);
  } catch (error) {
    written = false;
    io.stderr(`rampart: the run summary could not be written to ${formatLocation(target)}: ${redact(describeAwsError(error).message)}\n`);
  } finally {
    store.close();
  }
  if (failure) throw failure.error;
  return written ? end.exitCode : worstOf([end.exitCode, EXIT.NOT_PUBLISHED]);
}

/**
 * The home region the scan used (flag, config, environment, first region, then the
 * profile's): the report and the due fixes read the record table there.
 */
export async function scannedHomeRegion(args: ReturnType<typeof parseScanArgs>, config: RampartConfig, env: NodeJS.ProcessEnv): Promise<{ merged: ScanOptions; homeRegion: string }> {
  const merged = applyConfig(args.options, config);
  await settleRegions(merged, args, env);
  return { merged, homeRegion: merged.homeRegion };
}

/** The grace-period fixes and warnings, when a check has autoRemediate enabled (README: Remediation). */
async function dueRemediations(args: ReturnType<typeof parseScanArgs>, config: RampartConfig, io: RunIo): Promise<number> {
  const wanted = Object.values(config.checks ?? {}).some((settings) => settings.autoRemediate?.enabled);
  if (!wanted || !args.options.record) return 0;
  const { merged, homeRegion } = await scannedHomeRegion(args, config, io.env);
  const logger = createLogger({ format: args.logFormat, level: args.verbose ? 'debug' : 'info', write: (line: string) => io.stderr(`${line}\n`) });
  const { openRemediation } = await import('../pipeline/remediate.js');
  const { renderReports, exitCodeOfReports } = await import('./remediate-command.js');
  const session = await openRemediation(
    { config, homeRegion, table: merged.table, env: io.env, ...(merged.endpointUrl ? { endpointUrl: merged.endpointUrl } : {}), ...(merged.profile ? { profile: merged.profile } : {}) },
    { registry: new Registry(AUDITORS), logger, ...(io.counter ? { counter: io.counter } : {}) },
  );
  try {
    const due = await session.due({});
    for (const warning of due.warnings) if (!warning.alreadyWarned) io.stdout(`WARNED  ${warning.findingId}: due ${warning.dueAt.slice(0, 10)}\n`);
    if (due.fixes.length > 0) io.stdout(`\n${renderReports(due.fixes, 'text')}`);
    return exitCodeOfReports(due.fixes);
  } finally {
    session.close();
  }
}

async function reportAfterScan(args: ReturnType<typeof parseScanArgs>, config: RampartConfig, scan: Awaited<ReturnType<typeof scanCommand>>, io: RunIo): Promise<number> {
  if (!config.reporting || (!config.reporting.jira?.project && !config.reporting.slack?.channel)) return 0;
  if (!args.options.record) {
    io.stderr('rampart: the report step reads the record table: it is skipped with --no-record\n');
    return 0;
  }
  const { merged, homeRegion } = await scannedHomeRegion(args, config, io.env);
  const logger = createLogger({ format: args.logFormat, level: args.verbose ? 'debug' : 'info', write: (line: string) => io.stderr(`${line}\n`) });
  let reportExit: number;
  try {
    const report = await runReportStep({
      config,
      homeRegion,
      table: merged.table,
      ...(merged.endpointUrl ? { endpointUrl: merged.endpointUrl } : {}),
      ...(merged.profile ? { profile: merged.profile } : {}),
      dryRun: false,
      env: io.env,
      ...(scan.outcome ? { scanTime: scan.outcome.summary.startedAt } : {}),
    }, { registry: new Registry(AUDITORS), logger, ...(io.counter ? { counter: io.counter } : {}) });
    io.stdout(`\n${renderReport(report, 'text')}`);
    reportExit = report.exitCode;
  } catch (error) {
    if (!(error instanceof ReportSetupError)) throw error;
    io.stderr(`rampart: report: ${redact(error.message)}\n`);
    reportExit = 2;
  }
  return reportExit;
}
