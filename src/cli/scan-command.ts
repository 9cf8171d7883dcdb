/** `rampart scan`: flags → ScanOptions, run, summary, exit code. */
import { parseArgs } from 'node:util';
import { RequestCounter } from '../aws/request-counter.js';
import { loadConfig } from '../config/load.js';
import { REGION_PATTERN, type RampartConfig } from '../config/schema.js';
import { SEVERITIES, type Severity } from '../core/check.js';
import { Registry } from '../core/registry.js';
import { EXIT, exitLines } from '../pipeline/exit-codes.js';
import { runScan, type ScanOptions, type ScanOutcome } from '../pipeline/scan.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../publish/files.js';
import { DEFAULT_TABLE } from '../state/store.js';
import { createLogger, type LogFormat } from '../util/logger.js';
import { VERSION } from '../version.js';
import { AUDITORS } from '../../auditors/index.js';
import { nextSteps, listingFile } from './next-steps.js';
import { chooseOutputs, timestampedDir, type OutputDefaults } from './output-choice.js';
import { createProgress } from './progress.js';
import { colourWanted, createStyle, outputWidth } from './style.js';
import { renderSummary } from './summary.js';
import { DEFAULT_TOP, renderTopFindings } from './top-findings.js';
import { UsageError } from './usage-error.js';

export const SCAN_HELP = `Usage: rampart scan [options]

Scans accounts and regions, publishes ASFF findings to Security Hub and the
DynamoDB record table, and writes optional report files.

Scope
  --regions <list|all>      regions to scan (comma-separated), or all enabled regions
                            (default: the config's regions, else the configured region)
  --home-region <region>    region for global inventories (S3, IAM) and the record table
  --services <list>         only these services (e.g. ec2,s3)
  --checks <list>           only these check ids
  --exclude-checks <list>   skip these check ids
Accounts and credentials
  --profile <name>          AWS profile for the base credentials (default chain otherwise)
  --role-arn <arn>          assume this role and scan its account
  --accounts <ids>          scan these accounts, assuming --role-name in each
  --role-name <name>        role to assume in each of --accounts
  --external-id <id>        external id for the assumed roles
  --endpoint-url <url>      endpoint for every AWS call (emulator or VPC endpoint);
                            AWS_ENDPOINT_URL is honoured too
Publishing
  --config <file>           JSON or YAML config file (see README)
  --table <name>            DynamoDB record table (default ${DEFAULT_TABLE})
  --create-table            create the record table when it is missing
  --no-securityhub          do not import findings into Security Hub
  --no-record               do not read or write the record table
  --no-publish-errors       keep ERROR results (NOT_AVAILABLE) out of Security Hub
  --publish <changed|all>   import only changed findings (default), or all
  --refresh-days <n>        re-import unchanged findings older than n days (default 7)
Output
  --output <list>           files to write: asff,ocsf,csv,html (default html,csv,asff)
  --out-dir <dir>           where files go (default: a new rampart-out/<UTC time> folder)
  --no-output               write no file
  --top <n>                 failing findings listed after the summary (default ${DEFAULT_TOP}; 0: none)
  --fail-on <severity>      exit 4 when an unexempted FAILED finding is at or above
                            LOW|MEDIUM|HIGH|CRITICAL (for CI gates)
  --concurrency <n>         inventories collected at once (default 4)
  --no-progress             no progress display
  --log-format <text|json>  log line format (default text)
  --verbose                 debug logging

Exit codes: 0 done; 1 unexpected error; 2 bad input; 3 findings not published
or recorded; 4 --fail-on threshold reached; 5 scan incomplete (an inventory could
not be collected). When several hold: 4, then 3, then 5; a line names each.`;

const OPTIONS = {
  regions: { type: 'string' },
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

const list = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);

