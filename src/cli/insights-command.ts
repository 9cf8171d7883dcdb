/**
 * rampart insights sync | list: rampart's Security Hub insights (insights/*.json) created, updated in
 * place and deleted per region, in the account the credentials are for; foreign insights are never touched.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { firstGivenRegion, validateRegions } from '../aws/regions.js';
import type { RequestCounter } from '../aws/request-counter.js';
import { INSIGHT_LIMITS, InsightDefinitionError, loadInsightDefinitions, type InsightDefinition } from '../insights/definitions.js';
import type { InsightStatus, PlannedCall } from '../insights/plan.js';
import type { CallOutcome, InsightSyncReport } from '../insights/sync.js';
import { EXIT } from '../pipeline/exit-codes.js';
import { oneOf, regionsFlag } from './flags.js';
import { UsageError } from './usage-error.js';
import { INSIGHTS_HELP } from './help.js';

const OPTIONS = {
  'dry-run': { type: 'boolean' },
  regions: { type: 'string' },
  region: { type: 'string' },
  config: { type: 'string' },
  'home-region': { type: 'string' },
  'endpoint-url': { type: 'string' },
  profile: { type: 'string' },
  dir: { type: 'string' },
  offline: { type: 'boolean' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Environment variables that mean credentials are at hand (list then compares with Security Hub). */
