/** `rampart scan`: flags → ScanOptions, run, summary, exit code. */
import { parseArgs } from 'node:util';
import { RequestCounter } from '../aws/request-counter.js';
import { loadConfig } from '../config/load.js';
import type { RampartConfig } from '../config/schema.js';
import { readProfile } from '../aws/profiles.js';
import { validateRegion, validateRegions } from '../aws/regions.js';
import { SEVERITIES, type Severity } from '../core/check.js';
import { Registry } from '../core/registry.js';
import { exitLines } from '../pipeline/exit-codes.js';
import { runScan, type ScanOptions, type ScanOutcome } from '../pipeline/scan.js';
import { OUTPUT_FORMATS } from '../publish/files.js';
import { DEFAULT_TABLE } from '../state/table-name.js';
import { createLogger, type LogFormat } from '../util/logger.js';
import { VERSION } from '../version.js';
import { AUDITORS } from '../../auditors/index.js';
import { createProgress } from './progress.js';
import { createTerminal } from './terminal.js';
import { renderSummary } from './summary.js';
import { list, oneOf, positiveInt, regionsFlag, someOf } from './flags.js';
import { UsageError } from './usage-error.js';
import { SCAN_HELP } from './help.js';

const OPTIONS = {
  regions: { type: 'string' },
  region: { type: 'string' },
  'home-region': { type: 'string' },
  services: { type: 'string' },
  checks: { type: 'string' },
  'exclude-checks': { type: 'string' },
  profile: { type: 'string' },
  'role-arn': { type: 'string' },
  accounts: { type: 'string' },
  'role-name': { type: 'string' },
  'external-id': { type: 'string' },
  'endpoint-url': { type: 'string' },
  config: { type: 'string' },
  table: { type: 'string' },
  'create-table': { type: 'boolean' },
  'no-securityhub': { type: 'boolean' },
  'no-record': { type: 'boolean' },
  'no-publish-errors': { type: 'boolean' },
  publish: { type: 'string' },
  'refresh-days': { type: 'string' },
  output: { type: 'string' },
  'out-dir': { type: 'string' },
  'fail-on': { type: 'string' },
  concurrency: { type: 'string' },
  'no-progress': { type: 'boolean' },
  'log-format': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Where the home region came from: a flag, an environment variable, the first scanned region, or the default. */
export type HomeRegionSource = 'flag' | 'env' | 'regions' | 'default';

export function parseScanArgs(argv: readonly string[], env: NodeJS.ProcessEnv): { options: Omit<ScanOptions, 'config'>; homeRegionFlag?: string; homeRegionFrom: HomeRegionSource; configPath?: string; logFormat: LogFormat; verbose: boolean; progress: boolean; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see rampart scan --help`);
  }
  const v = parsed.values;
  const outputs = someOf('--output', v.output, OUTPUT_FORMATS);
  const endpointUrl = v['endpoint-url'] ?? env.AWS_ENDPOINT_URL;
  if (endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(endpointUrl)) throw new UsageError(`--endpoint-url ${endpointUrl}: expected a URL such as http://127.0.0.1:5000`);
  const regions = regionsFlag(v.regions, v.region, { anyWellFormed: endpointUrl !== undefined });
  const homeRegionFlag = v['home-region'];
  if (homeRegionFlag !== undefined) validateRegion(homeRegionFlag, '--home-region', { anyWellFormed: endpointUrl !== undefined });
  const envName = env.AWS_REGION ? 'AWS_REGION' : env.AWS_DEFAULT_REGION ? 'AWS_DEFAULT_REGION' : undefined;
  const firstRegion = Array.isArray(regions) ? regions[0] : undefined;
  const homeRegionFrom: HomeRegionSource = homeRegionFlag ? 'flag' : envName ? 'env' : firstRegion ? 'regions' : 'default';
  const homeRegion = homeRegionFlag
    ?? (envName ? validateRegion(env[envName] ?? '', envName, { anyWellFormed: endpointUrl !== undefined }) : undefined)
    ?? firstRegion ?? 'us-east-1';
  const failOn = oneOf('--fail-on', v['fail-on'], SEVERITIES.filter((s) => s !== 'INFORMATIONAL'));
  const publish = oneOf('--publish', v.publish, ['changed', 'all'] as const) ?? 'changed';
  const logFormat = oneOf('--log-format', v['log-format'], ['text', 'json'] as const) ?? 'text';
  return {
    options: {
      ...(regions ? { regions } : {}),
      homeRegion,
      ...(v.profile ? { profile: v.profile } : {}),
      ...(v['role-arn'] ? { roleArn: v['role-arn'] } : {}),
      ...(list(v.accounts) ? { accounts: list(v.accounts) } : {}),
      ...(v['role-name'] ? { roleName: v['role-name'] } : {}),
      ...(v['external-id'] ? { externalId: v['external-id'] } : {}),
      ...(endpointUrl ? { endpointUrl } : {}),
      ...(list(v.services) ? { services: list(v.services) } : {}),
      ...(list(v.checks) ? { checks: list(v.checks) } : {}),
      ...(list(v['exclude-checks']) ? { excludeChecks: list(v['exclude-checks']) } : {}),
      table: v.table ?? '',
      createTable: v['create-table'] ?? false,
      securityHub: !(v['no-securityhub'] ?? false),
      publishErrors: !(v['no-publish-errors'] ?? false),
      record: !(v['no-record'] ?? false),
      outputs,
      outDir: v['out-dir'] ?? 'rampart-out',
      ...(failOn ? { failOn: failOn as Severity } : {}),
      concurrency: positiveInt('--concurrency', v.concurrency, 4, 64),
      publishMode: publish,
      refreshDays: v['refresh-days'] === undefined ? 0 : positiveInt('--refresh-days', v['refresh-days'], 7, 80),
    },
    ...(v.config ? { configPath: v.config } : {}),
    ...(homeRegionFlag ? { homeRegionFlag } : {}),
    homeRegionFrom,
    logFormat,
    verbose: v.verbose ?? false,
    progress: !(v['no-progress'] ?? false),
    help: v.help ?? false,
  };
}

/**
 * The regions of the config checked like the flags, and the home region settled:
 * the flag, else the config, else AWS_REGION, else the profile's region (when
 * --profile is given and nothing else names a region), else the first region.
 */
export async function settleRegions(options: ScanOptions, args: ReturnType<typeof parseScanArgs>, env: NodeJS.ProcessEnv): Promise<void> {
  const check = { anyWellFormed: options.endpointUrl !== undefined };
  const { config } = options;
  if (Array.isArray(config.regions)) validateRegions(config.regions, 'config regions', check);
  if (config.homeRegion) validateRegion(config.homeRegion, 'config homeRegion', check);
  if (args.homeRegionFrom === 'flag') return;
  if (config.homeRegion) {
    options.homeRegion = config.homeRegion;
    return;
  }
  const named = args.homeRegionFrom !== 'default' || config.regions !== undefined;
  if (!options.profile) return;
  // An unknown profile is reported here, before any AWS call.
  const profile = await readProfile(options.profile, env);
  if (named || !profile.region) return;
  options.homeRegion = validateRegion(profile.region, `profile ${options.profile} region`, check);
}

/** Merges the config file under the flags (flags win). */
export function applyConfig(options: Omit<ScanOptions, 'config'>, config: RampartConfig): ScanOptions {
  return {
    ...options,
    config,
    homeRegion: options.homeRegion,
    ...(options.roleArn ?? config.roleArn ? { roleArn: options.roleArn ?? config.roleArn } : {}),
    ...(options.accounts ?? config.accounts ? { accounts: options.accounts ?? config.accounts } : {}),
    ...(options.roleName ?? config.roleName ? { roleName: options.roleName ?? config.roleName } : {}),
    ...(options.externalId ?? config.externalId ? { externalId: options.externalId ?? config.externalId } : {}),
    table: options.table || config.table || DEFAULT_TABLE,
    securityHub: options.securityHub && config.securityHub?.enabled !== false,
    publishErrors: options.publishErrors && config.securityHub?.publishErrors !== false,
    concurrency: options.concurrency,
    refreshDays: options.refreshDays || config.refreshDays || 7,
  };
}

export interface ScanCommandIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr?: (text: string) => void;
  stderrIsTty: boolean;
  counter?: RequestCounter;
}