function positiveInt(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} ${value}: expected a whole number from 1 to ${max}`);
  return n;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const upperOrLower = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!upperOrLower) throw new UsageError(`${flag} ${value}: expected one of ${allowed.join(', ')}`);
  return upperOrLower;
}

/** The files `rampart scan` writes when no output flag is given. */
export const DEFAULT_OUTPUTS: readonly OutputFormat[] = ['html', 'csv', 'asff'];
export const SCAN_OUTPUT_DEFAULTS: OutputDefaults = { outputs: DEFAULT_OUTPUTS, outDir: (now) => timestampedDir(now) };

function topCount(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TOP;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new UsageError(`--top ${value}: expected a whole number from 0 (no list) to 1000`);
  return n;
}

export function parseScanArgs(argv: readonly string[], env: NodeJS.ProcessEnv, outputDefaults: OutputDefaults = SCAN_OUTPUT_DEFAULTS, now: Date = new Date()): { options: Omit<ScanOptions, 'config'>; homeRegionFlag?: string; configPath?: string; logFormat: LogFormat; verbose: boolean; progress: boolean; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see rampart scan --help`);
  }
  const v = parsed.values;
  const outputs = list(v.output);
  for (const format of outputs ?? []) if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--output ${format}: expected a comma-separated list of ${OUTPUT_FORMATS.join(', ')}`);
  const regionsList = list(v.regions);
  const regions = regionsList && regionsList.length === 1 && regionsList[0] === 'all' ? 'all' : regionsList;
  const homeRegionFlag = v['home-region'];
  if (homeRegionFlag !== undefined && !REGION_PATTERN.test(homeRegionFlag)) throw new UsageError(`--home-region ${homeRegionFlag} is not a region name: use a name such as us-east-1`);
  const homeRegion = homeRegionFlag ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (Array.isArray(regions) ? regions[0] : undefined) ?? 'us-east-1';
  const failOn = oneOf('--fail-on', v['fail-on'], SEVERITIES.filter((s) => s !== 'INFORMATIONAL'));
  const publish = oneOf('--publish', v.publish, ['changed', 'all'] as const) ?? 'changed';
  const logFormat = oneOf('--log-format', v['log-format'], ['text', 'json'] as const) ?? 'text';
  const endpointUrl = v['endpoint-url'] ?? env.AWS_ENDPOINT_URL;
  if (endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(endpointUrl)) throw new UsageError(`--endpoint-url ${endpointUrl}: expected a URL such as http://127.0.0.1:5000`);
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
      ...chooseOutputs({ ...(outputs ? { output: outputs as OutputFormat[] } : {}), ...(v['out-dir'] !== undefined ? { outDir: v['out-dir'] } : {}), noOutput: v['no-output'] ?? false }, outputDefaults, now),
      topFailed: topCount(v.top),
      ...(failOn ? { failOn: failOn as Severity } : {}),
      concurrency: positiveInt('--concurrency', v.concurrency, 4, 64),
      publishMode: publish,
      refreshDays: v['refresh-days'] === undefined ? 0 : positiveInt('--refresh-days', v['refresh-days'], 7, 80),
      commandLine: ['rampart', 'scan', ...argv].map((arg) => (/\s|^$/.test(arg) ? JSON.stringify(arg) : arg)).join(' '),
    },
    ...(v.config ? { configPath: v.config } : {}),
    ...(homeRegionFlag ? { homeRegionFlag } : {}),
    logFormat,
    verbose: v.verbose ?? false,
    progress: !(v['no-progress'] ?? false),
    help: v.help ?? false,
  };
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
  // The home region: the flag, else the config, else the configured SDK region.
  if (!args.homeRegionFlag && config.homeRegion) merged.homeRegion = config.homeRegion;
  const stderr = io.stderr;
  const logger = createLogger({ format: args.logFormat, level: args.verbose ? 'debug' : 'info', ...(stderr ? { write: (line: string) => stderr(`${line}\n`) } : {}) });
  const progress = createProgress({ tty: io.stderrIsTty && args.logFormat === 'text', enabled: args.progress, logger });
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