const CREDENTIAL_ENV = ['AWS_ENDPOINT_URL', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE'];

export interface InsightsIo {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  counter?: RequestCounter;
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see rampart insights --help`);
  }
}

async function definitions(values: Values): Promise<InsightDefinition[]> {
  try {
    return await loadInsightDefinitions(...(values.dir !== undefined ? [values.dir] : []));
  } catch (error) {
    if (error instanceof InsightDefinitionError) throw new UsageError(`bad insight definition:\n${error.message}`);
    throw error;
  }
}

interface Target {
  regions: string[];
  homeRegion: string;
  endpointUrl?: string;
  profile?: string;
}

async function target(values: Values, env: NodeJS.ProcessEnv): Promise<Target> {
  const config = values.config !== undefined ? await loadConfig(values.config) : {};
  const endpointUrl = values['endpoint-url'] ?? env.AWS_ENDPOINT_URL;
  const check = { anyWellFormed: endpointUrl !== undefined };
  const flagged = regionsFlag(values.regions, values.region, check);
  if (flagged === 'all') throw new UsageError('insights --regions all: name the regions (insights are kept per region)');
  const homeRegion = firstGivenRegion([['--home-region', values['home-region']], ['config homeRegion', config.homeRegion], ['AWS_REGION', env.AWS_REGION], ['AWS_DEFAULT_REGION', env.AWS_DEFAULT_REGION]], check) ?? flagged?.[0];
  if (!homeRegion) throw new UsageError('insights needs a region: pass --regions or --home-region, set homeRegion in the config, or AWS_REGION');
  const configured = config.regions === undefined || config.regions === 'all' ? undefined : validateRegions(config.regions, 'config regions', check);
  return { regions: flagged ?? configured ?? [homeRegion], homeRegion, ...(endpointUrl ? { endpointUrl } : {}), ...(values.profile !== undefined ? { profile: values.profile } : {}) };
}

/** Runs sync (or, dryRun, the comparison) in every region, one region's failure not stopping the next. */
async function perRegion(where: Target, defs: readonly InsightDefinition[], dryRun: boolean, counter: RequestCounter | undefined): Promise<InsightSyncReport[]> {
  const [{ resolveAccounts }, { createAwsClients }, { syncInsights }] = await Promise.all([import('../aws/accounts.js'), import('../aws/clients.js'), import('../insights/sync.js')]);
  const settings = { ...(where.endpointUrl ? { endpointUrl: where.endpointUrl } : {}), ...(counter ? { counter } : {}) };
  const { base } = await resolveAccounts({ region: where.homeRegion, ...(where.profile ? { profile: where.profile } : {}), settings });
  const reports: InsightSyncReport[] = [];
  for (const region of where.regions) {
    const clients = createAwsClients(base.accountId, region, base.credentials, settings);
    try {
      reports.push(await syncInsights(clients, defs, { dryRun }));
    } finally {
      clients.destroy();
    }
  }
  return reports;
}

const failed = (reports: readonly InsightSyncReport[]): boolean => reports.some((r) => r.error !== undefined || r.outcomes.some((o) => o.outcome === 'failed'));

const DONE: Record<PlannedCall['action'], string> = { create: 'created', update: 'updated', delete: 'deleted' };

function detail(call: PlannedCall): string {
  if (call.action === 'update') return ` (${call.changes.join(', ')}${call.changes.includes('name') ? `; was "${call.previousName}"` : ''})`;
  if (call.action === 'delete') return ` (${call.reason})`;
  return '';
}

function outcomeLine({ call, outcome, error }: CallOutcome): string {
  if (outcome === 'failed') return `  FAILED     ${call.action} ${call.name}: ${error ?? ''}`;
  const verb = outcome === 'planned' ? `would ${call.action}` : DONE[call.action];
  return `  ${verb.padEnd(15)}${call.name}${detail(call)}`;
}

function overLimit(report: InsightSyncReport): string[] {
  const count = report.plan?.projectedCount ?? 0;
  if (count <= INSIGHT_LIMITS.customInsights) return [];
  return [`  warning: ${report.accountId}/${report.region} would hold ${count} custom insights; Security Hub allows ${INSIGHT_LIMITS.customInsights} per account and region, so some creates will fail (LimitExceededException)`];
}

function syncText(reports: readonly InsightSyncReport[], dryRun: boolean): string {
  const lines: string[] = [];
  for (const r of reports) {
    if (r.error) {
      lines.push(`${r.accountId} ${r.region}: FAILED ${r.error}`);
      continue;
    }
    const statuses = r.plan?.statuses ?? [];
    const count = (state: InsightStatus['state']) => statuses.filter((s) => s.state === state).length;
    const tally = new Map<string, number>();
    for (const o of r.outcomes) {
      const word = o.outcome === 'failed' ? 'failed' : o.outcome === 'planned' ? `to ${o.call.action}` : DONE[o.call.action];
      tally.set(word, (tally.get(word) ?? 0) + 1);
    }
    const parts = [...[...tally].map(([word, n]) => `${n} ${word}`), `${count('in-step')} in step`];
    if (count('foreign') > 0) parts.push(`${count('foreign')} foreign left alone`);
    lines.push(`${r.accountId} ${r.region}: ${parts.join(', ')}${dryRun ? ' (dry run: nothing changed)' : ''}`);
    lines.push(...r.outcomes.map(outcomeLine), ...overLimit(r));
  }
  return `${lines.join('\n')}\n`;
}

function outcomeJson({ call, outcome, arn, error }: CallOutcome): Record<string, unknown> {
  const { filters: _filters, groupBy: _groupBy, ...rest } = call as PlannedCall & { filters?: unknown; groupBy?: unknown };
  return { ...rest, outcome, ...(arn ? { arn } : {}), ...(error ? { error } : {}) };
}

function reportJson(r: InsightSyncReport): Record<string, unknown> {
  return {
    accountId: r.accountId,
    region: r.region,
    ...(r.error ? { error: r.error } : {}),
    ...(r.plan ? { projectedCount: r.plan.projectedCount, statuses: r.plan.statuses } : {}),
    calls: r.outcomes.map(outcomeJson),
  };
}

const STATE_NOTE: Partial<Record<InsightStatus['state'], string>> = {
  stale: "rampart's, no longer defined: sync deletes it",
  foreign: "not rampart's: left alone",
};

function listText(reports: readonly InsightSyncReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.accountId} ${r.region}${r.error ? `: FAILED ${r.error}` : ''}`);
    for (const s of r.plan?.statuses ?? []) {
      const note = s.state === 'differs' ? `differs in ${(s.changes ?? []).join(', ')}` : STATE_NOTE[s.state];
      lines.push(`  ${s.state.padEnd(9)} ${(s.key ?? '-').padEnd(26)} ${s.name}${note ? ` (${note})` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function definitionsText(defs: readonly InsightDefinition[]): string {
  return `${defs.map((d) => `${d.key.padEnd(26)} ${d.name} (grouped by ${d.groupBy})\n  ${d.description}`).join('\n')}\n`;
}

function definitionJson(d: InsightDefinition): Record<string, unknown> {
  return { key: d.key, name: d.name, description: d.description, groupBy: d.groupBy, filters: d.filters };
}

export async function insightsCommand(argv: readonly string[], io: InsightsIo): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help || positionals.length === 0) {
    io.stdout(`${INSIGHTS_HELP}\n`);
    return values.help ? EXIT.OK : EXIT.BAD_INPUT;
  }
  const [sub, ...extra] = positionals;
  if ((sub !== 'sync' && sub !== 'list') || extra.length > 0) throw new UsageError(`insights ${positionals.join(' ')}: use rampart insights sync or rampart insights list`);
  const format = oneOf('--format', values.format, ['text', 'json'] as const) ?? 'text';
  if (sub === 'list' && values['dry-run']) throw new UsageError('--dry-run is for insights sync (list changes nothing)');
  if (sub === 'sync' && values.offline) throw new UsageError('--offline is for insights list (sync calls Security Hub)');
  const defs = await definitions(values);

  if (sub === 'list') {
    const remote = !values.offline && (values['endpoint-url'] !== undefined || values.profile !== undefined || values.regions !== undefined || CREDENTIAL_ENV.some((name) => io.env[name]));
    if (!remote) {
      io.stdout(format === 'json' ? `${JSON.stringify(defs.map(definitionJson), null, 2)}\n` : definitionsText(defs));
      return EXIT.OK;
    }
    const reports = await perRegion(await target(values, io.env), defs, true, io.counter);
    io.stdout(format === 'json' ? `${JSON.stringify({ definitions: defs.map(definitionJson), regions: reports.map((r) => ({ accountId: r.accountId, region: r.region, ...(r.error ? { error: r.error } : {}), statuses: r.plan?.statuses ?? [] })) }, null, 2)}\n` : listText(reports));
    return failed(reports) ? EXIT.NOT_PUBLISHED : EXIT.OK;
  }

  const dryRun = values['dry-run'] === true;
  const reports = await perRegion(await target(values, io.env), defs, dryRun, io.counter);
  io.stdout(format === 'json' ? `${JSON.stringify(reports.map(reportJson), null, 2)}\n` : syncText(reports, dryRun));
  if (failed(reports)) {
    io.stderr(`rampart: insights ${sub}: a Security Hub call failed (named above); the others were made\n`);
    return EXIT.NOT_PUBLISHED;
  }
  return EXIT.OK;
}
