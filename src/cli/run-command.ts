/** `rampart run`: the scheduled job. A scan, then the report of what it recorded; the exit code is the worst of the two. */
import { loadConfig } from '../config/load.js';
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
the worst of the two steps: 1, then 2, then 4, 3, 5.

${SCAN_HELP.split('\n').slice(1).join('\n')}`;

export async function runCommand(argv: readonly string[], io: ScanCommandIo & { stderr(text: string): void }): Promise<number> {
  const args = parseScanArgs(argv, io.env);
  if (args.help) {
    io.stdout(`${RUN_HELP}\n`);
    return 0;
  }
  const scan = await scanCommand(argv, io);
  const config = args.configPath ? await loadConfig(args.configPath) : {};
  if (!config.reporting || (!config.reporting.jira?.project && !config.reporting.slack?.channel)) return scan.exitCode;
  if (!args.options.record) {
    io.stderr('rampart: the report step reads the record table: it is skipped with --no-record\n');
    return scan.exitCode;
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
  return worstOf([scan.exitCode, reportExit]);
}
