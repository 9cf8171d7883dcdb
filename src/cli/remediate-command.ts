/**
 * The remediation commands: remediate (a custom-action event, one finding, or
 * the findings past their grace period), worker (drain the queue), rollback,
 * remediations (history) and actions sync (rampart's custom action target).
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import type { RampartConfig } from '../config/schema.js';
import { firstGivenRegion, validateRegions } from '../aws/regions.js';
import { Registry } from '../core/registry.js';
import type { RequestCounter } from '../aws/request-counter.js';
import { EXIT } from '../pipeline/exit-codes.js';
import type { RemediationReport } from '../remediate/engine.js';
import type { RollbackReport } from '../remediate/rollback.js';
import type { RemediationItem } from '../state/remediations.js';
import { DEFAULT_TABLE } from '../state/table-name.js';
import { createLogger, type Logger } from '../util/logger.js';
import { redact } from '../util/redact.js';
import { AUDITORS } from '../../auditors/index.js';
import { oneOf } from './flags.js';
import { UsageError } from './usage-error.js';
import { REMEDIATE_HELP, WORKER_HELP, ROLLBACK_HELP, REMEDIATIONS_HELP, ACTIONS_HELP } from './help.js';

const COMMON = {
  config: { type: 'string' },
  format: { type: 'string' },
  table: { type: 'string' },
  'home-region': { type: 'string' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface RemediateIo {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a line from the terminal, when there is one (manual confirmation). */
  ask?(question: string): Promise<string>;
  counter?: RequestCounter;
}

interface Common {
  config: RampartConfig;
  homeRegion: string;
  table: string;
  endpointUrl?: string;
  profile?: string;
  format: 'text' | 'json';
}