export async function scanCommand(argv: readonly string[], io: ScanCommandIo): Promise<{ exitCode: number; outcome?: ScanOutcome }> {
  const args = parseScanArgs(argv, io.env);
  if (args.help) {
    io.stdout(`${SCAN_HELP}\n`);
    return { exitCode: 0 };
  }
  const config = args.configPath ? await loadConfig(args.configPath) : {};
  const merged = applyConfig(args.options, config);
  await settleRegions(merged, args, io.env);
  const tty = io.stderrIsTty && args.logFormat === 'text';
  const terminal = createTerminal({ write: io.stderr ?? ((text) => void process.stderr.write(text)), tty, columns: () => process.stderr.columns });
  const logger = createLogger({ format: args.logFormat, level: args.verbose ? 'debug' : 'info', write: (line) => terminal.line(line) });
  const progress = createProgress({ tty, enabled: args.progress, logger, terminal });
  const outcome = await runScan(merged, { registry: new Registry(AUDITORS), logger, progress, version: VERSION, ...(io.counter ? { counter: io.counter } : {}) });
  io.stdout(renderSummary(outcome.summary, outcome.files));
  const lines = exitLines(outcome.conditions);
  if (lines.length > 0) io.stdout(`\n${lines.join('\n')}\n`);
  return { exitCode: outcome.exitCode, outcome };
}
