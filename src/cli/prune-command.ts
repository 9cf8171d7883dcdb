/** `rampart prune`: list, then (with --yes) archive, the open findings of accounts and regions the config no longer watches. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { firstGivenRegion, validateRegion } from '../aws/regions.js';
import { Registry } from '../core/registry.js';
import { exitLines } from '../pipeline/exit-codes.js';
import { runPrune, type PruneOutcome } from '../pipeline/prune.js';
import { DEFAULT_TABLE } from '../state/table-name.js';
import { createLogger } from '../util/logger.js';
import { VERSION } from '../version.js';
import { AUDITORS } from '../../auditors/index.js';
import { list, regionsFlag } from './flags.js';
import { UsageError } from './usage-error.js';
import { PRUNE_HELP } from './help.js';

const OPTIONS = {
  config: { type: 'string' },
  regions: { type: 'string' },
  region: { type: 'string' },
  'home-region': { type: 'string' },
  accounts: { type: 'string' },
  'role-name': { type: 'string' },
  'external-id': { type: 'string' },
  profile: { type: 'string' },
  'endpoint-url': { type: 'string' },
  table: { type: 'string' },
  'table-region': { type: 'string' },
  yes: { type: 'boolean' },
  'no-securityhub': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;


export function renderPrune(outcome: PruneOutcome, applied: boolean): string {
  const { watched, candidates } = outcome;
  const lines = [`watched: account(s) ${watched.accounts.join(', ')}; region(s) ${watched.regions.join(', ')}; home region ${watched.homeRegion}`];
  if (candidates.length === 0) return `${lines.join('\n')}\nnothing to prune: every open finding belongs to a watched account and region\n`;
  const reasons = new Map<string, number>();
  for (const c of candidates) reasons.set(c.reason, (reasons.get(c.reason) ?? 0) + 1);
  lines.push(`${candidates.length} open finding(s) are no longer watched:`);
  for (const [reason, count] of reasons) lines.push(`  ${count} × ${reason}`);
  lines.push('', 'account       region          status  check / resource');
  for (const { record } of candidates) lines.push(`${record.accountId}  ${record.region.padEnd(14)}  ${record.state.padEnd(6)}  ${record.checkId}  ${record.resource.arn}`);
  lines.push('');
  if (applied) lines.push(`archived ${outcome.archived}, pending ${outcome.pending}`);
  else lines.push(`nothing was changed: run again with --yes to archive these ${candidates.length} finding(s)`);
  return `${lines.join('\n')}\n`;
}

export async function pruneCommand(argv: readonly string[], io: { env: NodeJS.ProcessEnv; stdout(text: string): void; stderr(text: string): void }): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see rampart prune --help`);
  }
  if (values.help) {
    io.stdout(`${PRUNE_HELP}\n`);
    return 0;
  }
  const config = values.config ? await loadConfig(values.config) : {};
  const endpointUrl = values['endpoint-url'] ?? io.env.AWS_ENDPOINT_URL;
  const check = { anyWellFormed: endpointUrl !== undefined };
  const homeRegion = firstGivenRegion([['--home-region', values['home-region']], ['config homeRegion', config.homeRegion], ['AWS_REGION', io.env.AWS_REGION], ['AWS_DEFAULT_REGION', io.env.AWS_DEFAULT_REGION]], check);
  if (!homeRegion) throw new UsageError('prune needs the home region: pass --home-region, set homeRegion in the config, or AWS_REGION');
  const tableRegion = values['table-region'] === undefined ? homeRegion : validateRegion(values['table-region'], '--table-region', check);
  const regions = regionsFlag(values.regions, values.region, check);
  const roleName = values['role-name'] ?? config.roleName;
  const externalId = values['external-id'] ?? config.externalId;
  const accounts = list(values.accounts) ?? config.accounts;
  if (accounts && !roleName) throw new UsageError('--accounts needs --role-name (or roleName in the config): the role rampart assumes in each account');
  const logger = createLogger({ format: 'text', level: 'info', write: (line: string) => io.stderr(`${line}\n`) });
  const outcome = await runPrune({
    config,
    homeRegion,
    ...(regions ? { regions } : {}),
    ...(accounts ? { accounts } : {}),
    ...(roleName ? { roleName } : {}),
    ...(externalId ? { externalId } : {}),
    ...(values.profile ? { profile: values.profile } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
    table: values.table ?? config.table ?? DEFAULT_TABLE,
    tableRegion,
    apply: values.yes ?? false,
    securityHub: !(values['no-securityhub'] ?? false) && config.securityHub?.enabled !== false,
  }, { registry: new Registry(AUDITORS), logger, version: VERSION });
  for (const problem of outcome.problems) logger.error(problem);
  io.stdout(renderPrune(outcome, values.yes ?? false));
  const lines = exitLines(outcome.conditions);
  if (lines.length > 0) io.stdout(`${lines.join('\n')}\n`);
  return outcome.exitCode;
}