function parse<O extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(argv: readonly string[], options: O, command: string, positionals = false) {
  try {
    return parseArgs({ args: [...argv], options: { ...COMMON, ...options }, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see rampart ${command} --help`);
  }
}

async function common(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv, command: string): Promise<Common> {
  const format = oneOf('--format', values.format as string | undefined, ['text', 'json'] as const) ?? 'text';
  const config = typeof values.config === 'string' ? await loadConfig(values.config) : {};
  const endpointUrl = (values['endpoint-url'] as string | undefined) ?? env.AWS_ENDPOINT_URL;
  const homeRegion = firstGivenRegion([
    ['--home-region', values['home-region'] as string | undefined], ['--region', values.region as string | undefined], ['config homeRegion', config.homeRegion],
    ['AWS_REGION', env.AWS_REGION], ['AWS_DEFAULT_REGION', env.AWS_DEFAULT_REGION],
  ], { anyWellFormed: endpointUrl !== undefined });
  if (!homeRegion) throw new UsageError(`${command} needs the region of the record table: pass --home-region, set homeRegion in the config, or AWS_REGION`);
  return {
    config, homeRegion, table: (values.table as string | undefined) ?? config.table ?? DEFAULT_TABLE, format,
    ...(endpointUrl ? { endpointUrl } : {}), ...(typeof values.profile === 'string' ? { profile: values.profile } : {}),
  };
}

function logger(io: RemediateIo): Logger {
  return createLogger({ format: 'text', level: 'info', write: (line: string) => io.stderr(`${line}\n`) });
}

async function session(args: Common, io: RemediateIo) {
  const { openRemediation } = await import('../pipeline/remediate.js');
  return openRemediation(
    { config: args.config, homeRegion: args.homeRegion, table: args.table, env: io.env, ...(args.endpointUrl ? { endpointUrl: args.endpointUrl } : {}), ...(args.profile ? { profile: args.profile } : {}) },
    { registry: new Registry(AUDITORS), logger: logger(io), ...(io.counter ? { counter: io.counter } : {}) },
  );
}

const GOOD = new Set(['REMEDIATED', 'ALREADY_COMPLIANT', 'DRY_RUN']);

export function exitCodeOfReports(reports: readonly RemediationReport[]): number {
  return reports.every((r) => GOOD.has(r.outcome)) ? EXIT.OK : EXIT.NOT_REMEDIATED;
}

/** The JSON form of a report: what others rely on (finding id, outcome, reason, remediationId, backupKey, calls). */
function reportJson(report: RemediationReport): Record<string, unknown> {
  const { before: _before, after: _after, ...rest } = report;
  return rest;
}

export function renderReports(reports: readonly RemediationReport[], format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(reports.map(reportJson), null, 2)}\n`;
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.outcome.padEnd(18)} ${r.findingId}`);
    lines.push(`  ${r.reason}`);
    if (r.outcome === 'DRY_RUN' || r.outcome === 'REMEDIATED' || r.outcome === 'FAILED') {
      for (const call of r.calls) lines.push(`  call ${call.action} ${JSON.stringify(call.input)}`);
    }
    if (r.backupKey) lines.push(`  backup ${r.backupKey}; roll back: rampart rollback ${r.remediationId}`);
    for (const left of r.left ?? []) lines.push(`  left: ${left}`);
  }
  const counts = new Map<string, number>();
  for (const r of reports) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  lines.push('', `remediate: ${reports.length} finding(s): ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ') || 'nothing to do'}`);
  return `${lines.join('\n')}\n`;
}

async function readEvent(source: string): Promise<string> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    throw new UsageError(`--event ${source}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export async function remediateCommand(argv: readonly string[], io: RemediateIo): Promise<number> {
  const { values } = parse(argv, { event: { type: 'string' }, finding: { type: 'string' }, due: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' } }, 'remediate');
  if (values.help) {
    io.stdout(`${REMEDIATE_HELP}\n`);
    return 0;
  }
  const modes = [values.event !== undefined, values.finding !== undefined, values.due === true].filter(Boolean).length;
  if (modes !== 1) throw new UsageError('remediate needs exactly one of --event <file|->, --finding <id> or --due; see rampart remediate --help');
  const args = await common(values, io.env, 'remediate');
  const dryRun = values['dry-run'] === true;
  let eventText: string | undefined;
  if (values.event !== undefined) {
    eventText = await readEvent(values.event);
    const { parseCustomActionEvent, EventError } = await import('../remediate/event.js');
    try {
      parseCustomActionEvent(eventText);
    } catch (error) {
      if (error instanceof EventError) throw new UsageError(`--event ${values.event}: ${error.message}`);
      throw error;
    }
  }
  if (values.finding !== undefined && !dryRun && values.yes !== true && !io.ask) {
    throw new UsageError('--finding changes the resource: there is no terminal to confirm on, so pass --yes (or --dry-run to see the calls)');
  }
  const remediation = await session(args, io);
  try {
    let reports: RemediationReport[];
    if (eventText !== undefined) reports = await remediation.handleEvent(eventText, { dryRun });
    else if (values.finding !== undefined) {
      const requestedBy = `${io.env.USER ?? 'someone'} at a terminal (rampart remediate --finding)`;
      if (!dryRun && values.yes !== true && io.ask) {
        const plan = await remediation.handleFinding(values.finding, { dryRun: true, requestedBy });
        io.stdout(renderReports([plan], 'text'));
        if (plan.outcome !== 'DRY_RUN') return exitCodeOfReports([plan]);
        const answer = (await io.ask(`Make these ${plan.calls.length} call(s) on ${plan.resource ?? values.finding}? [y/N] `)).trim().toLowerCase();
        if (answer !== 'y' && answer !== 'yes') {
          io.stdout('nothing changed\n');
          return EXIT.OK;
        }
      }
      reports = [await remediation.handleFinding(values.finding, { dryRun, requestedBy })];
    } else {
      const due = await remediation.due({ dryRun });
      for (const warning of due.warnings) io.stdout(`${warning.alreadyWarned ? 'warned before' : 'WARNED'}  ${warning.findingId}: due ${warning.dueAt.slice(0, 10)}${warning.sent.length > 0 ? ` (${warning.sent.join(', ')})` : ''}\n`);
      reports = due.fixes;
    }
    io.stdout(renderReports(reports, args.format));
    return exitCodeOfReports(reports);
  } finally {
    remediation.close();
  }
}

export async function workerCommand(argv: readonly string[], io: RemediateIo): Promise<number> {
  const { values } = parse(argv, { 'queue-url': { type: 'string' }, once: { type: 'boolean' }, 'max-receives': { type: 'string' } }, 'worker');
  if (values.help) {
    io.stdout(`${WORKER_HELP}\n`);
    return 0;
  }
  const args = await common(values, io.env, 'worker');
  const queueUrl = values['queue-url'] ?? args.config.remediation?.queueUrl;
  if (!queueUrl) throw new UsageError('worker needs the queue: pass --queue-url or set remediation.queueUrl in the config');
  const maxReceives = values['max-receives'] !== undefined ? Number(values['max-receives']) : args.config.remediation?.maxReceives;
  if (maxReceives !== undefined && (!Number.isInteger(maxReceives) || maxReceives < 1)) throw new UsageError(`--max-receives ${String(values['max-receives'])}: expected a whole number of at least 1`);
  const remediation = await session(args, io);
  let stop = false;
  const onSignal = (): void => {
    stop = true;
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    const [{ runWorker }, { createAwsClients }, { baseCredentials }, { RecordStore }, { DynamoDBClient }] = await Promise.all([
      import('../pipeline/worker.js'), import('../aws/clients.js'), import('../aws/accounts.js'), import('../state/store.js'), import('@aws-sdk/client-dynamodb'),
    ]);
    const clients = createAwsClients(remediation.baseAccountId, args.homeRegion, await baseCredentials(args.profile), { ...(args.endpointUrl ? { endpointUrl: args.endpointUrl } : {}), ...(io.counter ? { counter: io.counter } : {}) });
    try {
      const log = new RecordStore(clients.get(DynamoDBClient), args.table).remediations();
      const summary = await runWorker(remediation, log, clients, { queueUrl, once: values.once === true, ...(maxReceives !== undefined ? { maxReceives } : {}), stopped: () => stop }, logger(io));
      io.stdout(renderReports(summary.reports, args.format));
      io.stdout(`worker: ${summary.messages} message(s), ${summary.deleted} done and deleted, ${summary.retried} left for redelivery, ${summary.deadLettered} for the dead-letter queue\n`);
      for (const problem of summary.problems) io.stderr(`rampart: worker: ${redact(problem)}\n`);
      if (summary.problems.length > 0) return EXIT.NOT_PUBLISHED;
      return exitCodeOfReports(summary.reports);
    } finally {
      clients.destroy();
    }
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    remediation.close();
  }
}

function renderRollback(report: RollbackReport, format: 'text' | 'json'): string {
  if (format === 'json') {
    const { before: _b, after: _a, ...rest } = report;
    return `${JSON.stringify(rest, null, 2)}\n`;
  }
  return `${report.outcome}  ${report.remediationId} (${report.findingId})\n  ${report.reason}\n${report.calls.map((c) => `  call ${c.action} ${JSON.stringify(c.input)}\n`).join('')}`;
}

export async function rollbackCommand(argv: readonly string[], io: RemediateIo): Promise<number> {
  const { values, positionals } = parse(argv, {}, 'rollback', true);
  if (values.help) {
    io.stdout(`${ROLLBACK_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1 || !/^[\w-]{1,64}$/.test(positionals[0] ?? '')) throw new UsageError('rollback needs one remediation id, such as rem-0123456789abcdef0123 (rampart remediations lists them)');
  const args = await common(values, io.env, 'rollback');
  const remediation = await session(args, io);
  try {
    const { RollbackError } = await import('../remediate/rollback.js');
    try {
      const report = await remediation.rollback(positionals[0] as string, `${io.env.USER ?? 'someone'} (rampart rollback)`);
      io.stdout(renderRollback(report, args.format));
      return report.outcome === 'FAILED' ? EXIT.NOT_REMEDIATED : EXIT.OK;
    } catch (error) {
      if (error instanceof RollbackError) throw new UsageError(error.message);
      throw error;
    }
  } finally {
    remediation.close();
  }
}

function renderHistory(items: readonly RemediationItem[], format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(items.map(({ pk: _pk, sk: _sk, state: _s, lastSeenAt: _l, ...rest }) => rest), null, 2)}\n`;
  if (items.length === 0) return 'no remediation recorded\n';
  return `${items.map((i) => [
    `${i.updatedAt}  ${(i.outcome ?? i.phase).padEnd(18)} ${i.remediationId}  ${i.findingId}`,
    `  ${i.trigger} by ${i.requestedBy}${i.receives ? `; ${i.receives} receive(s)` : ''}${i.deadLettered ? '; dead-lettered' : ''}`,
    `  ${i.reason ?? ''}`,
    ...(i.backupKey ? [`  backup s3://${i.backupBucket ?? '?'}/${i.backupKey}`] : []),
    ...(i.rollback ? [`  rollback ${i.rollback.outcome} at ${i.rollback.at} by ${i.rollback.by}: ${i.rollback.reason}`] : []),
    ...(i.writeBackProblems ?? []).map((p) => `  write-back problem: ${p}`),
  ].join('\n')).join('\n')}\n`;
}

export async function remediationsCommand(argv: readonly string[], io: RemediateIo): Promise<number> {
  const { values } = parse(argv, { finding: { type: 'string' } }, 'remediations');
  if (values.help) {
    io.stdout(`${REMEDIATIONS_HELP}\n`);
    return 0;
  }
  const args = await common(values, io.env, 'remediations');
  const remediation = await session(args, io);
  try {
    io.stdout(renderHistory(await remediation.history(values.finding), args.format));
    return EXIT.OK;
  } finally {
    remediation.close();
  }
}

export async function actionsCommand(argv: readonly string[], io: RemediateIo): Promise<number> {
  const { values, positionals } = parse(argv, { regions: { type: 'string' } }, 'actions', true);
  if (values.help || positionals.length === 0) {
    io.stdout(`${ACTIONS_HELP}\n`);
    return values.help ? 0 : EXIT.BAD_INPUT;
  }
  if (positionals[0] !== 'sync' || positionals.length > 1) throw new UsageError(`actions ${positionals.join(' ')}: the only subcommand is sync`);
  const args = await common(values, io.env, 'actions sync');
  const configured = args.config.regions === 'all' ? undefined : args.config.regions;
  const regions = validateRegions(values.regions !== undefined ? values.regions.split(',').map((r) => r.trim()).filter(Boolean) : configured ?? [args.homeRegion], values.regions !== undefined ? '--regions' : 'config regions', { anyWellFormed: args.endpointUrl !== undefined });
  const [{ resolveAccounts }, { createAwsClients }, { syncActionTarget }] = await Promise.all([import('../aws/accounts.js'), import('../aws/clients.js'), import('../remediate/action-targets.js')]);
  const settings = { ...(args.endpointUrl ? { endpointUrl: args.endpointUrl } : {}), ...(io.counter ? { counter: io.counter } : {}) };
  const { base } = await resolveAccounts({ region: args.homeRegion, ...(args.profile ? { profile: args.profile } : {}), settings });
  let failed = 0;
  const results: Array<{ region: string; arn?: string; change?: string; error?: string }> = [];
  for (const region of regions) {
    const clients = createAwsClients(base.accountId, region, base.credentials, settings);
    try {
      results.push({ region, ...(await syncActionTarget(clients)) });
    } catch (error) {
      failed += 1;
      const { describeAwsError } = await import('../aws/errors.js');
      results.push({ region, error: describeAwsError(error).message });
    } finally {
      clients.destroy();
    }
  }
  if (args.format === 'json') io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  else for (const r of results) io.stdout(r.error ? `FAILED     ${r.region}: ${r.error}\n` : `${(r.change ?? '').padEnd(10)} ${r.arn ?? ''}\n`);
  return failed > 0 ? EXIT.NOT_PUBLISHED : EXIT.OK;
}

/** A terminal question, when stdin and stdout are terminals. */
export function terminalAsk(): ((question: string) => Promise<string>) | undefined {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  };
}
