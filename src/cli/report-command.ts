/** `rampart report`: Jira tickets and Slack messages kept in step with the record table. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { firstGivenRegion } from '../aws/regions.js';
import { Registry } from '../core/registry.js';
import { exitLines } from '../pipeline/exit-codes.js';
import { runReportStep, type ReportStepOptions, type ReportStepResult } from '../pipeline/report.js';
import { DEFAULT_TABLE } from '../state/store.js';
import { createLogger } from '../util/logger.js';
import { AUDITORS } from '../../auditors/index.js';
import { oneOf } from './flags.js';
import { UsageError } from './usage-error.js';
import { REPORT_HELP } from './help.js';

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
  const only = oneOf('--only', values.only, ['jira', 'slack'] as const);
  const format = oneOf('--format', values.format, ['text', 'json'] as const) ?? 'text';
  const config = values.config ? await loadConfig(values.config) : {};
  const endpointUrl = values['endpoint-url'] ?? env.AWS_ENDPOINT_URL;
  const homeRegion = firstGivenRegion([['--home-region', values['home-region']], ['config homeRegion', config.homeRegion], ['AWS_REGION', env.AWS_REGION], ['AWS_DEFAULT_REGION', env.AWS_DEFAULT_REGION]], { anyWellFormed: endpointUrl !== undefined });
  if (!homeRegion) throw new UsageError('report needs the region of the record table: pass --home-region, set homeRegion in the config, or AWS_REGION');
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
