/** `rampart report`: Jira tickets and Slack messages kept in step with the record table. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { REGION_PATTERN } from '../config/schema.js';
import { Registry } from '../core/registry.js';
import { exitLines } from '../pipeline/exit-codes.js';
import { runReportStep, type ReportStepOptions, type ReportStepResult } from '../pipeline/report.js';
import { DEFAULT_TABLE } from '../state/store.js';
import { createLogger } from '../util/logger.js';
import { AUDITORS } from '../../auditors/index.js';
import { UsageError } from './usage-error.js';

export const REPORT_HELP = `Usage: rampart report [options]

Reads the record table and keeps one Jira ticket and one Slack message per
finding in step with it: created when a finding fails, commented or edited
when it changes, closed or resolved when it is fixed, deleted or exempted,
reopened when it fails again. An unchanged finding costs no call.

  --config <file>           the config with the reporting section (README: Reporting)
  --dry-run                 print every call it would make; change nothing
  --only <jira|slack>       report to one of the two
  --format <text|json>      json: one object per finding acted on, and the totals
  --table <name>            the record table (default ${DEFAULT_TABLE})
  --home-region <region>    where the record table is (default: config homeRegion, else AWS_REGION)
  --endpoint-url <url>      endpoint for the AWS calls (the emulator)
  --profile <name>          AWS profile for the record table

Environment: RAMPART_JIRA_URL, RAMPART_JIRA_EMAIL, RAMPART_JIRA_API_TOKEN,
RAMPART_SLACK_TOKEN, RAMPART_SLACK_API_URL (default Slack's).

Exit codes: 0 done; 2 a setting is missing or wrong (one line names it);
3 some findings could not be reported (pending, retried next run); 1 unexpected error.`;

const OPTIONS = {
  config: { type: 'string' },
  'dry-run': { type: 'boolean' },
  only: { type: 'string' },
  format: { type: 'string' },
  table: { type: 'string' },
  'home-region': { type: 'string' },
  'endpoint-url': { type: 'string' },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The report step's options as the flags give them (the environment is the caller's), and the output format. */
export interface ReportArgs extends Omit<ReportStepOptions, 'env' | 'scanTime'> {
  format: 'text' | 'json';
}

export function renderReport(result: ReportStepResult, format: 'text' | 'json'): string {
  const { outcome } = result;
  if (format === 'json') {
    return `${JSON.stringify({ findings: outcome.lines, totals: outcome.totals, calls: outcome.calls, ...(outcome.planned.length > 0 ? { planned: outcome.planned } : {}), problems: outcome.problems }, null, 2)}\n`;
  }
  const lines: string[] = [];
  for (const call of outcome.planned) lines.push(`would: ${call}`);
  for (const line of outcome.lines) {
    const jira = line.jira ? `jira ${line.jira.action}${line.jira.key ? ` ${line.jira.key}` : ''}${line.jira.error ? ` (${line.jira.error})` : ''}` : '';
    const slack = line.slack ? `slack ${line.slack.action}${line.slack.channel ? ` ${line.slack.channel}` : ''}${line.slack.error ? ` (${line.slack.error})` : ''}` : '';
    lines.push(`${[jira, slack].filter(Boolean).join('  ')}  ${line.findingId}${line.routeNote ? ` [${line.routeNote}]` : ''}`);
  }
  const totals = Object.entries(outcome.totals).filter(([key]) => !key.endsWith('.unchanged')).map(([key, n]) => `${key} ${n}`).join(', ');
  lines.push('', `report: ${totals || 'nothing to do'}; unchanged: jira ${outcome.totals['jira.unchanged'] ?? 0}, slack ${outcome.totals['slack.unchanged'] ?? 0}; calls: jira ${outcome.calls.jira}, slack ${outcome.calls.slack}`);
  for (const problem of outcome.problems) lines.push(`problem: ${problem}`);
  const exit = exitLines(result.conditions);
  if (exit.length > 0) lines.push('', ...exit);
  return `${lines.join('\n')}\n`;
}

export async function parseReportArgs(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<ReportArgs | 'help'> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see rampart report --help`);
  }
  if (values.help) return 'help';
  const only = values.only;
  if (only !== undefined && only !== 'jira' && only !== 'slack') throw new UsageError(`--only ${only}: expected jira or slack`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format ${format}: expected text or json`);
  const config = values.config ? await loadConfig(values.config) : {};
  const homeRegion = values['home-region'] ?? config.homeRegion ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!homeRegion) throw new UsageError('report needs the region of the record table: pass --home-region, set homeRegion in the config, or AWS_REGION');
  if (!REGION_PATTERN.test(homeRegion)) throw new UsageError(`--home-region ${homeRegion} is not a region name: use a name such as us-east-1`);
  const endpointUrl = values['endpoint-url'] ?? env.AWS_ENDPOINT_URL;
  return {
    config,
    homeRegion,
    table: values.table ?? config.table ?? DEFAULT_TABLE,
    ...(endpointUrl ? { endpointUrl } : {}),
    ...(values.profile ? { profile: values.profile } : {}),
    dryRun: values['dry-run'] ?? false,
    ...(only ? { only } : {}),
    format,
  };
}

export async function reportCommand(argv: readonly string[], io: { env: NodeJS.ProcessEnv; stdout(text: string): void; stderr(text: string): void }): Promise<number> {
  const args = await parseReportArgs(argv, io.env);
  if (args === 'help') {
    io.stdout(`${REPORT_HELP}\n`);
    return 0;
  }
  const logger = createLogger({ format: 'text', level: 'info', write: (line: string) => io.stderr(`${line}\n`) });
  const result = await runReportStep({ ...args, env: io.env }, { registry: new Registry(AUDITORS), logger });
  io.stdout(renderReport(result, args.format));
  return result.exitCode;
}
