/** `rampart run`: the scheduled job. A scan, then the report of what it recorded; the exit code is the worst of the two. */
import { loadConfig } from '../config/load.js';
import type { RampartConfig } from '../config/schema.js';
import { Registry } from '../core/registry.js';
import { worstOf } from '../pipeline/exit-codes.js';
import { runReportStep } from '../pipeline/report.js';
import { ReportSetupError } from '../pipeline/report-errors.js';
import { createLogger } from '../util/logger.js';
import { redact } from '../util/redact.js';
import { AUDITORS } from '../../auditors/index.js';
import { renderReport } from './report-command.js';
import { applyConfig, parseScanArgs, scanCommand, SCAN_HELP, type ScanCommandIo } from './scan-command.js';

export const RUN_HELP = `Usage: rampart run [scan options]

The scheduled job: \`rampart scan\` with these options, then \`rampart report\` of
what it recorded (when the config has a reporting section). The exit code is
the worst of the steps: 1, then 2, then 4, 3, 5, 6. Then, when a check has
autoRemediate enabled, the grace-period fixes and warnings (rampart remediate --due).

${SCAN_HELP.split('\n').slice(1).join('\n')}`;

export async function runCommand(argv: readonly string[], io: ScanCommandIo & { stderr(text: string): void }): Promise<number> {
  const args = parseScanArgs(argv, io.env);
  if (args.help) {
    io.stdout(`${RUN_HELP}\n`);
    return 0;
  }
  const scan = await scanCommand(argv, io);
  const config = args.configPath ? await loadConfig(args.configPath) : {};
  const reportExit = await reportAfterScan(args, config, scan, io);
  const dueExit = await dueRemediations(args, config, io);
  return worstOf([scan.exitCode, reportExit, dueExit]);
}

/** The grace-period fixes and warnings, when a check has autoRemediate enabled (README: Remediation). */
async function dueRemediations(args: ReturnType<typeof parseScanArgs>, config: RampartConfig, io: ScanCommandIo & { stderr(text: string): void }): Promise<number> {
  const wanted = Object.values(config.checks ?? {}).some((settings) => settings.autoRemediate?.enabled);
  if (!wanted || !args.options.record) return 0;
  const merged = applyConfig(args.options, config);
  const homeRegion = args.homeRegionFlag ?? config.homeRegion ?? merged.homeRegion;
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

async function reportAfterScan(args: ReturnType<typeof parseScanArgs>, config: RampartConfig, scan: Awaited<ReturnType<typeof scanCommand>>, io: ScanCommandIo & { stderr(text: string): void }): Promise<number> {
  if (!config.reporting || (!config.reporting.jira?.project && !config.reporting.slack?.channel)) return 0;
  if (!args.options.record) {
    io.stderr('rampart: the report step reads the record table: it is skipped with --no-record\n');
    return 0;
  }
  const merged = applyConfig(args.options, config);
  const homeRegion = args.homeRegionFlag ?? config.homeRegion ?? merged.homeRegion;
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
