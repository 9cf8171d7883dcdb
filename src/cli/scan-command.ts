/** `rampart scan`: flags → ScanOptions, run, summary, exit code. */
import { parseArgs } from 'node:util';
import { RequestCounter } from '../aws/request-counter.js';
import { loadConfig } from '../config/load.js';
import type { RampartConfig } from '../config/schema.js';
import { readProfile } from '../aws/profiles.js';
import { validateRegion, validateRegions } from '../aws/regions.js';
import { SEVERITIES, type Severity } from '../core/check.js';
import { Registry } from '../core/registry.js';
import { EXIT, exitLines } from '../pipeline/exit-codes.js';
import { runScan, type ScanOptions, type ScanOutcome } from '../pipeline/scan.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../publish/files.js';
import { DEFAULT_TABLE } from '../state/table-name.js';
import { createLogger, type LogFormat } from '../util/logger.js';
import { VERSION } from '../version.js';
import { AUDITORS } from '../../auditors/index.js';
import { nextSteps, listingFile } from './next-steps.js';
import { chooseOutputs, timestampedDir, type OutputDefaults } from './output-choice.js';
import { createProgress } from './progress.js';
import { colourWanted, createStyle, outputWidth } from './style.js';
import { createTerminal } from './terminal.js';
import { renderSummary } from './summary.js';
import { DEFAULT_TOP, renderTopFindings } from './top-findings.js';
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
  'no-output': { type: 'boolean' },
  top: { type: 'string' },
  'fail-on': { type: 'string' },
  concurrency: { type: 'string' },
  'no-progress': { type: 'boolean' },
  'log-format': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Where the home region came from: a flag, an environment variable, the first scanned region, or the default. */
export type HomeRegionSource = 'flag' | 'env' | 'regions' | 'default';

/** The files `rampart scan` writes when no output flag is given. */
export const DEFAULT_OUTPUTS: readonly OutputFormat[] = ['html', 'csv', 'asff'];
export const SCAN_OUTPUT_DEFAULTS: OutputDefaults = { outputs: DEFAULT_OUTPUTS, outDir: (now) => timestampedDir(now) };

function topCount(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TOP;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new UsageError(`--top ${value}: expected a whole number from 0 (no list) to 1000`);
  return n;
}

export function parseScanArgs(argv: readonly string[], env: NodeJS.ProcessEnv, outputDefaults: OutputDefaults = SCAN_OUTPUT_DEFAULTS, now: Date = new Date()): { options: Omit<ScanOptions, 'config'>; homeRegionFlag?: string; homeRegionFrom: HomeRegionSource; configPath?: string; logFormat: LogFormat; verbose: boolean; progress: boolean; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see rampart scan --help`);
  }
  const v = parsed.values;
  const outputs = v.output === undefined ? undefined : someOf('--output', v.output, OUTPUT_FORMATS);
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
      ...chooseOutputs({ ...(outputs ? { output: outputs } : {}), ...(v['out-dir'] !== undefined ? { outDir: v['out-dir'] } : {}), noOutput: v['no-output'] ?? false }, outputDefaults, now),
      topFailed: topCount(v.top),
      ...(failOn ? { failOn: failOn as Severity } : {}),
      concurrency: positiveInt('--concurrency', v.concurrency, 4, 64),
      publishMode: publish,
      refreshDays: v['refresh-days'] === undefined ? 0 : positiveInt('--refresh-days', v['refresh-days'], 7, 80),
      commandLine: ['rampart', 'scan', ...argv].map((arg) => (/\s|^$/.test(arg) ? JSON.stringify(arg) : arg)).join(' '),
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
  /** stdout is a terminal (colours, fitted width) and its columns. */
  stdoutIsTty?: boolean;
  columns?: number;
  counter?: RequestCounter;
}

/** What differs between `rampart scan` and the scan step of `rampart run` (a scheduled job: no files unless asked, no hints). */
export interface ScanFlavour {
  outputs: OutputDefaults;
  nextSteps: boolean;
}

export async function scanCommand(argv: readonly string[], io: ScanCommandIo, flavour: ScanFlavour = { outputs: SCAN_OUTPUT_DEFAULTS, nextSteps: true }): Promise<{ exitCode: number; outcome?: ScanOutcome }> {
  const args = parseScanArgs(argv, io.env, flavour.outputs);
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
  const style = createStyle(colourWanted(io.stdoutIsTty ?? false, io.env));
  io.stdout(renderSummary(outcome.summary, outcome.files, style));
  const moreIn = listingFile(outcome.files);
  const top = renderTopFindings(outcome.failing, { width: outputWidth(io.stdoutIsTty, io.columns), style, ...(moreIn ? { moreIn } : {}) });
  if (top) io.stdout(`\n${top}`);
  const lines = exitLines(outcome.conditions);
  if (lines.length > 0) io.stdout(`\n${lines.join('\n')}\n`);
  const incomplete = outcome.conditions.some((c) => c.code === EXIT.INCOMPLETE || c.code === EXIT.NOT_PUBLISHED);
  const next = !flavour.nextSteps ? [] : nextSteps({ failing: outcome.failing.total, files: outcome.files, failOnGiven: merged.failOn !== undefined, incomplete });
  if (next.length > 0) io.stdout(`\n${next.join('\n')}\n`);
  return { exitCode: outcome.exitCode, outcome };
}
